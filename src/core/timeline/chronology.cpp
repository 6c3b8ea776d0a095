// SPDX-License-Identifier: GPL-3.0-or-later
#include "chronology.h"

#include "addressscope.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr int64_t kSecond = 1000000000;
constexpr int64_t kMinSilenceNs = kSecond;    // shorter silences are not kept
constexpr uint64_t kBurstMinRetransmissions = 10; // in one second …
constexpr double kBurstMinShare = 0.05;           // … and this share of its TCP packets
constexpr size_t kBurstEvidence = 50;
const char *const kKindNames[] = {"first_contact", "first_query", "new_service", "retransmission_burst"};

QString ipText(const IpAddress &ip)
{
    return QString::fromStdString(ip.toString());
}

QString transport(const DecodedPacket &d)
{
    return d.l4 == Proto::Tcp ? QStringLiteral("tcp/%1").arg(d.dport)
           : d.l4 == Proto::Udp ? QStringLiteral("udp/%1").arg(d.dport)
                                : QString::fromLatin1(protoName(d.l4));
}
} // namespace

// Whether a key just inserted (the set now holding `size`) makes an event.
bool Chronology::firstTime(Kind kind, bool inserted, size_t size)
{
    Seen &s = m_seen[kind];
    if (!inserted)
        return false;
    if (size >= kMaxSeen)
        s.saturated = true;
    if (m_kindEvents[kind] >= kMaxEventsPerKind) {
        ++s.omitted;
        return false;
    }
    ++m_kindEvents[kind];
    return true;
}

bool Chronology::firstTime(Kind kind, const std::string &name)
{
    Seen &s = m_seen[kind];
    if (s.saturated)
        return false;
    const bool inserted = s.names.insert(name).second; // before size() is read
    return firstTime(kind, inserted, s.names.size());
}

bool Chronology::firstTime(Kind kind, const IpAddress &ip, uint16_t port)
{
    Seen &s = m_seen[kind];
    if (s.saturated)
        return false;
    const bool inserted = s.addresses.insert(ip, port); // before size() is read
    return firstTime(kind, inserted, s.addresses.size());
}

void Chronology::add(const PacketContext &pc)
{
    if (!m_started) {
        m_started = true;
        m_lastNs = pc.tsNs;
    } else if (pc.tsNs - m_lastNs >= kMinSilenceNs) {
        m_silences.emplace_back(m_lastNs, pc.tsNs);
        if (m_silences.size() >= 4 * kMaxGaps) {
            std::sort(m_silences.begin(), m_silences.end(),
                      [](const auto &a, const auto &b) { return a.second - a.first > b.second - b.first; });
            m_silences.resize(kMaxGaps);
        }
    }
    m_lastNs = std::max(m_lastNs, pc.tsNs);
    const DecodedPacket &d = *pc.d;
    if (pc.opensConversation && !m_seen[FirstContact].saturated)
        contact(pc);
    if (d.app == Proto::Dns && !d.dns.isResponse && !d.dns.qname.empty() && firstTime(FirstQuery, d.dns.qname))
        m_events.push_back(timelineEvent(pc.tsNs, std::nullopt, QString::fromLatin1(kKindNames[FirstQuery]), Severity::Info,
                                         message("timeline.first_query", {QString::fromStdString(d.dns.qname), ipText(d.src)}),
                                         {ipText(d.src)}, {}, {qint64(pc.number)}));
    if (d.l4 == Proto::Tcp && (d.tcpFlags & 0x12) == 0x12 && !m_seen[NewService].saturated
        && firstTime(NewService, d.src, d.sport))
        m_events.push_back(timelineEvent(pc.tsNs, std::nullopt, QString::fromLatin1(kKindNames[NewService]), Severity::Info,
                                         message("timeline.new_service", {ipText(d.src), QString::number(d.sport), ipText(d.dst)}),
                                         {ipText(d.src), ipText(d.dst)}, {}, {qint64(pc.number)}));
    if (d.l4 == Proto::Tcp) {
        const int64_t second = pc.tsNs / kSecond;
        if (second != m_second) {
            closeSecond();
            m_second = second;
        }
        ++m_secondTcp;
        if (pc.expert.tcp & kTcpAnyRetransmission) {
            ++m_secondRetrans;
            if (m_secondPackets.size() < kBurstEvidence)
                m_secondPackets.push_back(pc.number);
            if (m_secondHostCount < 4
                && std::find(m_secondHosts, m_secondHosts + m_secondHostCount, d.src) == m_secondHosts + m_secondHostCount)
                m_secondHosts[m_secondHostCount++] = d.src;
        }
    }
}

