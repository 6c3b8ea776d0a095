#pragma once

#include "packetrecord.h"

#include <QHash>
#include <QMap>
#include <QStringList>

#include <array>

namespace packetlens::gui {

// Running totals for the dashboard, fed with every batch of records while a
// capture loads, so that the charts fill as the packets arrive.
struct DashboardData
{
    std::array<quint64, 256> protoPackets{};
    QMap<qint64, QPair<quint64, quint64>> perSecond; // second -> packets, bytes
    QHash<uint32_t, quint64> addressBytes;           // IP address index -> bytes sent + received
    quint64 packets = 0, bytes = 0;

    void add(const PacketRecord &r, const QVector<bool> &addressIsIp);
};

} // namespace packetlens::gui
