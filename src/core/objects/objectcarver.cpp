// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectcarver.h"

#include "objectcarving.h"

#include "../util/sha256.h"

#include <algorithm>

namespace packetlens {

ObjectCarver::ObjectCarver(const QStringList &protocols, uint64_t keepLimit, bool carveTruncated)
    : m_protocols(protocols), m_limit(keepLimit), m_carveTruncated(carveTruncated)
{
}

// What a stream's first payload says it carries; false when nothing to carve.
bool ObjectCarver::classify(const DecodedPacket &d, ObjectStream &s) const
{
    auto ann = m_announced.end();
    if (!m_announced.empty()) {
        ann = m_announced.find(ftpEndpointKey(d.dst, d.dport));
        if (ann == m_announced.end())
            ann = m_announced.find(ftpEndpointKey(d.src, d.sport));
    }
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

ObjectStream *ObjectCarver::streamFor(int64_t stream, int dir, const DecodedPacket &d)
{
    auto it = m_streams.find(stream);
    if (it != m_streams.end())
        return &it->second;
    ObjectStream s;
    if (!d.payload || !d.payloadLen || !classify(d, s))
        return nullptr;
    s.addr[dir] = d.src;
    s.port[dir] = d.sport;
    s.addr[1 - dir] = d.dst;
    s.port[1 - dir] = d.dport;
    if (s.kind == ObjectStream::FtpData)
        if (auto control = m_streams.find(s.control); control != m_streams.end()) {
            std::vector<int64_t> &ids = control->second.dataIds;
            if (!std::binary_search(ids.begin(), ids.end(), stream))
                ids.insert(std::upper_bound(ids.begin(), ids.end(), stream), stream);
        }
    return &m_streams.emplace(stream, std::move(s)).first->second;
}

namespace {
void flushStream(ObjectStream &s)
{
    for (int dir = 0; dir < 2; ++dir) {
        std::vector<QByteArray> rest;
        s.seq[dir].flush(rest, true); // lost bytes as zeros: the messages after them stay in place
        for (const QByteArray &b : rest)
            s.data[dir] += b;
    }
}
} // namespace

void ObjectCarver::add(uint64_t number, int64_t tsNs, const DecodedPacket &d, int64_t stream, int dir, uint32_t seq)
{
    add(number, tsNs, d, stream, dir, seq, nullptr);
}

void ObjectCarver::add(uint64_t number, int64_t tsNs, const DecodedPacket &d, int64_t stream, int dir, uint32_t seq,
                       std::vector<CapturedObject> *closedOut)
{
    if (d.malformed)
        return;
    if (closedOut) {
        auto it = m_streams.find(stream);
        if (it != m_streams.end() && it->second.carved) {
            // Late packets of a carved stream change nothing; a new SYN
            // reuses its ports for another connection (and may carry its
            // first bytes: TCP Fast Open).
            if ((d.tcpFlags & 0x12) != 0x02)
                return;
            m_streams.erase(it);
        }
    }
    ObjectStream *s = streamFor(stream, dir, d);
    if (!s)
        return;
    std::vector<QByteArray> ready;
    s->seq[dir].add(seq, d.tcpFlags & 0x02, d.payload, d.payload ? d.payloadLen : 0, ready);
    for (const QByteArray &b : ready) {
        if (m_kept + uint64_t(b.size()) > m_limit) {
            m_truncated += s->full ? 0 : 1;
            s->full = true;
            break;
        }
        m_kept += uint64_t(b.size());
        s->counted += uint64_t(b.size());
        s->data[dir] += b;
        s->lastFrame = number;
        s->lastNs = tsNs;
    }
    if (s->kind == ObjectStream::FtpControl && d.payload)
        for (const QByteArray &key : ftpAnnouncedEndpoints(QByteArray(reinterpret_cast<const char *>(d.payload), qsizetype(d.payloadLen)), d))
            m_announced[key] = stream;
    if (d.tcpFlags & 0x01)
        s->fin |= uint8_t(1u << dir);
    // Closed, and nothing waits behind a gap (a retransmission may still
    // fill it; such a stream is carved when its conversation ends).
    const bool closed = (s->fin == 3 || (d.tcpFlags & 0x04)) && !s->seq[0].pendingBytes() && !s->seq[1].pendingBytes();
    if (!closedOut || !closed)
        return;
    if (s->kind == ObjectStream::Http || s->kind == ObjectStream::Smtp) {
        carve(*s, *closedOut);
    } else if (s->kind != ObjectStream::FtpData || !carveFtpFile(stream, *s, *closedOut)) {
        return;
    }
    // A small marker until the conversation ends.
    ObjectStream marker;
    marker.kind = s->kind;
    marker.control = s->control;
    marker.fin = s->fin;
    marker.carved = true;
    *s = std::move(marker);
    if (s->kind == ObjectStream::FtpData)
        releaseControl(s->control);
}

// A closed FTP data stream, named by its control connection's transfer
// command; false when that is not known yet (carved at the end).
bool ObjectCarver::carveFtpFile(int64_t stream, ObjectStream &s, std::vector<CapturedObject> &out)
{
    const auto control = m_streams.find(s.control);
    if (control == m_streams.end())
        return false;
    const qsizetype index = ftpTransferIndex(control->second, stream);
    const QList<QByteArray> transfers = ftpTransfers(control->second);
    if (index >= transfers.size() || !wants("ftp-data"))
        return false;
    flushStream(s);
    if ((!s.full && !control->second.full) || m_carveTruncated) // else it would be listed with a wrong hash
        carveFtpData(control->second, s, transfers[index], out);
    release(s);
    return true;
}

// Forgets an FTP control connection whose conversation ended once none of
// its data streams waits for it (their files are carved), and its announcements.
void ObjectCarver::releaseControl(int64_t id)
{
    const auto control = m_streams.find(id);
    if (control == m_streams.end() || !control->second.retired)
        return;
    for (int64_t data : control->second.dataIds)
        if (auto it = m_streams.find(data); it != m_streams.end() && !it->second.carved)
            return;
    release(control->second);
    m_streams.erase(control);
    std::erase_if(m_announced, [id](const auto &a) { return a.second == id; });
}

void ObjectCarver::release(ObjectStream &s)
{
    m_kept -= std::min(m_kept, s.counted);
    s.counted = 0;
}

void ObjectCarver::close(int64_t stream, std::vector<CapturedObject> &out)
{
    auto it = m_streams.find(stream);
    if (it == m_streams.end())
        return;
    ObjectStream &s = it->second;
    if (s.carved) {
        m_streams.erase(it);
        return;
    }
    if (s.kind == ObjectStream::FtpControl) {
        s.retired = true;
        releaseControl(stream);
        return;
    }
    if (s.kind == ObjectStream::FtpData) { // its file, if its transfer command is known (else at the end)
        const int64_t control = s.control;
        if (carveFtpFile(stream, s, out)) {
            m_streams.erase(it);
            releaseControl(control);
        }
        return;
    }
    carve(s, out); // HTTP or SMTP
    m_streams.erase(it);
}

// An HTTP or SMTP stream's objects, its bytes freed.
void ObjectCarver::carve(ObjectStream &s, std::vector<CapturedObject> &out)
{
    flushStream(s);
    if (s.full && !m_carveTruncated) {
        // not carved: its objects would be listed with a wrong hash
    } else if (s.kind == ObjectStream::Http) {
        carveHttp(s, out);
    } else {
        carveSmtp(s, out);
    }
    release(s);
}

std::vector<CapturedObject> ObjectCarver::finish(std::vector<CapturedObject> earlier)
{
    std::vector<CapturedObject> out = std::move(earlier);
    for (auto &[id, s] : m_streams)
        flushStream(s);
    for (auto &[id, s] : m_streams) {
        if (s.carved || (s.full && !m_carveTruncated))
            continue;
        if (s.kind == ObjectStream::Http)
            carveHttp(s, out);
        else if (s.kind == ObjectStream::Smtp)
            carveSmtp(s, out);
        else if (s.kind == ObjectStream::FtpControl && wants("ftp-data"))
            carveFtp(id, s, m_streams, !m_carveTruncated, out);
    }
    m_streams.clear();
    m_kept = 0;
    finishObjects(out);
    return out;
}

void finishObjects(std::vector<CapturedObject> &objects)
{
    std::stable_sort(objects.begin(), objects.end(), [](const CapturedObject &a, const CapturedObject &b) { return a.frame < b.frame; });
    ObjectNames taken;
    for (CapturedObject &o : objects) {
        o.safeName = safeObjectName(o.name, taken);
        if (!o.sha256.isEmpty())
            continue; // digested already, its bytes freed (ObjectLog)
        o.type = objectTypeByMagic(o.data);
        Sha256 h;
        h.update(o.data.constData(), size_t(o.data.size()));
        o.sha256 = h.finalHex();
        o.size = o.data.size();
    }
}

} // namespace packetlens
