// SPDX-License-Identifier: GPL-3.0-or-later
// LiveSession's own thread: the stream read as it arrives into the analysis
// and the saved capture, and the end of the session.
#include "livesession.h"
#include "core/report/errortext.h"

#include "capturehelper.h"
#include "livecounters.h"
#include "livefindings.h"

#include "../capture/captureopener.h"
#include "../capture/pcapngreader.h"
#include "../capture/pipesource.h"
#include "../service/captureanalysis.h"

#include <QFileInfo>

namespace packetlens {

void LiveSession::run()
{
    LiveResult result;
    std::unique_ptr<PacketReader> reader;
    if (openReader(reader, result)) {
        CaptureAnalysis analysis(m_options.analyzer);
        m_counters = std::make_unique<LiveCounters>();
        m_findings = std::make_unique<LiveFindings>();
        analysis.addListener(m_counters.get());
        if (m_options.packetLinesPerS > 0) {
            m_lines = std::make_unique<LivePacketLines>(m_options.packetLinesPerS);
            analysis.addListener(m_lines.get());
        }
        for (PacketListener *l : m_listeners)
            analysis.addListener(l);
        m_analysis = &analysis;
        readPackets(*reader, analysis, result);
        reader.reset();
        finishSession(&analysis, result);
        m_analysis = nullptr;
    } else {
        finishSession(nullptr, result);
    }
    if (m_observer)
        m_observer->onLiveEnded(result);
    m_running = false;
}

// The stream's reader (pcap or pcapng, as it starts); false when it is
// neither, or ended before it said.
bool LiveSession::openReader(std::unique_ptr<PacketReader> &reader, LiveResult &result)
{
    const bool stream = m_options.source.kind == LiveSource::Kind::Stream;
    const int fd = stream ? m_options.source.fd : m_helper.outputFd();
    auto source = std::make_unique<PipeSource>(fd, [this] { tick(true); }, 100, stream ? &m_stop : nullptr);
    InputError error = InputError::None;
    QString message;
    reader = CaptureOpener::openStream(std::move(source), stream ? m_options.source.streamName : m_options.source.interface,
                                       &error, &message);
    if (!reader) {
        result.end = LiveResult::End::Failed;
        result.error = error == InputError::Empty ? LiveError::None : error == InputError::Unreadable ? LiveError::Io : LiveError::NotACapture;
        result.message = error == InputError::Empty ? errorText("error.live.no_packets_arrived") : message;
        if (m_stop)
            result.end = LiveResult::End::Stopped;
        return false;
    }
    if (auto *ng = dynamic_cast<PcapngBlocks *>(reader.get())) {
        ng->setStatisticsHandler([this](const PcapngBlocks::InterfaceStatistics &s) {
            PcapngWriter::Stats &mine = m_dropsByInterface[s.interfaceId];
            mine = {s.received.value_or(0), s.ifDropped.value_or(0), s.osDropped.value_or(0)};
            m_drops = {};
            for (const auto &[id, st] : m_dropsByInterface) {
                m_drops.received += st.received;
                m_drops.ifDropped += st.ifDropped;
                m_drops.osDropped += st.osDropped;
            }
            m_hasDrops = true;
            m_saved->addStatistics(m_drops);
        });
    }
    return true;
}

void LiveSession::readPackets(PacketReader &reader, CaptureAnalysis &analysis, LiveResult &result)
{
    const bool stream = m_options.source.kind == LiveSource::Kind::Stream;
    RawPacket pkt;
    while (reader.next(pkt)) {
        if (!m_saved->add(pkt)) {
            result.end = LiveResult::End::Failed;
            result.error = LiveError::Io;
            result.message = errorText("error.live.not_saved");
            stop();
            break;
        }
        analysis.addPacket(pkt);
        m_lastPacketNs = pkt.timeNs();
        if (stream && ((m_options.maxPackets && m_counters->packets() >= m_options.maxPackets)
                       || (m_options.maxBytes && m_counters->bytes() >= m_options.maxBytes))) {
            m_limitHit = true;
            break;
        }
        if (nowMs() - m_lastTickMs >= 100)
            tick(false);
        if (stream && m_stop)
            break;
    }
    if (reader.truncated() && result.error == LiveError::None)
        result.message = errorText("error.live.stream_cut", {reader.error()});
}

// How the helper ended says how the capture did.
void LiveSession::noteHelperEnd(LiveResult &result)
{
    if (m_stop)
        m_helper.closeInput(); // a stop asked since the last tick, or a save that failed
    const int code = m_helper.wait(5000);
    QString message;
    const LiveError error = CaptureHelper::errorOf(code, m_helper.errorOutput(), &message);
    if (result.error != LiveError::None)
        return;
    if (error == LiveError::InterfaceDown) {
        result.end = LiveResult::End::InterfaceDown;
        result.error = error;
        result.message = message;
    } else if (error != LiveError::None && !m_stop) {
        result.end = LiveResult::End::Failed;
        result.error = error;
        result.message = message;
    } else if (!m_stop) {
        result.end = LiveResult::End::Limit; // the helper reached its stop condition
    }
}

void LiveSession::finishSession(CaptureAnalysis *analysis, LiveResult &result)
{
    const bool stream = m_options.source.kind == LiveSource::Kind::Stream;
    if (stream) {
        if (result.end != LiveResult::End::Failed)
            result.end = m_limitHit ? LiveResult::End::Limit : m_stop ? LiveResult::End::Stopped : LiveResult::End::EndOfStream;
    } else {
        noteHelperEnd(result);
    }
    result.elapsedS = double(nowMs()) / 1000.0;
    if (m_counters) {
        result.packets = m_counters->packets();
        result.bytes = m_counters->bytes();
    }
    result.kernelDrops = m_drops.osDropped;
    result.interfaceDrops = m_drops.ifDropped;
    QString why;
    if (!m_saved->finish(&why)) {
        result.end = LiveResult::End::Failed;
        result.error = LiveError::Io;
        result.message = why;
        return;
    }
    result.savedPath = m_saved->path();
    result.sha256 = m_saved->sha256();
    result.savedBytes = m_saved->size();
    if (!analysis || analysis->packets() == 0) {
        if (result.message.isEmpty())
            result.message = errorText("error.live.none_captured");
        return;
    }
    // What a file analysis of the saved capture is told of it.
    CaptureMeta meta;
    meta.fileName = QFileInfo(result.savedPath).fileName();
    meta.sha256 = result.sha256;
    meta.sizeBytes = result.savedBytes;
    meta.format = QStringLiteral("pcapng");
    meta.timestampDigits = 9;
    publishStats();
    result.report = analysis->finish(meta);
    // Findings only the whole capture shows, reported before the end.
    for (const ReportFinding &f : m_findings->fresh(result.report->findings()))
        if (m_observer)
            m_observer->onLiveFinding(f, 9);
    result.findingsReported = m_findings->reported();
}

} // namespace packetlens
