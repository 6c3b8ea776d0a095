// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapngwriter.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace packetlens {

namespace {
constexpr uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kInterfaceDescription = 1;
constexpr uint32_t kInterfaceStatistics = 5;
constexpr uint32_t kEnhancedPacket = 6;
constexpr uint16_t kOptEnd = 0, kOptUserAppl = 4, kIfName = 2, kIfTsResol = 9, kIfFilter = 11;
constexpr uint16_t kIsbIfRecv = 4, kIsbIfDrop = 5, kIsbOsDrop = 7;
} // namespace

PcapngWriter::PcapngWriter(Sink sink, size_t bufferBytes) : m_sink(std::move(sink)), m_limit(bufferBytes)
{
    m_buf.reserve(bufferBytes + 65536 + 64);
}

PcapngWriter::Sink PcapngWriter::fdSink(int fd)
{
    return [fd](const uint8_t *data, size_t n) {
        size_t done = 0;
        while (done < n) {
            const ssize_t w = ::write(fd, data + done, n - done);
            if (w < 0 && errno == EINTR)
                continue;
            if (w <= 0)
                return false;
            done += size_t(w);
        }
        return true;
    };
}

void PcapngWriter::putBytes(const void *p, size_t n)
{
    const auto *b = static_cast<const uint8_t *>(p);
    m_buf.insert(m_buf.end(), b, b + n);
}

void PcapngWriter::put32(uint32_t v) { putBytes(&v, 4); }
void PcapngWriter::put16(uint16_t v) { putBytes(&v, 2); }
void PcapngWriter::put64(uint64_t v) { putBytes(&v, 8); }

void PcapngWriter::padTo4()
{
    while ((m_buf.size() - m_blockStart) % 4)
        m_buf.push_back(0);
}

void PcapngWriter::option(uint16_t code, const void *value, uint16_t length)
{
    put16(code);
    put16(length);
    putBytes(value, length);
    padTo4();
}

void PcapngWriter::beginBlock(uint32_t type)
{
    m_blockStart = m_buf.size();
    put32(type);
    put32(0); // the total length, set by endBlock()
}

bool PcapngWriter::endBlock()
{
    padTo4();
    const uint32_t total = uint32_t(m_buf.size() - m_blockStart + 4);
    std::memcpy(m_buf.data() + m_blockStart + 4, &total, 4);
    put32(total);
    return m_buf.size() >= m_limit ? flush() : !m_failed;
}

bool PcapngWriter::writeSection(const std::string &application)
{
    beginBlock(kSectionHeader);
    put32(0x1A2B3C4D);
    put16(1);
    put16(0);
    put64(~uint64_t(0)); // section length unknown: written as a stream
    option(kOptUserAppl, application.data(), uint16_t(std::min<size_t>(application.size(), 255)));
    put32(kOptEnd);
    return endBlock();
}

bool PcapngWriter::writeInterface(int linkType, uint32_t snaplen, const std::string &name, const std::string &filter,
                                  int tsDigits)
{
    beginBlock(kInterfaceDescription);
    put16(uint16_t(linkType));
    put16(0);
    put32(snaplen);
    if (!name.empty())
        option(kIfName, name.data(), uint16_t(std::min<size_t>(name.size(), 255)));
    const uint8_t resolution = uint8_t(tsDigits);
    option(kIfTsResol, &resolution, 1);
    if (!filter.empty()) {
        std::string value(1, '\0'); // code 0: the filter in libpcap's syntax
        value += filter.substr(0, 4000);
        option(kIfFilter, value.data(), uint16_t(value.size()));
    }
    put32(kOptEnd);
    return endBlock();
}

bool PcapngWriter::writePacket(uint32_t interfaceId, uint64_t timestamp, uint32_t caplen, uint32_t len, const uint8_t *data)
{
    beginBlock(kEnhancedPacket);
    put32(interfaceId);
    put32(uint32_t(timestamp >> 32));
    put32(uint32_t(timestamp));
    put32(caplen);
    put32(len);
    putBytes(data, caplen);
    return endBlock();
}

bool PcapngWriter::writeStatistics(uint32_t interfaceId, uint64_t timestamp, const Stats &s)
{
    beginBlock(kInterfaceStatistics);
    put32(interfaceId);
    put32(uint32_t(timestamp >> 32));
    put32(uint32_t(timestamp));
    const uint64_t values[3] = {s.received, s.ifDropped, s.osDropped};
    const uint16_t codes[3] = {kIsbIfRecv, kIsbIfDrop, kIsbOsDrop};
    for (int i = 0; i < 3; ++i)
        option(codes[i], &values[i], 8);
    put32(kOptEnd);
    return endBlock();
}

bool PcapngWriter::flush()
{
    if (!m_failed && !m_buf.empty()) {
        m_failed = !m_sink(m_buf.data(), m_buf.size());
        if (!m_failed)
            m_written += m_buf.size();
    }
    m_buf.clear();
    return !m_failed;
}

} // namespace packetlens
