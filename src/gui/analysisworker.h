// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetrecord.h"

#include "core/service/analysisservice.h"
#include "core/util/densehashmap.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <memory>
#include <unordered_map>
#include <vector>

namespace packetlens::gui {

class PacketSpool;

struct AnalysisJobSpec
{
    QString path;
    QString dbPath;     // history database; empty: no history
    QString password;   // zip password (then "infected" is tried)
    bool refresh = false; // analyze again even when the history has a report
    AnalyzerSettings settings;
};

struct EntryResult
{
    QString name;
    bool ok = false;
    bool cancelled = false;
    QString message;
    Report report;
};

// Runs one analysis on the thread it was moved to: the core's engine
// (through the history) with a packet observer that spools each packet's
// bytes and sends compact records to the GUI in batches.
class AnalysisWorker : public QObject, public PacketListener
{
    Q_OBJECT
public:
    explicit AnalysisWorker(std::shared_ptr<PacketSpool> spool);
    void cancel() { m_cancel = true; } // thread-safe
    // Sends the records gathered so far (a live capture's ticks); on the
    // thread that feeds the packets.
    void flushPending() { flushBatch(); }

public slots:
    void run(const packetlens::gui::AnalysisJobSpec &spec);

signals:
    // A capture begins (a zip holds several): its batches follow.
    void captureStarted(int entry, const QString &name);
    void packetsReady(const packetlens::gui::PacketBatch &batch);
    void progress(const QString &name, quint64 packets, quint64 position, quint64 total);
    // The history answered: the reports are shown at once; the packets follow.
    void reportsFromHistory(const QList<packetlens::gui::EntryResult> &entries, qint64 analysisId);
    void finished(const QList<packetlens::gui::EntryResult> &entries, bool fromHistory, const QString &historyError);

private:
    void onCaptureStart(const CaptureStart &start) override;
    void onPacket(const PacketContext &pc) override;
    void flushBatch();
    void numberStream(const DecodedPacket &d);
    uint32_t internIp(const IpAddress &a);
    uint32_t internMac(const uint8_t *mac, bool broadcastName);

    std::shared_ptr<PacketSpool> m_spool;
    std::atomic<bool> m_cancel{false};
    PacketBatch m_batch;
    int m_entry = -1;
    bool m_inPlace = false; // the core reads this capture's records in place: records point into the file
    uint32_t m_nextAddress = 1;
    DenseHashMap<IpAddress, uint32_t> m_ips; // one slot and one entry per lookup
    // Recently interned addresses, direct-mapped by their low word: most
    // packets repeat an address seen a moment ago, found here without the
    // full hash and the table's cache misses.
    struct RecentIp
    {
        IpAddress ip; // family 0 (never a packet's address) while empty
        uint32_t index = 0;
    };
    std::vector<RecentIp> m_recentIps = std::vector<RecentIp>(4096);
    // A conversation's two interned addresses, kept by its id (direct-mapped;
    // a slot taken by another conversation is simply interned again): most
    // packets belong to a conversation seen a moment ago, and its addresses
    // are not looked up twice per packet. Cleared for each capture of an
    // archive (ids restart with the packet numbers).
    struct ConvAddresses
    {
        uint64_t id = 0; // PacketContext::conversationId; 0: empty
        uint32_t orig = 0, resp = 0;
    };
    static constexpr size_t kConvSlots = 1 << 16;
    std::vector<ConvAddresses> m_convAddresses = std::vector<ConvAddresses>(kConvSlots);
    std::unordered_map<uint64_t, uint32_t> m_macs;
    qint64 m_lastFlushMs = 0;
    QElapsedTimer m_clock;
    // tcp.stream of each packet; a stream's state goes to the GUI when it changes.
    StreamNumbering m_streams;
    std::vector<uint16_t> m_sentStreamState;
};

} // namespace packetlens::gui

Q_DECLARE_METATYPE(packetlens::gui::AnalysisJobSpec)
Q_DECLARE_METATYPE(packetlens::gui::EntryResult)
