// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcphealth.h"

#include "failurelist.h"
#include "webhealth.h"

#include <algorithm>

namespace packetlens {

static_assert(sizeof(Conv) <= 168, "Conv::healthSlot must stay in the padding it fills");

namespace {
constexpr uint8_t kSyn = 0x02, kRst = 0x04;
constexpr size_t kWorstKept = 20;

QString ipText(const IpAddress &ip)
{
    return QString::fromStdString(ip.toString());
}

NamedCounts byFlag(const uint64_t *counts, bool withZeros)
{
    NamedCounts out;
    for (int b = 0; b < kTcpAnalysisFlagCount; ++b)
        if (counts[b] || withZeros)
            out.emplace_back(QString::fromLatin1(tcpAnalysisName(b)), qint64(counts[b]));
    sortByName(out);
    return out;
}

// The item kind of each flag bit (Count: the flag is not an item).
HealthKind itemKindOf(int bit)
{
    static const HealthKind kinds[kTcpAnalysisFlagCount] = {
        HealthKind::TcpRetransmission, HealthKind::TcpFastRetransmission, HealthKind::TcpSpuriousRetransmission,
        HealthKind::TcpOutOfOrder, HealthKind::TcpLostSegment, HealthKind::TcpAckLostSegment,
        HealthKind::TcpDuplicateAck, HealthKind::TcpZeroWindow, HealthKind::TcpZeroWindowProbe,
        HealthKind::Count /* zero_window_probe_ack */, HealthKind::TcpWindowFull, HealthKind::Count /* window_update */,
        HealthKind::TcpKeepAlive, HealthKind::Count /* keep_alive_ack */, HealthKind::TcpReusedPorts};
    return kinds[bit];
}

bool worse(const TcpConversationHealth &a, const TcpConversationHealth &b)
{
    if (a.badPackets != b.badPackets)
        return a.badPackets > b.badPackets;
    return a.bytes != b.bytes ? a.bytes > b.bytes : a.firstNs < b.firstNs;
}
} // namespace

uint32_t tcpSegmentLength(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.snapped || !d.payload || !pc.data || d.payload < pc.data || d.payload > pc.data + pc.caplen)
        return d.payloadLen;
    // Cut short by the snapshot length: what the wire carried after the headers.
    const uint32_t at = uint32_t(d.payload - pc.data);
    return pc.len > at ? pc.len - at : d.payloadLen;
}

int8_t tcpWindowShift(const DecodedPacket &d)
{
    for (int i = 0; i < d.depth; ++i) {
        if (d.path[i] != Proto::Tcp || d.layerAt[i] == DecodedPacket::kNotInFrame || !d.frame)
            continue;
        const uint8_t *h = d.frame + d.layerAt[i];
        const uint32_t room = d.frameLen - d.layerAt[i];
        if (room < 20)
            return -1;
        const uint32_t hlen = std::min<uint32_t>(uint32_t(h[12] >> 4) * 4, room);
        for (uint32_t o = 20; o < hlen;) {
            const uint8_t kind = h[o];
            if (kind == 0)
                break;
            if (kind == 1) {
                ++o;
                continue;
            }
            if (o + 1 >= hlen || h[o + 1] < 2)
                break;
            if (kind == 3 && h[o + 1] == 3 && o + 2 < hlen)
                return int8_t(std::min<uint8_t>(h[o + 2], 14));
            o += h[o + 1];
        }
        return -1;
    }
    return -1;
}

TcpHealth::~TcpHealth() = default;

void TcpHealth::finish()
{
    m_hot.release();
    m_cold.release();
    std::vector<uint32_t>().swap(m_free);
}

uint32_t TcpHealth::slotOf(Conv &conv)
{
    if (conv.healthSlot)
        return conv.healthSlot;
    uint32_t slot;
    if (!m_free.empty()) {
        slot = m_free.back();
        m_free.pop_back();
        m_hot[slot - 1] = Hot{};
    } else {
        m_hot.emplaceBack();
        m_cold.emplaceBack();
        slot = uint32_t(m_hot.size());
    }
    conv.healthSlot = slot;
    return slot;
}

