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
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;

private:
    enum Kind : uint32_t { Tcp = 0, Icmp = 1 << 16, Arp = 2 << 16, TcpAck = 3 << 16, Udp = 4 << 16, IcmpTimestamp = 5 << 16,
                         IcmpMask = 6 << 16 };
    struct HostState
    {
        int64_t firstNs = 0;
        bool answered = false;
    };
    struct Sweep
    {
        std::unordered_map<IpAddress, HostState> hosts;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        QString sourceText;
    };
    Sweep *sweep(const IpAddress &src, uint32_t kindPort, bool create);
    void probe(const IpAddress &src, uint32_t kindPort, const IpAddress &target, int64_t ns, uint64_t packet, bool answered);
    void onIcmp(const PacketContext &pc);
    static bool countsEveryTarget(uint32_t kind) { return kind != Tcp && kind != Arp && kind != Udp; }
    static QString methodName(uint32_t kind);
    static QString probeText(uint32_t kind, int port);

    std::unordered_map<detect::PairKey, Sweep, detect::PairKeyHash> m_sweeps; // key: (source, -, kind|port)
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
