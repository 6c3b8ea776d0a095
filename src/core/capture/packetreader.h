// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace packetlens {

struct RawPacket
{
    int64_t tsSec = 0;
    uint32_t tsNsec = 0;
    uint32_t caplen = 0;
    uint32_t len = 0;
    int linkType = 0;
    const uint8_t *data = nullptr;
    // Where the packet's record starts in the capture stream, when the reader
    // knows it (classic pcap); lets a viewer read the packet again later.
    uint64_t recordOffset = ~uint64_t(0);
    // A packet a few records further on (same link type), when the reader can
    // show it without copying: a hint for asking memory early, never decoded
    // as the packet itself. Null when there is none.
    const uint8_t *aheadData = nullptr;
    uint32_t aheadCaplen = 0;

    // The time in nanoseconds. A corrupt timestamp's seconds may be anything:
    // saturated to 1824..2116 so that times and their differences always fit
    // in 64 bits.
    int64_t timeNs() const
    {
        constexpr int64_t kMaxSec = INT64_MAX / 2 / 1000000000;
        const int64_t sec = tsSec > kMaxSec ? kMaxSec : tsSec < -kMaxSec ? -kMaxSec : tsSec;
        return sec * 1000000000ll + tsNsec;
    }
};

// Reads packets one by one from an opened capture stream.
class PacketReader
{
public:
    virtual ~PacketReader() = default;
    // Returns false at the end of the capture or when reading stops early;
    // then truncated()/error() say why.
    virtual bool next(RawPacket &pkt) = 0;
    virtual QString formatName() const = 0;
    // Digits of the fractional second the capture stores (6 = µs, 9 = ns).
    virtual int timestampDigits() const = 0;
    virtual uint64_t progressPosition() const = 0;
    virtual uint64_t progressTotal() const = 0;

    // Link types seen so far, in order of first appearance.
    const std::vector<int> &linkTypes() const { return m_linkTypes; }
    bool truncated() const { return m_truncated; }
    uint64_t truncatedAt() const { return m_truncatedAt; }
    QString error() const { return m_error; }
    const QStringList &warnings() const { return m_warnings; }

protected:
    void noteLinkType(int lt)
    {
        for (int x : m_linkTypes)
            if (x == lt)
                return;
        m_linkTypes.push_back(lt);
    }
    void stopAt(uint64_t offset, const QString &why)
    {
        m_truncated = true;
        m_truncatedAt = offset;
        m_error = why;
    }

    std::vector<int> m_linkTypes;
    bool m_truncated = false;
    uint64_t m_truncatedAt = 0;
    QString m_error;
    QStringList m_warnings;
};

} // namespace packetlens