WebConvState *TcpHealth::web(Conv &conv, bool create)
{
    if (!conv.healthSlot && !create)
        return nullptr;
    Cold &cold = m_cold[slotOf(conv) - 1];
    if (!cold.web && create)
        cold.web = std::make_unique<WebConvState>();
    return cold.web.get();
}

void TcpHealth::add(PacketContext &pc, Conv &conv)
{
    const DecodedPacket &d = *pc.d;
    const uint32_t slot = slotOf(conv);
    TcpSequenceState &s = m_hot[slot - 1].seq;
    TcpSegment seg;
    seg.seq = d.seq;
    seg.ack = d.ack;
    seg.seglen = tcpSegmentLength(pc);
    seg.window = d.window;
    seg.flags = d.tcpFlags;
    seg.windowShift = (d.tcpFlags & kSyn) ? tcpWindowShift(d) : -1;
    seg.tsNs = pc.tsNs;
    const bool rttKnown = s.firstRttNs != 0;
    const uint16_t flags = analyzeTcpSegment(s, pc.fromOriginator ? 0 : 1, seg);
    pc.expert.tcp = flags;
    if (!rttKnown && s.firstRttNs != 0)
        noteHandshake(s, conv);
    if (flags)
        countFlags(pc, flags, m_cold[slot - 1]);
    if (d.tcpFlags & kRst)
        countReset(pc);
}

// The handshake's times once its ACK is seen: SYN to SYN-ACK is the server's
// part, SYN-ACK to ACK the client's, SYN to ACK the whole (initial RTT).
void TcpHealth::noteHandshake(const TcpSequenceState &s, const Conv &conv)
{
    m_latency.add(LatencyBook::TcpHandshake, conv.resp, s.firstRttNs);
    if (s.synAckNs && s.synAckNs >= s.synNs && s.synAckNs <= s.firstAckNs) {
        m_latency.add(LatencyBook::TcpServer, conv.resp, s.synAckNs - s.synNs);
        m_latency.add(LatencyBook::TcpClient, conv.resp, s.firstAckNs - s.synAckNs);
    }
}

TcpHealth::HostTcp *TcpHealth::host(const IpAddress &ip)
{
    const uint64_t hash = ip.hash();
    if (HostTcp *h = m_hosts.find(ip, hash))
        return h;
    return m_hosts.size() >= kMaxHosts ? nullptr : m_hosts.tryEmplace(ip, hash).first;
}

void TcpHealth::countFlags(const PacketContext &pc, uint16_t flags, Cold &cold)
{
    if (!cold.problems)
        cold.problems = std::make_unique<Problems>();
    Problems &p = *cold.problems;
    const int dir = pc.fromOriginator ? 0 : 1;
    if (!p.senderKnown[dir]) {
        p.sender[dir] = host(pc.d->src);
        p.senderKnown[dir] = true;
    }
    HostTcp *h = p.sender[dir];
    const HealthSubject capture;
    for (int b = 0; b < kTcpAnalysisFlagCount; ++b) {
        const uint16_t bit = uint16_t(1u << b);
        const bool holds = b == 0 ? (flags & kTcpAnyRetransmission) : (flags & bit);
        if (holds) {
            ++m_flagFrames[b];
            ++p.counts[b];
            if (h)
                ++h->counts[b];
        }
        if (holds && itemKindOf(b) != HealthKind::Count)
            m_items.add(itemKindOf(b), capture, pc.number, pc.tsNs);
    }
    if (flags & kTcpProblemFlags) {
        ++p.bad;
        if (h)
            ++h->bad;
        if (p.evidence.size() < kMaxConvEvidence)
            p.evidence.push_back(pc.number);
    }
}

