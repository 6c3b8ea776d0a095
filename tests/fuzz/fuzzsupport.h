// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What several fuzz targets share: the bytes as a file, a Qt application
// object, and the packet-sequence input format of the decoder targets.

#include <QString>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace packetlens::fuzz {

// An anonymous in-memory file (memfd) holding the input, opened by path
// ("/proc/self/fd/N") the way a face opens a capture or a list file.
class MemFile
{
public:
    MemFile(const uint8_t *data, size_t size);
    ~MemFile();
    MemFile(const MemFile &) = delete;
    MemFile &operator=(const MemFile &) = delete;
    QString path() const;

private:
    int m_fd = -1;
};

// A QCoreApplication for the code that expects one (made on first use).
void ensureApplication();

// The decoder targets' input: a first byte choosing the link type, then
// packets, each [step: 1 byte][length: 2 bytes, big-endian][bytes]; the
// step's low 7 bits are the milliseconds since the previous packet, its high
// bit says the packet was cut short by the snap length (its length on the
// wire 64 bytes more). A length beyond the end takes what is left.
struct FuzzPacket
{
    int64_t tsNs = 0;
    const uint8_t *data = nullptr;
    uint32_t size = 0;
    uint32_t wireLen = 0;
};
std::vector<FuzzPacket> splitPackets(const uint8_t *data, size_t size);

// Decodes and dissects every packet as the app's packet list and details do,
// then analyzes the sequence with detection on and writes the report as JSON
// and HTML. linkTypes: the family the target covers; the input's first byte
// picks one.
void runPacketSequence(std::initializer_list<int> linkTypes, const uint8_t *data, size_t size);

} // namespace packetlens::fuzz
