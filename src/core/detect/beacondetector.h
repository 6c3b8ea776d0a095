// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "oncecache.h"

namespace packetlens {

// beaconing: a source contacting one destination at near-constant intervals.
// Adapted from RITA: the intervals between contacts are scored for symmetry
// (Bowley skew), dispersion (MAD / median) and how evenly they cover the
// capture, so that ten contacts in a 15-minute capture are enough. A contact is
// a new TCP connection, or a UDP packet after a quiet gap. Well-known periodic
// services (NTP, DHCP, local DNS, mDNS/LLMNR/NetBIOS/SSDP) are not beacons.
class BeaconDetector : public Detector
{
public:
    explicit BeaconDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Udp; }
    void onPacket(const PacketContext &pc) override;
    void onConversation(const Conv &c) override;
    void prefetchConversation(const Conv &c, int stage) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;
    // Scores the pairs as they are (a pair an open conversation adds to on
    // a temporary copy of it, one at a time): a live capture's once-a-second
    // evaluation no longer doubles the detector's memory.
    bool findProvisionally(const OpenConversations &visitOpen, const ProvisionalScope &scope,
                           std::vector<Finding> &out) override;

    struct Score
    {
        double skew = 0, mad = 0, coverage = 0, total = 0, medianS = 0;
    };
    // A pair's score from its newest contacts (sorted), its first contact at
    // firstNs and its last at lastNs.
    static Score score(const std::vector<int64_t> &sortedRecent, int64_t captureSpanNs, int64_t firstNs, int64_t lastNs);
    // Contact times a pair keeps (the newest): its state stays the same size
    // however long a live capture runs; its count, first and last contact
    // are kept beside them.
    static constexpr size_t kKeptContacts = 128;
    // Contact times held over all pairs (what the detector's memory grows with).
    size_t contactsHeld() const;

private:
    struct Track;
    // A contact an open conversation adds when it ends.
    struct OpenContact
    {
        int64_t ns = 0;
        uint64_t packet = 0, packets = 0;
    };
    using OpenContacts = std::unordered_map<detect::PairKey, std::vector<OpenContact>, detect::PairKeyHash>;
    // The findings (finish(): open null; findProvisionally(): with the open
    // conversations' contacts).
    void draw(const OpenContacts *open, int64_t spanNs, size_t sources, size_t perSource, std::vector<Finding> &out);
    // A pair as onConversation() would leave it once `extra` ended (held: its state, if any).
    Track ended(const detect::PairKey &key, const Track *held, const std::vector<OpenContact> &extra) const;
    Track &track(const IpAddress &src, const IpAddress &dst, uint16_t port, bool udp);
    struct Track
    {
        // The newest kKeptContacts contact times (a min-heap once full).
        std::vector<int64_t> contacts;
        uint64_t count = 0; // all contacts
        int64_t firstNs = 0, lastNs = 0; // of all contacts
        void addContact(int64_t ns);
        int64_t lastSeenNs = 0;
        uint64_t packets = 0;
        std::vector<uint64_t> evidence;
        bool udp = false;
    };
    Finding raise(const detect::PairKey &key, const Track &t, const Score &s, size_t fleet) const;
    static Severity severityOf(const detect::PairKey &key, size_t contacts, const Score &s, size_t fleet);
    DenseHashMap<detect::PairKey, Track> m_tracks;
    struct FirstContact
    {
        int64_t ns = 0;
        uint64_t packet = 0;
    };
    detect::OnceCache<FirstContact> m_once;
    size_t m_minContacts;
    double m_minScore;
    int64_t m_gapNs;
    double m_minIntervalS;
    size_t m_maxTracked;
};

} // namespace packetlens
