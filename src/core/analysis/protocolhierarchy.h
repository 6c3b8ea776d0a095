#pragma once

#include "packetcontext.h"

#include <QJsonArray>

#include <vector>

namespace packetlens {

// Protocol hierarchy as tshark's `-z io,phs` builds it: one node per distinct
// path of protocols, counting packets and (wire) bytes.
class ProtocolHierarchy
{
public:
    ProtocolHierarchy();
    void add(const PacketContext &pc);
    QJsonArray toJson() const; // depth-first, children by packets descending

private:
    struct Node
    {
        Proto proto;
        int parent;
        uint64_t packets = 0;
        uint64_t bytes = 0;
        std::vector<int> children;
    };
    int child(int parent, Proto p);
    QString pathOf(int node) const;
    void emitNode(int node, QJsonArray &out) const;

    std::vector<Node> m_nodes; // m_nodes[0] is the root (frame)
};

} // namespace packetlens
