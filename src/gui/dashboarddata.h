// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetrecord.h"

#include "core/report/report.h"

#include <QMap>
#include <QStringList>

#include <array>
#include <limits>
#include <vector>

namespace packetlens::gui {

// What the dashboard draws, whatever it came from.
struct DashboardInput
{
    // Packets by their top protocol (as the packet list's filter counts them).
    std::vector<std::pair<QString, quint64>> protocols;
    struct Point
    {
        qint64 tMs = 0; // start of the bucket, ms since the epoch
        double packetsPerS = 0, bytesPerS = 0;
    };
    std::vector<Point> traffic;
    std::vector<std::pair<QString, quint64>> talkers; // address, bytes sent + received; largest first
    std::vector<SuspiciousIp> suspicious;
    bool fromReport = false; // traffic and talkers are the report's (else: the packets read so far)
    bool suspiciousHadMacSources = false; // findings whose sources are MAC addresses (no score)
};

// Running totals of the packets read so far, fed with every batch of records
// while a capture loads, so that the charts fill as the packets arrive. Once
// the report is there, its timeline and endpoints replace the traffic and
// talkers (DashboardInput::fromReport).
struct DashboardData
{
    std::array<quint64, 256> protoPackets{};
    QMap<qint64, QPair<quint64, quint64>> perSecond; // second -> packets, bytes
    std::vector<quint64> addressBytes;               // by address index: bytes sent + received (IP addresses only)

    void add(const PacketRecord &r, const QVector<bool> &addressIsIp);
    void flush(); // call before reading perSecond

    // The charts' input from these totals (addresses: the job's address table).
    DashboardInput input(const QStringList &addresses, int topTalkers, int maxPoints) const;
    // The same with the report's traffic, talkers and suspicious IPs.
    DashboardInput input(const Report &report, int topTalkers) const;

private:
    std::vector<std::pair<QString, quint64>> protocolCounts() const;
    // Packets mostly arrive in time order: one second is summed aside and
    // written to the map when the second changes.
    qint64 m_second = std::numeric_limits<qint64>::min();
    quint64 m_secondPackets = 0, m_secondBytes = 0;
};

} // namespace packetlens::gui
