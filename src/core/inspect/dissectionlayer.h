// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetdissection.h"

#include "../decode/byteview.h"
#include "../decode/decodedpacket.h"
#include "../decode/ipaddress.h"

namespace packetlens::dissect {

// Builds one layer's node; every field is checked against the captured bytes.
class Layer
{
public:
    Layer(ByteView frame, int start, QString title) : m_frame(frame), m_start(start)
    {
        m_node.text = std::move(title);
        m_node.offset = start;
    }
    ByteView view() const { return m_frame.from(size_t(m_start)); }
    bool has(int off, int len) const { return view().has(size_t(off), size_t(len)); }
    uint8_t u8(int off) const
    {
        uint8_t v = 0;
        view().u8(size_t(off), v);
        return v;
    }
    uint16_t be16(int off) const
    {
        uint16_t v = 0;
        view().be16(size_t(off), v);
        return v;
    }
    uint32_t be32(int off) const
    {
        uint32_t v = 0;
        view().be32(size_t(off), v);
        return v;
    }
    DissectionNode &field(int off, int len, const QString &text)
    {
        DissectionNode n;
        n.text = text;
        n.offset = m_start + off;
        n.length = len;
        m_node.children.append(n);
        return m_node.children.last();
    }
    DissectionNode &note(const QString &text)
    {
        DissectionNode &n = field(0, 0, text);
        n.offset = m_start;
        return n;
    }
    DissectionNode finish(int len)
    {
        m_node.length = len;
        return m_node;
    }
    QString hex(int off, int len) const
    {
        QString s;
        for (int i = 0; i < len; ++i)
            s += QStringLiteral("%1").arg(u8(off + i), 2, 16, QChar(u'0'));
        return s;
    }
    QString mac(int off) const
    {
        QString s;
        for (int i = 0; i < 6; ++i)
            s += (i ? QStringLiteral(":") : QString()) + QStringLiteral("%1").arg(u8(off + i), 2, 16, QChar(u'0'));
        return s;
    }
    QString ipv4(int off) const
    {
        return QStringLiteral("%1.%2.%3.%4").arg(u8(off)).arg(u8(off + 1)).arg(u8(off + 2)).arg(u8(off + 3));
    }
    QString ipv6(int off) const
    {
        return QString::fromStdString(IpAddress::v6(view().data() + off).toString());
    }

private:
    ByteView m_frame;
    int m_start;
    DissectionNode m_node;
};

QString malformedText(const QString &what); // "[Malformed: …]"

// One layer the decoder found: where its header starts in the frame, where
// the next layer starts (or the frame ends), and the decoding it belongs to.
struct LayerSpan
{
    ByteView frame;
    int at = 0;
    int end = 0;
    int linkType = 0;
    const DecodedPacket &d;
    const StreamPosition *pos = nullptr; // relative TCP numbers, stream index
};

// A node for a header that does not fit in the captured bytes.
void addTruncated(QList<DissectionNode> &out, const QString &layer, int at);

// Renderers, one per kind of layer (linkdissectors.cpp, netdissectors.cpp,
// appdissectors.cpp); each appends the nodes of its layer only.
void dissectEthernet(const LayerSpan &s, QList<DissectionNode> &out);
void dissectVlan(const LayerSpan &s, QList<DissectionNode> &out);
void dissectSll(const LayerSpan &s, bool v2, QList<DissectionNode> &out);
void dissectArp(const LayerSpan &s, QList<DissectionNode> &out);
void dissectIpv4(const LayerSpan &s, QList<DissectionNode> &out);
void dissectIpv6(const LayerSpan &s, QList<DissectionNode> &out);
void dissectTcp(const LayerSpan &s, QList<DissectionNode> &out);
void dissectUdp(const LayerSpan &s, QList<DissectionNode> &out);
void dissectIcmp(const LayerSpan &s, bool v6, QList<DissectionNode> &out);
// The application layer, from the decoder's facts (DNS, HTTP, TLS, …).
void dissectApplication(const DecodedPacket &d, int payloadOffset, QList<DissectionNode> &out);

} // namespace packetlens::dissect
