// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Qt-free on purpose: the capture helper (src/capturehelper, libpcap only)
// compiles this file too, so that the stream it writes and the files the
// analyzer saves are made by one writer.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace packetlens {

// Writes pcapng: one section header, interface description blocks, enhanced
// packet blocks and interface statistics blocks, buffered, to a sink (a file
// descriptor, a file being stored). Once the sink fails every later call
// fails too.
class PcapngWriter
{
public:
    // Writes n bytes; false when it could not (errno says why when set).
    using Sink = std::function<bool(const uint8_t *data, size_t n)>;
    explicit PcapngWriter(Sink sink, size_t bufferBytes = 256 * 1024);
    // A sink that writes to a file descriptor (retrying short writes and EINTR).
    static Sink fdSink(int fd);

    bool writeSection(const std::string &application);
    // tsDigits: 6 (µs) or 9 (ns), the resolution of this interface's packet
    // timestamps. Returns false when the sink failed; interfaces are numbered
    // from 0 in the order written.
    bool writeInterface(int linkType, uint32_t snaplen, const std::string &name, const std::string &filter, int tsDigits);
    bool writePacket(uint32_t interfaceId, uint64_t timestamp, uint32_t caplen, uint32_t len, const uint8_t *data);
    struct Stats
    {
        uint64_t received = 0;  // isb_ifrecv
        uint64_t ifDropped = 0; // isb_ifdrop: dropped by the interface
        uint64_t osDropped = 0; // isb_osdrop: dropped by the capture system (the kernel's buffer was full)
    };
    bool writeStatistics(uint32_t interfaceId, uint64_t timestamp, const Stats &s);
    bool flush();
    bool failed() const { return m_failed; }
    uint64_t bytesWritten() const { return m_written; }

private:
    void put32(uint32_t v);
    void put16(uint16_t v);
    void put64(uint64_t v);
    void putBytes(const void *p, size_t n);
    void padTo4();
    void option(uint16_t code, const void *value, uint16_t length);
    void beginBlock(uint32_t type);
    bool endBlock();

    Sink m_sink;
    size_t m_limit;
    std::vector<uint8_t> m_buf;
    size_t m_blockStart = 0;
    uint64_t m_written = 0;
    bool m_failed = false;
};

} // namespace packetlens
