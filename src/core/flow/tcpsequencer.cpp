// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpsequencer.h"

namespace packetlens {

namespace {
constexpr uint64_t kMaxPending = 64ull << 20; // a gap never filled holds at most this much

int32_t diff(uint32_t a, uint32_t b)
{
    return int32_t(a - b);
}
} // namespace

void TcpSequencer::deliver(uint32_t seq, QByteArray bytes, std::vector<QByteArray> &ready)
{
    const int32_t behind = diff(m_next, seq);
    if (behind > 0) {
        if (behind >= bytes.size())
            return; // all of it was delivered before
        bytes.remove(0, behind);
    }
    m_next += uint32_t(bytes.size());
    ready.push_back(std::move(bytes));
}

void TcpSequencer::add(uint32_t seq, bool syn, const uint8_t *data, uint32_t len, std::vector<QByteArray> &ready)
{
    if (syn)
        seq += 1;
    if (!m_started) {
        m_started = true;
        m_next = m_base = seq;
    }
    if (!len)
        return;
    if (diff(seq, m_next) > 0) { // after a gap: wait for it to fill
        if (m_pendingBytes + len <= kMaxPending && !m_pending.count(seq - m_base)) {
            m_pending.emplace(seq - m_base, QByteArray(reinterpret_cast<const char *>(data), qsizetype(len)));
            m_pendingBytes += len;
        }
        return;
    }
    deliver(seq, QByteArray(reinterpret_cast<const char *>(data), qsizetype(len)), ready);
    while (!m_pending.empty()) {
        auto it = m_pending.begin();
        const uint32_t s = it->first + m_base;
        if (diff(s, m_next) > 0)
            break;
        m_pendingBytes -= uint64_t(it->second.size());
        QByteArray b = std::move(it->second);
        m_pending.erase(it);
        deliver(s, std::move(b), ready);
    }
}

void TcpSequencer::flush(std::vector<QByteArray> &ready, bool fillGaps)
{
    for (auto &[off, bytes] : m_pending) {
        const uint32_t seq = off + m_base;
        const int32_t gap = diff(seq, m_next);
        if (gap > 0 && fillGaps && gap <= (16 << 20))
            ready.push_back(QByteArray(gap, '\0'));
        if (gap > 0)
            m_next = seq; // skip the gap
        deliver(seq, std::move(bytes), ready);
    }
    m_pending.clear();
    m_pendingBytes = 0;
}

} // namespace packetlens
