// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisworker.h"

#include "packetspool.h"

#include "core/history/historystore.h"
#include "core/inspect/packetsummary.h"
#include "core/service/recordedanalysis.h"

#include <algorithm>
#include <cstring>

namespace packetlens::gui {

namespace {
constexpr int kBatchPackets = 262144;
constexpr qint64 kBatchMs = 200;

QList<EntryResult> toEntries(const QList<AnalysisOutcome> &outcomes)
{
    QList<EntryResult> list;
    for (const AnalysisOutcome &o : outcomes) {
        EntryResult e;
        e.name = o.name;
        e.ok = o.status == AnalysisOutcome::Status::Ok;
        e.cancelled = o.status == AnalysisOutcome::Status::Cancelled;
        e.message = o.message;
        e.report = o.report;
        list << e;
    }
    return list;
}
} // namespace

AnalysisWorker::AnalysisWorker(std::shared_ptr<PacketSpool> spool) : m_spool(std::move(spool))
{
    m_clock.start(); // run() starts it again; a live capture feeds packets without it
}

uint32_t AnalysisWorker::internIp(const IpAddress &a)
{
    uint32_t low;
    std::memcpy(&low, a.bytes + (a.family == 6 ? 12 : 0), 4);
    RecentIp &recent = m_recentIps[(low * 0x9e3779b1u) >> 20]; // 12 bits: 4096 slots
    if (recent.ip == a)
        return recent.index;
    auto [index, inserted] = m_ips.tryEmplace(a, a.hash());
    if (inserted) {
        *index = m_nextAddress++;
        m_batch.newAddresses << QString::fromStdString(a.toString());
    }
    recent.ip = a;
    recent.index = *index;
    return *index;
}

uint32_t AnalysisWorker::internMac(const uint8_t *mac, bool broadcastName)
{
    uint64_t key = macToInt(mac);
    const bool broadcast = broadcastName && key == 0xffffffffffffull;
    if (broadcast)
        key |= 1ull << 63; // "Broadcast" is its own entry
    auto [it, inserted] = m_macs.try_emplace(key, m_nextAddress);
    if (inserted) {
        ++m_nextAddress;
        m_batch.newAddresses << (broadcast ? QStringLiteral("Broadcast") : QString::fromStdString(macToString(mac)));
    }
    return it->second;
}

void AnalysisWorker::onCaptureStart(const CaptureStart &start)
{
    flushBatch();
    ++m_entry;
    m_batch.entry = m_entry;
    std::fill(m_convAddresses.begin(), m_convAddresses.end(), ConvAddresses{}); // ids restart with each capture
    m_streams = StreamNumbering();
    m_sentStreamState.clear();
    m_inPlace = start.records != nullptr;
    if (m_inPlace)
        m_spool->setRecordAccess(start.records);
    emit captureStarted(m_entry, start.name);
}

void AnalysisWorker::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    PacketRecord r;
    r.tsNs = pc.tsNs;
    r.proto = uint8_t(packetTopProtocol(d));
    r.flags = (d.malformed ? PacketRecord::Malformed : 0) | (d.tcpRetransmission ? PacketRecord::Retransmission : 0);
    if (m_inPlace && pc.recordOffset < (uint64_t(1) << 48)) {
        r.spool = pc.recordOffset; // a plain pcap file: read in place later
        r.flags |= PacketRecord::InFile;
    } else {
        r.spool = m_spool->append(pc.linkType, pc.data, pc.caplen);
    }
    r.len = pc.len;
    if (pc.conversationId && d.src.isValid() && d.dst.isValid()) {
        ConvAddresses &c = m_convAddresses[pc.conversationId & (kConvSlots - 1)];
        if (c.id != pc.conversationId) {
            const uint32_t s = internIp(d.src), t = internIp(d.dst);
            c = pc.fromOriginator ? ConvAddresses{pc.conversationId, s, t} : ConvAddresses{pc.conversationId, t, s};
        }
        r.src = pc.fromOriginator ? c.orig : c.resp;
        r.dst = pc.fromOriginator ? c.resp : c.orig;
    } else {
        if (d.src.isValid())
            r.src = internIp(d.src);
        else if (d.hasArp)
            r.src = internMac(d.arp.senderMac, false);
        else if (d.hasMac)
            r.src = internMac(d.srcMac, false);
        if (d.dst.isValid())
            r.dst = internIp(d.dst);
        else if (d.hasMac)
            r.dst = internMac(d.dstMac, true);
    }
    if (pc.expert.any())
        m_batch.experts.append({uint32_t(m_batch.records.size()), pc.expert});
    m_batch.records.append(r);
    numberStream(d);
    if (m_batch.records.size() >= kBatchPackets || ((pc.number & 255) == 0 && m_clock.elapsed() - m_lastFlushMs >= kBatchMs))
        flushBatch();
}

