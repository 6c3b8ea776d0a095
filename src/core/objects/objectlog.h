// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "objectcarver.h"

#include "../flow/packetlistener.h"

namespace packetlens {

// The files a capture carried, found during the analysis' one pass (the
// report's "objects", which indicator lists match by SHA-256): each HTTP or
// SMTP conversation is carved as it ends and only its objects' names, types,
// sizes and hashes are kept; at most keepLimit bytes of open streams are
// held at once. A stream that would pass it is not carved (its objects are
// counted as omitted, never listed with a wrong hash).
class ObjectLog : public PacketListener
{
public:
    static constexpr uint64_t kDefaultKeepLimit = 64ull << 20;
    explicit ObjectLog(uint64_t keepLimit = kDefaultKeepLimit) : m_carver({}, keepLimit, false) {}
    void onPacket(const PacketContext &pc) override;
    bool wantsConversations() const override { return true; }
    void onConversation(const Conv &c) override;
    // Every object, in the order they completed, without its bytes (once;
    // after the analyzer's last conversation).
    std::vector<CapturedObject> finish();
    uint64_t omitted() const { return m_carver.truncatedStreams(); }

private:
    ObjectCarver m_carver;
    std::vector<CapturedObject> m_closed;
};

} // namespace packetlens
