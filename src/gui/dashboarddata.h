#pragma once

#include "packetrecord.h"

#include <QHash>
#include <QMap>
#include <QStringList>

#include <array>
#include <limits>
#include <vector>

namespace packetlens::gui {

// Running totals for the dashboard, fed with every batch of records while a
// capture loads, so that the charts fill as the packets arrive.
struct DashboardData
{
    std::array<quint64, 256> protoPackets{};
    QMap<qint64, QPair<quint64, quint64>> perSecond; // second -> packets, bytes
    std::vector<quint64> addressBytes;               // by address index: bytes sent + received (IP addresses only)

    void add(const PacketRecord &r, const QVector<bool> &addressIsIp);
    void flush(); // call before reading perSecond

private:
    // Packets mostly arrive in time order: one second is summed aside and
    // written to the map when the second changes.
    qint64 m_second = std::numeric_limits<qint64>::min();
    quint64 m_secondPackets = 0, m_secondBytes = 0;
};

} // namespace packetlens::gui
