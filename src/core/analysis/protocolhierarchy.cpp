// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocolhierarchy.h"

#include <algorithm>

namespace packetlens {

ProtocolHierarchy::ProtocolHierarchy()
{
    m_nodes.push_back(Node{Proto::Count, -1, 0, 0, {}});
}

int ProtocolHierarchy::child(int parent, Proto p)
{
    for (int c : m_nodes[size_t(parent)].children)
        if (m_nodes[size_t(c)].proto == p)
            return c;
    const int idx = int(m_nodes.size());
    m_nodes.push_back(Node{p, parent, 0, 0, {}});
    m_nodes[size_t(parent)].children.push_back(idx);
    return idx;
}

int ProtocolHierarchy::leafOf(const DecodedPacket &d)
{
    uint32_t h = d.depth;
    for (int i = 0; i < d.depth; ++i)
        h = h * 31 + uint32_t(d.path[i]);
    LeafSlot &slot = m_leaves[(h ^ (h >> 6)) & 63];
    if (slot.depth == d.depth && std::equal(d.path, d.path + d.depth, slot.path))
        return slot.node;
    int node = 0;
    for (int i = 0; i < d.depth; ++i)
        node = child(node, d.path[i]);
    slot.depth = d.depth;
    std::copy(d.path, d.path + d.depth, slot.path);
    slot.node = node;
    return node;
}

void ProtocolHierarchy::add(const PacketContext &pc)
{
    Node &leaf = m_nodes[size_t(leafOf(*pc.d))];
    leaf.packets++;
    leaf.bytes += pc.len;
}

void ProtocolHierarchy::totals(std::vector<uint64_t> &packets, std::vector<uint64_t> &bytes) const
{
    packets.assign(m_nodes.size(), 0);
    bytes.assign(m_nodes.size(), 0);
    // Children always come after their parent, so one backward pass sums subtrees.
    for (size_t i = m_nodes.size(); i-- > 0;) {
        packets[i] += m_nodes[i].packets;
        bytes[i] += m_nodes[i].bytes;
        if (m_nodes[i].parent >= 0) {
            packets[size_t(m_nodes[i].parent)] += packets[i];
            bytes[size_t(m_nodes[i].parent)] += bytes[i];
        }
    }
}

QString ProtocolHierarchy::pathOf(int node) const
{
    QStringList parts;
    for (int n = node; n > 0; n = m_nodes[size_t(n)].parent)
        parts.prepend(QString::fromLatin1(protoName(m_nodes[size_t(n)].proto)));
    return parts.join(QLatin1Char(':'));
}

void ProtocolHierarchy::emitNode(int node, const std::vector<uint64_t> &packets,
                                 const std::vector<uint64_t> &bytes, std::vector<ProtocolNode> &out) const
{
    const Node &n = m_nodes[size_t(node)];
    if (node > 0) {
        out.push_back({QString::fromLatin1(protoName(n.proto)), pathOf(node), qint64(packets[size_t(node)]),
                       qint64(bytes[size_t(node)])});
    }
    std::vector<int> kids = n.children;
    std::stable_sort(kids.begin(), kids.end(), [&packets](int a, int b) {
        return packets[size_t(a)] > packets[size_t(b)];
    });
    for (int c : kids)
        emitNode(c, packets, bytes, out);
}

std::vector<ProtocolNode> ProtocolHierarchy::nodes() const
{
    std::vector<uint64_t> packets, bytes;
    totals(packets, bytes);
    std::vector<ProtocolNode> out;
    emitNode(0, packets, bytes, out);
    return out;
}

} // namespace packetlens