// A new conversation with an external host never seen before.
void Chronology::contact(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    for (const IpAddress *ip : {&d.dst, &d.src}) {
        if (!isExternalAddress(*ip) || !firstTime(FirstContact, *ip))
            continue;
        const IpAddress &peer = ip == &d.dst ? d.src : d.dst;
        m_events.push_back(timelineEvent(pc.tsNs, std::nullopt, QString::fromLatin1(kKindNames[FirstContact]), Severity::Info,
                                         message(ip == &d.dst ? "timeline.first_contact.from" : "timeline.first_contact.to",
                                                 {ipText(*ip), ipText(peer), transport(d)}),
                                         {ipText(*ip), ipText(peer)}, {}, {qint64(pc.number)}));
    }
}

// A second with many retransmissions starts or extends a burst; a quiet one ends it.
void Chronology::closeSecond()
{
    const bool busy = m_secondRetrans >= kBurstMinRetransmissions
                      && double(m_secondRetrans) >= kBurstMinShare * double(m_secondTcp);
    if (busy) {
        if (!m_inBurst) {
            m_inBurst = true;
            m_burst = TimelineEvent{m_second * kSecond, std::nullopt, QString::fromLatin1(kKindNames[Burst]),
                                    Severity::Medium, {}, {}, QStringLiteral("tcp_retransmission"), {}};
            m_burstRetransmissions = 0;
        }
        m_burst.endNs = (m_second + 1) * kSecond;
        m_burstRetransmissions += m_secondRetrans;
        for (uint64_t p : m_secondPackets)
            if (m_burst.packets.size() < kBurstEvidence)
                m_burst.packets.push_back(qint64(p));
        for (int i = 0; i < m_secondHostCount; ++i) {
            const QString h = ipText(m_secondHosts[i]);
            if (!m_burst.hosts.contains(h) && m_burst.hosts.size() < 8)
                m_burst.hosts << h;
        }
    } else if (m_inBurst) {
        closeBurst();
    }
    m_secondTcp = m_secondRetrans = 0;
    m_secondPackets.clear();
    m_secondHostCount = 0;
}

void Chronology::closeBurst()
{
    m_inBurst = false;
    if (m_kindEvents[Burst] >= kMaxEventsPerKind) {
        ++m_seen[Burst].omitted;
        return;
    }
    ++m_kindEvents[Burst];
    const double span = double(*m_burst.endNs - m_burst.tNs) / 1e9;
    m_burst.summaryMessage = message("timeline.retransmission_burst", {qint64(m_burstRetransmissions), decimalArg(span, 0), listArg(m_burst.hosts)});
    m_burst.summary = renderMessage(m_burst.summaryMessage, QStringLiteral("en"));
    m_events.push_back(m_burst);
}

void Chronology::finish()
{
    closeSecond();
    if (m_inBurst)
        closeBurst();
}

std::vector<TimelineEvent> Chronology::events(int64_t firstNs, int64_t lastNs) const
{
    std::vector<TimelineEvent> out = m_events;
    const int64_t minGap = std::max(kMinGapNs, (lastNs - firstNs) / 50);
    std::vector<std::pair<int64_t, int64_t>> gaps;
    for (const auto &g : m_silences)
        if (g.second - g.first >= minGap)
            gaps.push_back(g);
    std::sort(gaps.begin(), gaps.end(), [](const auto &a, const auto &b) { return a.second - a.first > b.second - b.first; });
    if (gaps.size() > kMaxGaps)
        gaps.resize(kMaxGaps);
    for (const auto &[from, to] : gaps)
        out.push_back(timelineEvent(from, to, QStringLiteral("capture_gap"), Severity::Low,
                                    message("timeline.capture_gap", {decimalArg(double(to - from) / 1e9, 1)})));
    return out;
}

std::vector<std::pair<QString, qint64>> Chronology::omitted() const
{
    std::vector<std::pair<QString, qint64>> out;
    for (int k = 0; k < KindCount; ++k)
        if (m_seen[k].omitted)
            out.emplace_back(QString::fromLatin1(kKindNames[k]), qint64(m_seen[k].omitted));
    return out;
}

} // namespace packetlens