void TcpHealth::countReset(const PacketContext &pc)
{
    ++m_resets;
    ++(pc.fromOriginator ? m_resetsOrig : m_resetsResp);
    if (HostTcp *h = host(pc.d->src))
        ++h->resetsSent;
    m_items.add(HealthKind::TcpReset, HealthSubject{pc.d->src, {}}, pc.number, pc.tsNs);
}

void TcpHealth::retire(const Conv &c)
{
    if (c.proto != 6)
        return;
    ++m_connections;
    const ConnState st = connState(c);
    if (st == REJ || (st == S0 && (c.flags & OrigSyn))) {
        const bool refused = st == REJ;
        ++(refused ? m_refused : m_unanswered);
        if (HostTcp *h = host(c.resp))
            ++(refused ? h->refused : h->unanswered);
        m_items.add(refused ? HealthKind::TcpRefused : HealthKind::TcpUnanswered, HealthSubject{c.resp, {}},
                    c.firstPacket, c.firstNs);
    }
    if (!c.healthSlot)
        return;
    Cold &cold = m_cold[c.healthSlot - 1];
    if (cold.problems && cold.problems->bad)
        keepWorst(c, *cold.problems, m_hot[c.healthSlot - 1].seq);
    cold = Cold{};
    m_free.push_back(c.healthSlot);
}

void TcpHealth::keepWorst(const Conv &c, const Problems &p, const TcpSequenceState &s)
{
    TcpConversationHealth h;
    h.src = ipText(c.orig);
    h.dst = ipText(c.resp);
    h.sport = c.origPort;
    h.dport = c.respPort;
    h.packets = qint64(c.packets());
    h.bytes = qint64(c.bytes());
    h.badPackets = p.bad;
    uint64_t counts[kTcpAnalysisFlagCount];
    std::copy(std::begin(p.counts), std::end(p.counts), counts);
    h.analysis = byFlag(counts, false);
    if (s.firstRttNs > 0)
        h.handshakeRttS = double(s.firstRttNs) / 1e9;
    h.firstNs = c.firstNs;
    h.lastNs = c.lastNs;
    h.evidencePackets.assign(p.evidence.begin(), p.evidence.end());
    m_worst.push_back(std::move(h));
    if (m_worst.size() >= 4 * kWorstKept) {
        std::sort(m_worst.begin(), m_worst.end(), worse);
        m_worst.resize(kWorstKept);
    }
}

TcpHealthSection TcpHealth::section(int listCap) const
{
    TcpHealthSection t;
    t.connections = qint64(m_connections);
    t.analysis = byFlag(m_flagFrames, true);
    t.resets = qint64(m_resets);
    t.resetsByOriginator = qint64(m_resetsOrig);
    t.resetsByResponder = qint64(m_resetsResp);
    t.refused = qint64(m_refused);
    t.unanswered = qint64(m_unanswered);
    t.conversations = m_worst;
    std::sort(t.conversations.begin(), t.conversations.end(), worse);
    if (t.conversations.size() > std::min<size_t>(kWorstKept, size_t(listCap)))
        t.conversations.resize(std::min<size_t>(kWorstKept, size_t(listCap)));
    m_hosts.forEach([&t](const IpAddress &ip, const HostTcp &h) {
        if (!h.bad && !h.resetsSent && !h.refused && !h.unanswered)
            return;
        t.hosts.push_back({ipText(ip), qint64(h.bad), byFlag(h.counts, false), qint64(h.resetsSent), qint64(h.refused),
                           qint64(h.unanswered)});
    });
    std::sort(t.hosts.begin(), t.hosts.end(), [](const TcpHostHealth &a, const TcpHostHealth &b) {
        const qint64 wa = a.badPackets + a.resetsSent + a.refused + a.unanswered;
        const qint64 wb = b.badPackets + b.resetsSent + b.refused + b.unanswered;
        return wa != wb ? wa > wb : a.ip < b.ip;
    });
    if (t.hosts.size() > std::min<size_t>(kWorstKept, size_t(listCap)))
        t.hosts.resize(std::min<size_t>(kWorstKept, size_t(listCap)));
    return t;
}

} // namespace packetlens
