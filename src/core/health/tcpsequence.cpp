// SPDX-License-Identifier: GPL-3.0-or-later
// TCP sequence analysis in the manner of Wireshark's tcp_analyze_sequence_number
// (epan/dissectors/packet-tcp.c, 4.0): the same tests in the same order, on
// the same per-direction state, written anew for PacketLens.
#include "tcpsequence.h"

namespace packetlens {

namespace {
constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kAck = 0x10;
constexpr int64_t kFastRetransmissionWindowNs = 20000000; // 20 ms after the last duplicate ACK
constexpr int64_t kDefaultOutOfOrderNs = 3000000;          // 3 ms when the initial RTT is unknown

bool gt(uint32_t a, uint32_t b) { return int32_t(a - b) > 0; }
bool lt(uint32_t a, uint32_t b) { return int32_t(a - b) < 0; }
bool le(uint32_t a, uint32_t b) { return int32_t(a - b) <= 0; }

// The handshake's times: the most recent SYN and SYN-ACK, and the first
// segment with ACK alone after a SYN (Wireshark's initial RTT, which also
// bounds out-of-order for later segments).
void noteHandshake(TcpSequenceState &s, const TcpSegment &seg)
{
    const uint8_t synAck = seg.flags & (kSyn | kAck);
    if (synAck == kSyn)
        s.synNs = seg.tsNs;
    else if (synAck == (kSyn | kAck))
        s.synAckNs = seg.tsNs;
    else if (synAck == kAck && s.firstRttNs == 0 && s.synNs != 0) {
        s.firstRttNs = seg.tsNs - s.synNs;
        s.firstAckNs = seg.tsNs;
    }
}

// The tests on a segment against what its own direction sent before: window
// probes, zero windows, gaps, keep-alives, window updates, a full window and
// duplicate ACKs.
uint16_t forwardFlags(const TcpSeqDirection &fwd, const TcpSeqDirection &rev, const TcpSegment &seg)
{
    const uint32_t seq = seg.seq, len = seg.seglen;
    const bool plain = (seg.flags & (kSyn | kFin | kRst)) == 0;
    if (len == 1 && seq == fwd.nextSeq && rev.window == 0)
        return TcpZeroWindowProbe;
    uint16_t f = 0;
    if (seg.window == 0 && plain)
        f |= TcpZeroWindow;
    if (fwd.nextSeq && gt(seq, fwd.nextSeq) && !(seg.flags & kRst))
        f |= TcpLostSegment;
    if (len <= 1 && seq == fwd.nextSeq - 1 && plain)
        f |= TcpKeepAlive;
    const bool sameAck = len == 0 && seq == fwd.nextSeq && seg.ack == fwd.lastAck && plain;
    if (sameAck && seg.window != 0 && seg.window != fwd.window)
        f |= TcpWindowUpdate;
    if (len > 0 && rev.winScale != -1 && plain) {
        const int shift = rev.winScale == -2 ? 0 : rev.winScale; // 4.0 scales a SYN's window too
        if (seq + len == rev.lastAck + (uint32_t(rev.window) << shift))
            f |= TcpWindowFull;
    }
    if (sameAck && seg.window != 0 && seg.window == fwd.window && (rev.lastFlags & TcpKeepAlive))
        return f | TcpKeepAliveAck;
    if (sameAck && seg.window == 0 && fwd.window == 0 && (rev.lastFlags & TcpZeroWindowProbe))
        return f | TcpZeroWindowProbeAck;
    if (sameAck && seg.window != 0 && seg.window == fwd.window)
        f |= TcpDuplicateAck;
    return f;
}

// Data (or SYN/FIN) that does not advance the sequence number: a fast
// retransmission, out of order, a spurious retransmission, or a retransmission.
uint16_t retransmissionKind(const TcpSequenceState &s, const TcpSeqDirection &fwd, const TcpSeqDirection &rev,
                            const TcpSegment &seg, uint16_t flagsSoFar)
{
    if (!(seg.seglen > 0 || (seg.flags & (kSyn | kFin))) || (flagsSoFar & TcpKeepAlive))
        return 0;
    bool notAdvanced = fwd.nextSeq && lt(seg.seq, fwd.nextSeq);
    if (seg.seglen > 1 && fwd.nextSeq - 1 == seg.seq)
        notAdvanced = false; // new data after a window probe's byte
    // Times since then are unsigned, as there: a segment stamped earlier (a
    // capture that steps back in time) is never "soon after".
    const uint64_t sinceDupAck = uint64_t(seg.tsNs - rev.lastAckNs), sinceNext = uint64_t(seg.tsNs - fwd.nextSeqNs);
    if (notAdvanced && rev.dupAcks >= 2 && rev.lastAck == seg.seq && sinceDupAck < uint64_t(kFastRetransmissionWindowNs))
        return TcpFastRetransmission;
    const int64_t oooNs = s.firstRttNs ? s.firstRttNs : kDefaultOutOfOrderNs;
    const uint32_t end = seg.seq + seg.seglen + ((seg.flags & (kSyn | kFin)) ? 1 : 0);
    if (notAdvanced && sinceNext < uint64_t(oooNs) && fwd.nextSeq != end)
        return TcpOutOfOrder;
    if (seg.seglen > 0 && rev.lastAck && le(seg.seq + seg.seglen, rev.lastAck))
        return TcpSpuriousRetransmission;
    return notAdvanced ? TcpRetransmission : 0;
}

// What the segment leaves behind: the highest sequence number, the highest
// in-order one, its ACK, window and flags.
void advance(TcpSeqDirection &fwd, const TcpSegment &seg, uint16_t flags)
{
    uint32_t next = seg.seq + seg.seglen;
    if (seg.flags & (kSyn | kFin))
        next += 1;
    const bool probe = flags & TcpZeroWindowProbe;
    if ((gt(next, fwd.nextSeq) || !fwd.nextSeq) && !probe) {
        fwd.nextSeq = next;
        fwd.nextSeqNs = seg.tsNs;
    }
    if ((seg.seq == fwd.maxSeqToBeAcked || !fwd.maxSeqToBeAcked) && !probe)
        fwd.maxSeqToBeAcked = fwd.nextSeq;
    fwd.window = seg.window;
    fwd.lastAck = seg.ack;
    fwd.lastAckNs = seg.tsNs;
    fwd.lastFlags = flags;
}

// A SYN's window-scale option (Wireshark's verify_tcp_window_scaling).
void noteWindowScale(TcpSequenceState &s, int from, const TcpSegment &seg)
{
    TcpSeqDirection &fwd = s.dir[from], &rev = s.dir[1 - from];
    if (seg.windowShift >= 0)
        fwd.winScale = seg.windowShift;
    if (fwd.winScale == -1) {
        fwd.winScale = rev.winScale = -2;
    } else if ((seg.flags & kAck) && rev.winScale == -2) {
        fwd.winScale = -2;
    }
}
} // namespace

uint16_t analyzeTcpSegment(TcpSequenceState &s, int from, const TcpSegment &seg)
{
    uint16_t flags = 0;
    if ((seg.flags & (kSyn | kAck)) == kSyn && s.dir[from].baseSet && seg.seq != s.dir[from].baseSeq) {
        s = TcpSequenceState{};
        flags |= TcpReusedPorts;
    }
    TcpSeqDirection &fwd = s.dir[from], &rev = s.dir[1 - from];
    if (!fwd.baseSet) {
        fwd.baseSeq = (seg.flags & kSyn) ? seg.seq : seg.seq - 1;
        fwd.baseSet = true;
    }
    if (!rev.baseSet && (seg.flags & kAck)) {
        rev.baseSeq = seg.ack - 1;
        rev.baseSet = true;
    }
    flags |= forwardFlags(fwd, rev, seg);
    if (seg.ack != fwd.lastAck)
        fwd.dupAcks = 0;
    else if ((flags & TcpDuplicateAck) && fwd.dupAcks < UINT16_MAX)
        ++fwd.dupAcks;
    if (rev.maxSeqToBeAcked && gt(seg.ack, rev.maxSeqToBeAcked) && (seg.flags & kAck)) {
        flags |= TcpAckLostSegment;
        rev.maxSeqToBeAcked = rev.nextSeq;
    }
    flags |= retransmissionKind(s, fwd, rev, seg, flags);
    advance(fwd, seg, flags);
    if (seg.flags & kSyn)
        noteWindowScale(s, from, seg);
    noteHandshake(s, seg); // after the tests, as Wireshark does
    return flags;
}

} // namespace packetlens