void AnalysisWorker::numberStream(const DecodedPacket &d)
{
    const StreamPosition pos = m_streams.assign(d);
    if (!pos.tcp) {
        m_batch.streams.append(0);
        return;
    }
    const auto id = uint32_t(pos.stream);
    m_batch.streams.append(id + 1);
    const StreamNumbering::TcpStream &s = *m_streams.tcpStream(id);
    const uint16_t state = uint16_t(s.baseSet[0] | s.baseSet[1] << 1 | (s.shift[0] + 2) << 2 | (s.shift[1] + 2) << 7);
    if (id >= m_sentStreamState.size())
        m_sentStreamState.resize(size_t(id) + 1, 0xffff);
    if (m_sentStreamState[id] != state) {
        m_sentStreamState[id] = state;
        m_batch.streamUpdates.append({id, s});
    }
}

void AnalysisWorker::flushBatch()
{
    m_lastFlushMs = m_clock.elapsed();
    if (m_batch.records.isEmpty() && m_batch.newAddresses.isEmpty())
        return;
    m_spool->flush();
    emit packetsReady(m_batch);
    m_batch.records.clear();
    m_batch.streams.clear();
    m_batch.streamUpdates.clear();
    m_batch.records.reserve(kBatchPackets);
    m_batch.newAddresses.clear();
    m_batch.experts.clear();
}

void AnalysisWorker::run(const AnalysisJobSpec &spec)
{
    m_clock.start();
    std::unique_ptr<HistoryStore> store;
    QString historyError;
    if (!spec.dbPath.isEmpty()) {
        store = std::make_unique<HistoryStore>(spec.dbPath);
        if (!store->open(&historyError))
            store.reset();
    }
    AnalysisRequest req;
    req.path = spec.path;
    req.analyzer = spec.settings;
    if (!spec.password.isEmpty())
        req.open.password = spec.password;
    auto progressFn = [this](const AnalysisProgress &p) { emit progress(p.name, p.packets, p.position, p.total); };

    RecordOptions opts;
    opts.refresh = spec.refresh;
    opts.hashFirst = false;
    opts.progress = progressFn;
    opts.listener = this;
    const RecordedAnalysis rec = analyzeAndRecord(req, store.get(), analysisSettingsHash(spec.settings), opts, &m_cancel);
    if (!rec.historyError.isEmpty())
        historyError = rec.historyError;
    QList<EntryResult> entries = toEntries(rec.outcomes);
    if (rec.fromHistory) {
        emit reportsFromHistory(entries, rec.analysisId);
        // The packet list still needs the packets: read them without analysis.
        AnalysisRequest tableOnly = req;
        tableOnly.analyzer.detect = false;
        if (!entries.isEmpty()) { // known already: not hashed again
            const CaptureSection &cap = entries.first().report.capture;
            tableOnly.knownSha256 = cap.containerSha256.isEmpty() ? cap.sha256 : cap.containerSha256;
        }
        const QList<AnalysisOutcome> read = AnalysisService::analyze(tableOnly, &m_cancel, progressFn, this);
        for (const AnalysisOutcome &o : read)
            if (o.status == AnalysisOutcome::Status::Cancelled)
                entries = toEntries(read);
    }
    flushBatch();
    emit finished(entries, rec.fromHistory, historyError);
}

} // namespace packetlens::gui
