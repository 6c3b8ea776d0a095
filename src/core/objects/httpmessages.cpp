// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpmessages.h"

#include <zlib.h>

namespace packetlens {

namespace {
constexpr qsizetype kMaxBody = 512ll << 20;

struct Head
{
    qsizetype bodyStart = -1;
    qsizetype contentLength = -1;
    bool chunked = false;
    QByteArray encoding;
};

QByteArray headerValue(const QByteArray &line)
{
    return line.mid(line.indexOf(':') + 1).trimmed();
}

// Parses the start line and headers at pos; false when incomplete.
bool parseHead(const QByteArray &b, qsizetype pos, HttpMessage &m, Head &h)
{
    const qsizetype end = b.indexOf("\r\n\r\n", pos);
    if (end < 0)
        return false;
    const QList<QByteArray> lines = b.mid(pos, end - pos).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    if (m.request) {
        m.method = first.value(0);
        m.uri = first.value(1);
    } else {
        if (!first.value(0).startsWith("HTTP/"))
            return false;
        m.status = first.value(1).toInt();
    }
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray name = lines[i].left(lines[i].indexOf(':')).trimmed().toLower();
        if (name == "content-length")
            h.contentLength = headerValue(lines[i]).toLongLong();
        else if (name == "transfer-encoding")
            h.chunked = headerValue(lines[i]).toLower().contains("chunked");
        else if (name == "content-encoding")
            h.encoding = headerValue(lines[i]).toLower();
        else if (name == "host")
            m.host = headerValue(lines[i]);
        else if (name == "content-type")
            m.contentType = headerValue(lines[i]).split(';').value(0).trimmed().toLower();
    }
    h.bodyStart = end + 4;
    return true;
}

// De-chunks from pos; returns where the message ends (-1 when cut short: what arrived is kept).
qsizetype dechunk(const QByteArray &b, qsizetype pos, QByteArray &body)
{
    for (;;) {
        const qsizetype eol = b.indexOf("\r\n", pos);
        if (eol < 0)
            return -1;
        bool ok = false;
        const qlonglong n = b.mid(pos, eol - pos).split(';').value(0).trimmed().toLongLong(&ok, 16);
        if (!ok || n < 0 || body.size() + n > kMaxBody)
            return -1;
        pos = eol + 2;
        if (n == 0) {
            const qsizetype end = b.indexOf("\r\n\r\n", pos - 2);
            return end < 0 ? b.size() : end + 4;
        }
        body += b.mid(pos, qsizetype(n));
        if (pos + n > b.size())
            return -1;
        pos += qsizetype(n) + 2;
    }
}

QByteArray inflateBody(const QByteArray &in)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK)
        return in;
    QByteArray out;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    z.avail_in = uInt(in.size());
    char buf[65536];
    int rc = Z_OK;
    while (rc == Z_OK && out.size() < kMaxBody) {
        z.next_out = reinterpret_cast<Bytef *>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, qsizetype(sizeof buf - z.avail_out));
        if (rc == Z_BUF_ERROR && z.avail_in == 0)
            break;
    }
    inflateEnd(&z);
    return rc == Z_STREAM_END || rc == Z_OK || rc == Z_BUF_ERROR ? out : in;
}

// Reads the body after the head; returns where the next message starts (-1: cut short).
qsizetype readBody(const QByteArray &b, const Head &h, bool request, QByteArray &body)
{
    if (h.chunked)
        return dechunk(b, h.bodyStart, body);
    if (h.contentLength >= 0) {
        body = b.mid(h.bodyStart, std::min<qsizetype>(h.contentLength, kMaxBody));
        return h.bodyStart + h.contentLength;
    }
    if (request)
        return h.bodyStart;
    body = b.mid(h.bodyStart, kMaxBody); // until the connection closes
    return b.size();
}

bool responseHasNoBody(const HttpMessage &m, bool head)
{
    return head || (m.status >= 100 && m.status < 200) || m.status == 204 || m.status == 304;
}
} // namespace

QList<HttpMessage> parseHttpMessages(const QByteArray &b, bool requests, const QList<bool> &noBody)
{
    QList<HttpMessage> out;
    qsizetype pos = 0;
    while (pos < b.size()) {
        HttpMessage m;
        m.request = requests;
        m.start = pos;
        Head h;
        if (!parseHead(b, pos, m, h))
            break;
        const bool none = !requests && responseHasNoBody(m, noBody.value(out.size(), false));
        const qsizetype next = none ? h.bodyStart : readBody(b, h, requests, m.body);
        if ((h.encoding == "gzip" || h.encoding == "deflate" || h.encoding == "x-gzip") && !m.body.isEmpty())
            m.body = inflateBody(m.body);
        out << m;
        if (next < 0 || next > b.size())
            break;
        pos = next;
    }
    return out;
}

} // namespace packetlens
