// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conversation.h"
#include "packetcontext.h"

#include "../capture/recordaccess.h"

#include <QString>

#include <functional>

namespace packetlens {

// What the analyzer tells the parts that ride along with it (the detection
// engine, a face's packet list): every packet once decoded, and every
// conversation as it ends. It lives below both the analysis and the
// detectors, so that neither needs the other.
// A capture about to be read (a zip archive holds several, one after another).
struct CaptureStart
{
    int index = 0;     // 0 for the first capture of a file
    QString name;      // as the report names it ("archive.zip/b.pcap")
    QString container; // "", "gzip" or "zip"
    // Reads its packets again by PacketContext::recordOffset; null when they
    // cannot be read in place (then a face keeps the bytes it needs itself).
    std::shared_ptr<const RecordAccess> records;
};

class PacketListener
{
public:
    virtual ~PacketListener() = default;
    // Before the first packet of each capture.
    virtual void onCaptureStart(const CaptureStart &) {}
    virtual void onPacket(const PacketContext &pc) = 0;
    // Whether onConversation does anything (the analyzer calls only those that do).
    virtual bool wantsConversations() const { return false; }
    virtual void onConversation(const Conv &) {}
    // A hint that onConversation(c) comes soon (conversations end in
    // batches): ask memory for the state it will touch. Changes nothing.
    // Stage 0 comes a few conversations ahead (index slots), stage 1 closer
    // (the entries those slots name).
    virtual void prefetchConversation(const Conv &, int /*stage*/) {}
};

// A listener that calls a function for each packet (tools and tests).
class PacketCallback : public PacketListener
{
public:
    explicit PacketCallback(std::function<void(const PacketContext &)> f) : m_f(std::move(f)) {}
    void onPacket(const PacketContext &pc) override { m_f(pc); }

private:
    std::function<void(const PacketContext &)> m_f;
};

} // namespace packetlens
