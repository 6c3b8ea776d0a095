#include "dashboarddata.h"

namespace packetlens::gui {

void DashboardData::add(const PacketRecord &r, const QVector<bool> &addressIsIp)
{
    ++packets;
    bytes += r.len;
    protoPackets[r.proto]++;
    auto &slot = perSecond[r.tsNs / 1000000000];
    slot.first++;
    slot.second += r.len;
    if (r.src && r.src <= uint32_t(addressIsIp.size()) && addressIsIp[r.src - 1])
        addressBytes[r.src] += r.len;
    if (r.dst && r.dst != r.src && r.dst <= uint32_t(addressIsIp.size()) && addressIsIp[r.dst - 1])
        addressBytes[r.dst] += r.len;
}

} // namespace packetlens::gui
