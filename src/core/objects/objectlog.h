// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "objectcarver.h"

#include "../flow/packetlistener.h"

#include <functional>

namespace packetlens {

// The files a capture carried, found during the analysis' one pass (the
// report's "objects", which indicator lists match by SHA-256): each HTTP or
// SMTP conversation is carved as it closes on the wire (FIN both ways or a
// reset; else when its conversation ends) and only its objects' names,
// types, sizes and hashes are kept; at most keepLimit bytes of open streams
// are held at once. A stream that would pass it is not carved (its objects are
// counted as omitted, never listed with a wrong hash).
//
// Memory is bounded however many files a capture carries: every object goes
// to the sink as it is hashed (in the order objects complete, not by
// frame), and only the listCap objects of lowest frame are kept for the
// report's list; the rest are counted.
class ObjectLog : public PacketListener
{
public:
    static constexpr uint64_t kDefaultKeepLimit = 64ull << 20;
    using Sink = std::function<void(const CapturedObject &)>;
    explicit ObjectLog(size_t listCap = 1000, uint64_t keepLimit = kDefaultKeepLimit)
        : m_carver({}, keepLimit, false), m_listCap(listCap)
    {
    }
    void setSink(Sink sink) { m_sink = std::move(sink); }
    void onPacket(const PacketContext &pc) override;
    bool wantsConversations() const override { return true; }
    void onConversation(const Conv &c) override;
    // The listed objects, by frame (objects completed by the same packet in
    // the order they completed), without their bytes; once, after the
    // analyzer's last conversation.
    std::vector<CapturedObject> finish();
    // Streams not carved (over keepLimit).
    uint64_t omitted() const { return m_carver.truncatedStreams(); }
    // Objects carved and hashed but past listCap.
    uint64_t unlisted() const { return m_unlisted; }

private:
    struct Kept
    {
        uint64_t seq = 0; // completion order, for ties on the frame
        CapturedObject object;
        bool operator<(const Kept &o) const
        {
            return object.frame != o.object.frame ? object.frame < o.object.frame : seq < o.seq;
        }
    };
    void deliver(CapturedObject &&o);
    void deliverFresh(); // m_fresh, digested, to deliver()

    ObjectCarver m_carver;
    size_t m_listCap;
    Sink m_sink;
    std::vector<Kept> m_kept; // a max-heap while the analysis runs
    std::vector<CapturedObject> m_fresh;
    uint64_t m_seq = 0;
    uint64_t m_unlisted = 0;
};

} // namespace packetlens
