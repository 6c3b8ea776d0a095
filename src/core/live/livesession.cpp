// SPDX-License-Identifier: GPL-3.0-or-later
#include "livesession.h"
#include "core/report/errortext.h"

#include "capturehelper.h"
#include "livecounters.h"
#include "livefindings.h"

#include "../capture/pipesource.h"
#include "../service/captureanalysis.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr int kStartTimeoutMs = 10000; // the helper opens the device within this
constexpr int kTickMs = 100;
constexpr int kStopGraceMs = 5000;     // then the helper is killed
constexpr int kTopTalkers = 10;

QStringList helperArguments(const LiveOptions &o)
{
    QStringList args = {QStringLiteral("-i"), o.source.interface, QStringLiteral("--watch-stdin"),
                        QStringLiteral("-B"), QString::number(o.bufferMiB), QStringLiteral("-s"), QString::number(o.snaplen),
                        QStringLiteral("--stats-ms"), QString::number(o.statsIntervalMs)};
    if (!o.promiscuous)
        args << QStringLiteral("-p");
    if (!o.filter.isEmpty())
        args << QStringLiteral("-f") << o.filter;
    if (o.maxPackets)
        args << QStringLiteral("-c") << QString::number(o.maxPackets);
    if (o.maxBytes)
        args << QStringLiteral("-C") << QString::number(o.maxBytes);
    if (o.durationS > 0)
        args << QStringLiteral("-a") << QString::number(o.durationS);
    return args;
}
} // namespace

QString liveEndName(LiveResult::End end)
{
    switch (end) {
    case LiveResult::End::Stopped: return QStringLiteral("stopped");
    case LiveResult::End::Limit: return QStringLiteral("limit");
    case LiveResult::End::InterfaceDown: return QStringLiteral("interface_down");
    case LiveResult::End::EndOfStream: return QStringLiteral("end_of_stream");
    case LiveResult::End::Failed: return QStringLiteral("failed");
    }
    return QStringLiteral("failed");
}

LiveSession::LiveSession(const LiveOptions &options, std::unique_ptr<SavedCapture> saved, LiveObserver *observer)
    : m_options(options), m_saved(std::move(saved)), m_observer(observer)
{
}

LiveSession::~LiveSession()
{
    stop();
    wait();
}

bool LiveSession::start(LiveError *error, QString *message)
{
    m_clock.start();
    if (m_options.source.kind == LiveSource::Kind::Interface) {
        m_helperPath = m_options.helperPath.isEmpty() ? CaptureHelper::locate() : m_options.helperPath;
        if (m_helperPath.isEmpty()) {
            *error = LiveError::HelperMissing;
            *message = errorText("error.live.helper_not_found");
            return false;
        }
        if (!m_helper.start(m_helperPath, helperArguments(m_options), message)) {
            *error = LiveError::HelperMissing;
            return false;
        }
        PipeSource::enlarge(m_helper.outputFd(), 1 << 20);
        // The helper writes its first block once the device is open: until
        // then, its failure (permission, interface, filter) is the answer.
        if (!m_helper.waitForOutput(kStartTimeoutMs)) {
            const int code = m_helper.wait(1000);
            *error = CaptureHelper::errorOf(code, m_helper.errorOutput(), message);
            if (*error == LiveError::None) {
                *error = LiveError::Failed;
                *message = errorText("error.live.helper_not_started");
            }
            if (*error == LiveError::NoPermission)
                *message += QStringLiteral("\n") + captureGrantHint(m_helperPath);
            return false;
        }
    }
    m_running = true;
    m_thread = std::thread([this] { run(); });
    return true;
}

// Any thread: the session thread sees the flag within a tick and closes the
// helper's standard input itself.
void LiveSession::stop()
{
    m_stop = true;
}

void LiveSession::wait()
{
    if (m_thread.joinable())
        m_thread.join();
}

LiveStats LiveSession::stats() const
{
    std::lock_guard<std::mutex> lock(m_statsLock);
    return m_latest;
}

// On the session thread, between packets or while none arrives: the
// observer's tick, the statistics each interval, provisional detection when due.
void LiveSession::tick(bool idle)
{
    const int64_t now = nowMs();
    m_lastTickMs = now;
    if (m_stop && m_options.source.kind == LiveSource::Kind::Interface) {
        m_helper.closeInput();
        if (m_stopAskedMs < 0)
            m_stopAskedMs = now;
        else if (now - m_stopAskedMs > kStopGraceMs)
            m_helper.kill(); // it did not stop when asked
    }
    if (m_options.source.kind == LiveSource::Kind::Stream && m_options.durationS > 0 && now >= m_options.durationS * 1000) {
        m_limitHit = true;
        m_stop = true;
    }
    if (!m_analysis)
        return;
    if (m_observer)
        m_observer->onLiveTick();
    if (m_lines && m_observer) {
        std::vector<LivePacketLine> lines = m_lines->take();
        if (!lines.empty())
            m_observer->onLivePackets(lines);
    }
    if (now - m_lastStatsMs >= m_options.statsIntervalMs)
        publishStats();
    evaluateFindings(idle);
}

void LiveSession::publishStats()
{
    const int64_t now = nowMs();
    const double interval = double(std::max<int64_t>(now - m_lastStatsMs, 1)) / 1000.0;
    m_lastStatsMs = now;
    LiveStats s;
    s.elapsedS = double(now) / 1000.0;
    s.packets = m_counters->packets();
    s.bytes = m_counters->bytes();
    s.packetsPerS = double(s.packets - m_statsPackets) / interval;
    s.bytesPerS = double(s.bytes - m_statsBytes) / interval;
    m_statsPackets = s.packets;
    m_statsBytes = s.bytes;
    s.hasDropCounts = m_hasDrops;
    s.received = m_drops.received;
    s.kernelDrops = m_drops.osDropped;
    s.interfaceDrops = m_drops.ifDropped;
    s.protocols = m_analysis->analyzer().hierarchy().nodes();
    s.topTalkers = m_counters->topTalkers(kTopTalkers);
    s.findings = m_findings->reported();
    {
        std::lock_guard<std::mutex> lock(m_statsLock);
        m_latest = s;
    }
    if (m_observer)
        m_observer->onLiveStats(s);
}

void LiveSession::evaluateFindings(bool idle)
{
    m_findings->sawPackets(m_counters->packets());
    const int64_t started = nowMs();
    if (!m_findings->due(started, m_lastPacketNs, idle))
        return;
    std::vector<ReportFinding> found;
    for (const Finding &f : m_analysis->provisionalFindings())
        found.push_back(f.toReport(QString()));
    // Worst first, as a report orders them.
    std::stable_sort(found.begin(), found.end(), [](const ReportFinding &a, const ReportFinding &b) {
        return a.severity != b.severity ? a.severity > b.severity : a.firstNs < b.firstNs;
    });
    m_findings->evaluated(started, nowMs(), m_lastPacketNs, m_counters->packets());
    for (const ReportFinding &f : m_findings->fresh(found))
        if (m_observer)
            m_observer->onLiveFinding(f, 9);
}

} // namespace packetlens
