// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <cstdint>
#include <map>
#include <vector>

namespace packetlens {

// Puts one TCP direction's payload in sequence order, as Wireshark's Follow
// TCP Stream does: bytes already delivered (retransmissions) are dropped,
// segments after a gap wait until it is filled. Sequence numbers are the
// relative ones (StreamPosition::relSeq), compared modulo 2^32.
class TcpSequencer
{
public:
    // Adds a segment; appends the bytes now in order to ready (one entry per segment).
    void add(uint32_t seq, bool syn, const uint8_t *data, uint32_t len, std::vector<QByteArray> &ready);
    // What still waits behind a gap, in sequence order (at the end of the
    // capture). With fillGaps, each gap's length is delivered as zero bytes
    // (at most 16 MiB a gap), so that what follows stays where lengths in
    // the stream (HTTP Content-Length) say it is.
    void flush(std::vector<QByteArray> &ready, bool fillGaps = false);
    uint64_t pendingBytes() const { return m_pendingBytes; }

private:
    void deliver(uint32_t seq, QByteArray bytes, std::vector<QByteArray> &ready);

    bool m_started = false;
    uint32_t m_next = 0;
    std::map<uint32_t, QByteArray> m_pending; // keyed by seq - m_base
    uint32_t m_base = 0;
    uint64_t m_pendingBytes = 0;
};

} // namespace packetlens
