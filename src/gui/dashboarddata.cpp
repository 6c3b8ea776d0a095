#include "dashboarddata.h"

namespace packetlens::gui {

void DashboardData::add(const PacketRecord &r, const QVector<bool> &addressIsIp)
{
    protoPackets[r.proto]++;
    const qint64 second = r.tsNs / 1000000000;
    if (second != m_second) {
        flush();
        m_second = second;
    }
    m_secondPackets++;
    m_secondBytes += r.len;
    if (addressBytes.size() < size_t(addressIsIp.size()) + 1)
        addressBytes.resize(size_t(addressIsIp.size()) + 1);
    if (r.src && r.src <= uint32_t(addressIsIp.size()) && addressIsIp[r.src - 1])
        addressBytes[r.src] += r.len;
    if (r.dst && r.dst != r.src && r.dst <= uint32_t(addressIsIp.size()) && addressIsIp[r.dst - 1])
        addressBytes[r.dst] += r.len;
}

void DashboardData::flush()
{
    if (m_secondPackets) {
        auto &slot = perSecond[m_second];
        slot.first += m_secondPackets;
        slot.second += m_secondBytes;
    }
    m_secondPackets = m_secondBytes = 0;
}

} // namespace packetlens::gui
