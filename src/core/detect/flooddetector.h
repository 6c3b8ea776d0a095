// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "distinctcount.h"
#include "oncecache.h"
#include "peakwindow.h"

#include "../util/deepptr.h"

#include <memory>
#include <unordered_set>

namespace packetlens {

// syn_flood, udp_flood, icmp_flood and ddos: unsolicited traffic at a high rate
// towards one target that does not (or cannot) answer it, judged by its
// busiest 10-second window (one packet minutes earlier dilutes nothing). Only
// packets from a conversation's originator count, so downloads (QUIC
// included) and a busy DNS resolver's answers are not floods. Also: SYN
// floods whose sources and destinations are both random, DHCP floods (many
// transaction IDs), reflection (SYN-ACKs, RSTs, echo replies or ICMP errors
// from many hosts arriving at one) and backscatter (one host answering a
// spoofed flood aimed at it: SYN-ACKs, RSTs or ICMP errors to many
// addresses). Floods from spoofed sources name no source.
// Works on conversations as they end (one update per conversation), except
// for ICMP (classified by type) and DHCP, which are read per packet.
class FloodDetector : public Detector
{
public:
    explicit FloodDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Dhcp | Icmp; }
    void onPacket(const PacketContext &pc) override;
    void onConversation(const Conv &c) override;
    void prefetchConversation(const Conv &c, int stage) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;

    // Constant-size counters of traffic towards (or from) one address:
    // distinct sources and ports without a cap, the top source with a small
    // heavy-hitter summary (Misra-Gries), the busiest windows once it is more
    // than a trickle. A spoofed flood costs the same memory per target as one
    // client.
    struct Counter
    {
        uint64_t packets = 0, bytes = 0, replies = 0;
        int64_t firstNs = 0, lastNs = 0;
        detect::DistinctCount sources;
        uint64_t portBits[8] = {}; // linear counting: "many ports" is all that is asked
        struct Heavy
        {
            IpAddress ip;
            uint64_t count = 0;
        } heavy[4];
        IpAddress firstSource; // shown when no source stands out among real ones
        std::vector<uint64_t> evidence;
        DeepPtr<detect::PeakWindow> peak; // from the kPeakFrom-th packet on

        void hit(const PacketContext &pc, const IpAddress &src, uint16_t port);
        void add(const Conv &c);
        void addStream(const IpAddress &src, uint16_t port, uint64_t n, uint64_t bytes, int64_t firstNs, int64_t lastNs,
                       uint64_t firstPacket);
        size_t sourceCount() const;
        size_t portCount() const;
        // The busiest 10-second window: its packets, span and evidence.
        detect::PeakWindow::Peak window() const;
        double rate() const; // packets/s in the busiest window
        IpAddress topSource(uint64_t *count = nullptr) const;
    };

private:
    struct Thresholds
    {
        double minRate = 0, minPackets = 0, maxReply = 0;
        // From this rate on a flood is high (below it medium); streams (to a
        // multicast group or broadcast, or from one or two senders to one or
        // two ports) need it to count at all. 0: minRate.
        double highRate = 0;
    };
    // Per address; the kinds of traffic it never saw cost a null pointer.
    struct Target
    {
        Counter all;
        DeepPtr<Counter> syn, udp, icmp;
        DeepPtr<Counter> tcp; // TCP outside any connection: ACK, FIN, PSH, NULL, XMAS floods
        DeepPtr<Counter> reflected;   // SYN-ACKs, RSTs, echo replies and ICMP errors nobody here asked for
        DeepPtr<Counter> backscatter; // the same sent by this address to many others
        uint64_t synCompleted = 0;            // ACKs from sources: handshakes that completed
        uint64_t sent = 0;                    // packets this address originated (a scanner's probes: no reflection)
        static Counter &of(DeepPtr<Counter> &c)
        {
            if (!c)
                c = std::make_unique<Counter>();
            return *c;
        }
    };
    Target *target(const IpAddress &ip, bool create);
    // A stream of packets at a target, as it is counted: half-open SYNs,
    // unanswered UDP, reflected SYN-ACKs/RSTs, or backscatter.
    enum class StreamKind : uint8_t { Syn, Udp, Reflected, Backscatter, Tcp };
    struct Stream
    {
        IpAddress target, src;
        uint16_t port = 0;
        StreamKind kind = StreamKind::Syn;
        uint64_t packets = 0, bytes = 0, replies = 0;
        int64_t firstNs = 0, lastNs = 0;
        uint64_t firstPacket = 0;
    };
    // Counts a stream at its target. A target first seen with a stream of one
    // or two packets (a spoofed flood's random addresses, a scan's) gets
    // state only when it shows up a second time.
    void feed(const Stream &s);
    static void apply(Target &t, const Stream &s);
    static uint64_t pendingKey(const IpAddress &target, StreamKind kind)
    {
        return target.hash() ^ (uint64_t(kind) + 1) * 0x9e3779b97f4a7c15ull;
    }
    void onTcp(const Conv &c);
    void onIcmp(const PacketContext &pc);
    void onDhcp(const PacketContext &pc);
    // How the traffic is read: a flood at its target, a reflection at its
    // receiver, backscatter from its sender.
    enum class Shape { Flood, Reflection, Backscatter };
    bool raise(const QString &category, const IpAddress &target, const Counter &c, double replyRatio,
               const Thresholds &t, std::vector<Finding> &out, const char *what, Shape shape = Shape::Flood);
    static void describe(Finding &f, const IpAddress &target, Shape shape, const Counter &c, const char *what, bool spoofed,
                         bool forgedSource, double replyRatio);
    static QJsonObject metricsOf(const Counter &c, double rate, bool spoofed, double replyRatio);
    void raiseDistributed(const IpAddress &ip, const Target &t, bool floodFound, std::vector<Finding> &out);
    void raiseReflection(const IpAddress &ip, const Target &t, std::vector<Finding> &out);
    void raiseBackscatter(const IpAddress &ip, const Target &t, std::vector<Finding> &out);
    void raiseGlobalSyn(std::vector<Finding> &out);
    void raiseDhcp(std::vector<Finding> &out);

    DenseHashMap<IpAddress, Target> m_targets; // one slot and one entry a lookup
    detect::OnceCache<Stream> m_pending{16};   // first small stream of targets not yet tracked
    Counter m_globalSyn;          // half-open SYNs regardless of target
    std::unordered_set<IpAddress> m_globalSynTargets;
    uint64_t m_globalSynCompleted = 0;
    uint64_t m_globalSynHalfOpen = 0;
    Counter m_dhcp;
    std::unordered_set<uint32_t> m_dhcpXids;
    std::unordered_set<uint64_t> m_dhcpClients;
    Thresholds m_syn, m_udp, m_tcp, m_icmp, m_ddos;
    double m_ddosMinSources = 0;
    size_t m_scanMinPorts = 0;
    size_t m_maxTracked;
};

} // namespace packetlens
