// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "oncecache.h"

namespace packetlens {

// host_sweep: one source probes one port (or pings, or ARPs) across many hosts
// (Zeek scan.zeek: 25 hosts in 5 min), by any of nmap's host-discovery probes:
// TCP SYN (counts hosts that refused or did not answer, from the conversations
// as they end), TCP ACK (a bare ACK opening a conversation, answered by RST or
// nothing: every target counts), UDP (small datagrams with no UDP answer), ICMP
// echo, timestamp and address-mask requests (every target), and ARP (addresses
// nobody answered for).
class HostSweepDetector : public Detector
{
public:
    explicit HostSweepDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Detector::Arp | Detector::Icmp; }
    void onPacket(const PacketContext &pc) override;
    void onConversation(const Conv &c) override;
    void prefetchConversation(const Conv &c, int stage) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;

private:
    struct Sweep;
    struct HostState;
    void raise(const detect::PairKey &key, const Sweep &s, std::vector<std::pair<IpAddress, HostState>> &hosts,
               std::vector<Finding> &out) const;
    enum Kind : uint32_t { Tcp = 0, Icmp = 1 << 16, Arp = 2 << 16, TcpAck = 3 << 16, Udp = 4 << 16, IcmpTimestamp = 5 << 16,
                         IcmpMask = 6 << 16 };
    struct HostState
    {
        int64_t firstNs = 0;
        bool answered = false;
    };
    struct Sweep
    {
        uint32_t hosts = 0; // distinct targets probed (their state is in m_hosts)
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
    };
    Sweep *sweep(const IpAddress &src, uint32_t kindPort, bool create);
    // A target's state, or null when the sweep never probed it.
    HostState *host(const IpAddress &src, uint32_t kindPort, const IpAddress &target);
    void capSweeps();
    void probe(const IpAddress &src, uint32_t kindPort, const IpAddress &target, int64_t ns, uint64_t packet, bool answered);
    void onIcmp(const PacketContext &pc);
    // The key of the sweep a conversation would be a probe of (kindPort 0: none).
    static uint32_t probeKind(const Conv &c);
    static bool countsEveryTarget(uint32_t kind) { return kind != Tcp && kind != Arp && kind != Udp; }
    static QString methodName(uint32_t kind);
    static Message probeMessage(uint32_t kind, int port); // "ARP requests", "TCP port 445", …

    DenseHashMap<detect::PairKey, Sweep> m_sweeps; // key: (source, -, kind|port)
    // Every sweep's targets in one table (one slot and one entry a lookup,
    // nothing allocated per target): key (source, target, kind|port).
    DenseHashMap<detect::PairKey, HostState> m_hosts;
    struct FirstProbe
    {
        IpAddress target;
        int64_t ns = 0;
        uint64_t packet = 0;
    };
    detect::OnceCache<FirstProbe> m_once;
    size_t m_minHosts;
    int64_t m_windowNs;
    size_t m_maxTracked;
};

} // namespace packetlens
