// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstddef>
#include <cstdint>

namespace packetlens {

enum class CaptureFormat { Unknown, Pcap, Pcapng, Gzip, Zip };

// Recognizes a file by its first bytes (never by its name).
CaptureFormat detectFormat(const uint8_t *head, size_t n);
// The same, and checks that those bytes hold a complete file header of that
// format: Unknown with the reason otherwise ("empty", "truncated pcap header
// (10 of 24 bytes)", "not a capture (…): starts with …").
CaptureFormat sniffCapture(const uint8_t *head, size_t n, QString *why);
QString captureFormatName(CaptureFormat f); // "pcap", "pcapng", "gzip", "zip", ""

// A classic pcap file header, in the file's byte order resolved.
struct PcapHeader
{
    bool swapped = false;  // written on a machine of the other byte order
    bool nano = false;     // nanosecond timestamps
    uint16_t major = 0, minor = 0;
    uint32_t snaplen = 0;
    uint32_t linkTypeField = 0; // LINKTYPE_ value, FCS and reserved bits above it
};
// False unless `head` starts with one of the four standard pcap magics and
// holds the whole 24-byte header.
bool readPcapHeader(const uint8_t *head, size_t n, PcapHeader &out);
QString describeHead(const uint8_t *head, size_t n); // "starts with 3c 21 44 4f ('<!DO')"

} // namespace packetlens
