// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A LiveObserver for tests: keeps what a live session tells, thread-safe;
// tests wait on it with QTRY_* (events, never the clock).
#include "core/live/livetypes.h"

#include <QList>

#include <mutex>
#include <optional>

namespace packetlens::test {

class LiveRecorder : public LiveObserver
{
public:
    void onLiveStats(const LiveStats &s) override
    {
        std::lock_guard<std::mutex> l(m_lock);
        m_stats = s;
        ++m_statsCount;
    }
    void onLiveFinding(const ReportFinding &f, int) override
    {
        std::lock_guard<std::mutex> l(m_lock);
        m_findings << f;
    }
    void onLivePackets(const std::vector<LivePacketLine> &lines) override
    {
        std::lock_guard<std::mutex> l(m_lock);
        m_lines += int(lines.size());
    }
    void onLiveEnded(const LiveResult &r) override
    {
        std::lock_guard<std::mutex> l(m_lock);
        m_result = r;
    }

    quint64 packets() const
    {
        std::lock_guard<std::mutex> l(m_lock);
        return m_stats.packets;
    }
    int statsCount() const
    {
        std::lock_guard<std::mutex> l(m_lock);
        return m_statsCount;
    }
    QList<ReportFinding> findings() const
    {
        std::lock_guard<std::mutex> l(m_lock);
        return m_findings;
    }
    bool hasFinding(const QString &category) const
    {
        std::lock_guard<std::mutex> l(m_lock);
        for (const ReportFinding &f : m_findings)
            if (f.category == category)
                return true;
        return false;
    }
    int lines() const
    {
        std::lock_guard<std::mutex> l(m_lock);
        return m_lines;
    }
    bool ended() const
    {
        std::lock_guard<std::mutex> l(m_lock);
        return m_result.has_value();
    }
    LiveResult result() const
    {
        std::lock_guard<std::mutex> l(m_lock);
        return m_result.value_or(LiveResult());
    }

private:
    mutable std::mutex m_lock;
    LiveStats m_stats;
    int m_statsCount = 0;
    QList<ReportFinding> m_findings;
    int m_lines = 0;
    std::optional<LiveResult> m_result;
};

} // namespace packetlens::test
