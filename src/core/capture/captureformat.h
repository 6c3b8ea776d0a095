#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>

namespace packetlens {

enum class CaptureFormat { Unknown, Pcap, Pcapng, Gzip, Zip };

// Recognizes a file by its first bytes (never by its name).
CaptureFormat detectFormat(const uint8_t *head, size_t n);
QString describeHead(const uint8_t *head, size_t n); // "starts with 3c 21 44 4f ('<!DO')"

} // namespace packetlens
