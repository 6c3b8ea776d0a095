// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportobjects.h"

#include "httpmessages.h"
#include "objectcarving.h"
#include "objectstreams.h"

#include "../service/capturewalk.h"
#include "../util/sha256.h"

#include <algorithm>
#include <map>

namespace packetlens {

namespace {
constexpr uint64_t kMaxKept = 1ull << 30; // bytes kept over all streams

class Carver
{
public:
    explicit Carver(const QStringList &protocols) : m_protocols(protocols) {}
    void add(const WalkedPacket &w);
    std::vector<CapturedObject> finish();

private:
    ObjectStream *streamFor(const WalkedPacket &w);
    bool classify(const DecodedPacket &d, ObjectStream &s) const;
    bool wants(const char *p) const { return m_protocols.isEmpty() || m_protocols.contains(QLatin1String(p)); }

    QStringList m_protocols;
    std::map<int64_t, ObjectStream> m_streams;
    std::map<QByteArray, int64_t> m_announced; // FTP data endpoints seen in 227/229/PORT/EPRT, by control stream
    uint64_t m_kept = 0;
};

// What a stream's first payload says it carries; false when nothing to carve.
bool Carver::classify(const DecodedPacket &d, ObjectStream &s) const
{
    auto ann = m_announced.find(ftpEndpointKey(d.dst, d.dport));
    if (ann == m_announced.end())
        ann = m_announced.find(ftpEndpointKey(d.src, d.sport));
    const uint16_t low = std::min(d.sport, d.dport);
    if (ann != m_announced.end()) {
        s.kind = ObjectStream::FtpData;
        s.control = ann->second;
        return wants("ftp-data");
    }
    if (low == 21) {
        s.kind = ObjectStream::FtpControl;
        return wants("ftp-data");
    }
    if (low == 25 || low == 587) {
        s.kind = ObjectStream::Smtp;
        return wants("smtp");
    }
    s.kind = ObjectStream::Http;
    return (d.http.isRequest || d.http.status) && wants("http");
}

ObjectStream *Carver::streamFor(const WalkedPacket &w)
{
    auto it = m_streams.find(w.pos.stream);
    if (it != m_streams.end())
        return &it->second;
    const DecodedPacket &d = *w.d;
    ObjectStream s;
    if (!d.payload || !d.payloadLen || !classify(d, s))
        return nullptr;
    const int dir = w.pos.dir;
    s.addr[dir] = d.src;
    s.port[dir] = d.sport;
    s.addr[1 - dir] = d.dst;
    s.port[1 - dir] = d.dport;
    return &m_streams.emplace(w.pos.stream, std::move(s)).first->second;
}

void Carver::add(const WalkedPacket &w)
{
    if (!w.pos.tcp || w.d->malformed)
        return;
    ObjectStream *s = streamFor(w);
    if (!s)
        return;
    const DecodedPacket &d = *w.d;
    std::vector<QByteArray> ready;
    s->seq[w.pos.dir].add(w.pos.relSeq, d.tcpFlags & 0x02, d.payload, d.payload ? d.payloadLen : 0, ready);
    for (const QByteArray &b : ready) {
        if (m_kept + uint64_t(b.size()) > kMaxKept) {
            s->full = true;
            break;
        }
        m_kept += uint64_t(b.size());
        s->data[w.pos.dir] += b;
        s->lastFrame = w.number;
    }
    if (s->kind == ObjectStream::FtpControl && d.payload)
        for (const QByteArray &key : ftpAnnouncedEndpoints(QByteArray(reinterpret_cast<const char *>(d.payload), qsizetype(d.payloadLen)), d))
            m_announced[key] = w.pos.stream;
}

std::vector<CapturedObject> Carver::finish()
{
    std::vector<CapturedObject> out;
    for (auto &[id, s] : m_streams) {
        for (int dir = 0; dir < 2; ++dir) {
            std::vector<QByteArray> rest;
            s.seq[dir].flush(rest, true); // lost bytes as zeros: the messages after them stay in place
            for (const QByteArray &b : rest)
                s.data[dir] += b;
        }
    }
    for (auto &[id, s] : m_streams) {
        if (s.kind == ObjectStream::Http)
            carveHttp(s, out);
        else if (s.kind == ObjectStream::Smtp)
            carveSmtp(s, out);
        else if (s.kind == ObjectStream::FtpControl && wants("ftp-data"))
            carveFtp(id, s, m_streams, out);
    }
    std::stable_sort(out.begin(), out.end(), [](const CapturedObject &a, const CapturedObject &b) { return a.frame < b.frame; });
    QStringList taken;
    for (CapturedObject &o : out) {
        o.safeName = safeObjectName(o.name, taken);
        o.type = objectTypeByMagic(o.data);
        Sha256 h;
        h.update(o.data.constData(), size_t(o.data.size()));
        o.sha256 = h.finalHex();
    }
    return out;
}
} // namespace

QStringList objectProtocols()
{
    return {QStringLiteral("http"), QStringLiteral("ftp-data"), QStringLiteral("smtp")};
}

bool carveObjects(const QString &path, const QStringList &protocols, std::vector<CapturedObject> &out, QString *error)
{
    Carver c(protocols);
    if (!walkCapture(path, [&](const WalkedPacket &w) { c.add(w); }, error))
        return false;
    out = c.finish();
    return true;
}

} // namespace packetlens
