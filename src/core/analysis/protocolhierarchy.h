// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/packetcontext.h"

#include "../report/report.h"

#include <vector>

namespace packetlens {

// Protocol hierarchy as tshark's `-z io,phs` builds it: one node per distinct
// path of protocols, counting packets and (wire) bytes.
class ProtocolHierarchy
{
public:
    ProtocolHierarchy();
    void add(const PacketContext &pc);
    std::vector<ProtocolNode> nodes() const; // depth-first, children by packets descending

private:
    struct Node
    {
        Proto proto;
        int parent;
        uint64_t packets = 0; // packets whose path ends here (the subtree's sum is made on output)
        uint64_t bytes = 0;
        std::vector<int> children;
    };
    // The node of a whole path, remembered by a small direct-mapped cache so
    // that a packet costs one lookup, not one per layer.
    struct LeafSlot
    {
        uint8_t depth = 0xff;
        Proto path[DecodedPacket::kMaxDepth];
        int node = 0;
    };
    int child(int parent, Proto p);
    int leafOf(const DecodedPacket &d);
    void totals(std::vector<uint64_t> &packets, std::vector<uint64_t> &bytes) const;
    QString pathOf(int node) const;
    void emitNode(int node, const std::vector<uint64_t> &packets, const std::vector<uint64_t> &bytes,
                  std::vector<ProtocolNode> &out) const;

    std::vector<Node> m_nodes; // m_nodes[0] is the root (frame)
    LeafSlot m_leaves[64];
};

} // namespace packetlens
