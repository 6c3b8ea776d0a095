#include "protocolhierarchy.h"

#include <QJsonObject>

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

void ProtocolHierarchy::add(const PacketContext &pc)
{
    int node = 0;
    m_nodes[0].packets++;
    m_nodes[0].bytes += pc.len;
    for (int i = 0; i < pc.d->depth; ++i) {
        node = child(node, pc.d->path[i]);
        m_nodes[size_t(node)].packets++;
        m_nodes[size_t(node)].bytes += pc.len;
    }
}

QString ProtocolHierarchy::pathOf(int node) const
{
    QStringList parts;
    for (int n = node; n > 0; n = m_nodes[size_t(n)].parent)
        parts.prepend(QString::fromLatin1(protoName(m_nodes[size_t(n)].proto)));
    return parts.join(QLatin1Char(':'));
}

void ProtocolHierarchy::emitNode(int node, QJsonArray &out) const
{
    const Node &n = m_nodes[size_t(node)];
    if (node > 0) {
        out.append(QJsonObject{{QStringLiteral("name"), QString::fromLatin1(protoName(n.proto))},
                               {QStringLiteral("path"), pathOf(node)},
                               {QStringLiteral("packets"), qint64(n.packets)},
                               {QStringLiteral("bytes"), qint64(n.bytes)}});
    }
    std::vector<int> kids = n.children;
    std::sort(kids.begin(), kids.end(), [this](int a, int b) {
        return m_nodes[size_t(a)].packets > m_nodes[size_t(b)].packets;
    });
    for (int c : kids)
        emitNode(c, out);
}

QJsonArray ProtocolHierarchy::toJson() const
{
    QJsonArray out;
    emitNode(0, out);
    return out;
}

} // namespace packetlens
