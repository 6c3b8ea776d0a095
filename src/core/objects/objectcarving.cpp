// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectcarving.h"

#include "httpmessages.h"

#include <algorithm>

namespace packetlens {

namespace {
QString lastPathPart(const QByteArray &uri)
{
    QByteArray path = uri;
    if (const qsizetype scheme = path.indexOf("://"); scheme >= 0) {
        const qsizetype slash = path.indexOf('/', scheme + 3);
        path = slash < 0 ? QByteArray("/") : path.mid(slash);
    }
    const qsizetype q = path.indexOf('?');
    const qsizetype slash = path.lastIndexOf('/', q < 0 ? -1 : q);
    const QByteArray last = path.mid(slash + 1);
    return QString::fromLatin1(last.isEmpty() ? QByteArray("index") : last);
}

CapturedObject object(const char *protocol, const ObjectStream &s, const QString &name, const QByteArray &data)
{
    CapturedObject o;
    o.protocol = QLatin1String(protocol);
    o.frame = s.lastFrame;
    o.tsNs = s.lastNs;
    o.name = name;
    o.data = data;
    return o;
}

bool startsWithRequest(const QByteArray &b)
{
    static const char *const methods[] = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ", "PATCH ", "PROPFIND "};
    for (const char *m : methods)
        if (b.startsWith(m))
            return true;
    return false;
}

int leadingInt(const QByteArray &b)
{
    int v = 0;
    for (char c : b.trimmed()) {
        if (c < '0' || c > '9')
            break;
        v = v * 10 + (c - '0');
    }
    return v;
}

QList<QByteArray> lines(const QByteArray &b)
{
    QList<QByteArray> out = b.split('\n');
    for (QByteArray &l : out)
        l = l.trimmed();
    return out;
}
} // namespace

void carveHttp(const ObjectStream &s, std::vector<CapturedObject> &out)
{
    const int client = startsWithRequest(s.data[0]) ? 0 : 1;
    const QList<HttpMessage> requests = parseHttpMessages(s.data[client], true);
    QList<bool> head;
    for (const HttpMessage &r : requests)
        head << (r.method == "HEAD");
    const QList<HttpMessage> responses = parseHttpMessages(s.data[1 - client], false, head);
    for (const HttpMessage &r : requests)
        if (!r.body.isEmpty()) {
            out.push_back(object("http", s, lastPathPart(r.uri), r.body));
            out.back().host = QString::fromLatin1(r.host);
            out.back().contentType = QString::fromLatin1(r.contentType);
            out.back().client = QString::fromStdString(s.addr[client].toString());
        }
    for (qsizetype i = 0; i < responses.size(); ++i) {
        if (responses[i].body.isEmpty())
            continue;
        const HttpMessage req = requests.value(i);
        out.push_back(object("http", s, lastPathPart(req.uri), responses[i].body));
        out.back().host = QString::fromLatin1(req.host);
        out.back().contentType = QString::fromLatin1(responses[i].contentType);
        out.back().client = QString::fromStdString(s.addr[client].toString());
    }
}

void carveSmtp(const ObjectStream &s, std::vector<CapturedObject> &out)
{
    const int client = s.port[0] > s.port[1] ? 0 : 1;
    const QByteArray &b = s.data[client];
    qsizetype pos = 0;
    while (pos < b.size()) {
        const qsizetype eol = b.indexOf("\r\n", pos);
        if (eol < 0)
            return;
        const bool isData = b.mid(pos, eol - pos).trimmed().toUpper() == "DATA";
        pos = eol + 2;
        if (!isData)
            continue;
        const qsizetype end = b.indexOf("\r\n.\r\n", pos - 2);
        if (end < 0)
            return;
        const QByteArray mail = b.mid(pos, end - pos); // as tshark: without the CR LF before the final dot
        QString subject = QStringLiteral("message");
        for (const QByteArray &l : lines(mail.left(mail.indexOf("\r\n\r\n"))))
            if (l.toLower().startsWith("subject:"))
                subject = QString::fromUtf8(l.mid(8).trimmed());
        out.push_back(object("smtp", s, subject + QStringLiteral(".eml"), mail));
        out.back().host = QString::fromStdString(s.addr[1 - client].toString());
        out.back().contentType = QStringLiteral("message/rfc822");
        out.back().client = QString::fromStdString(s.addr[client].toString());
        pos = end + 5;
    }
}

QList<QByteArray> ftpTransfers(const ObjectStream &control)
{
    const int client = control.port[0] > control.port[1] ? 0 : 1;
    QList<QByteArray> transfers;
    for (const QByteArray &l : lines(control.data[client])) {
        const qsizetype sp = l.indexOf(' ');
        const QByteArray cmd = (sp < 0 ? l : l.left(sp)).toUpper(); // Qt 6: left(-1) is empty
        if (cmd == "RETR" || cmd == "STOR" || cmd == "APPE" || cmd == "STOU")
            transfers << l.mid(l.indexOf(' ') + 1).trimmed();
        else if (cmd == "LIST" || cmd == "NLST" || cmd == "MLSD")
            transfers << QByteArray();
    }
    return transfers;
}

qsizetype ftpTransferIndex(const ObjectStream &control, int64_t dataStream)
{
    return std::lower_bound(control.dataIds.begin(), control.dataIds.end(), dataStream) - control.dataIds.begin();
}

void carveFtpData(const ObjectStream &control, const ObjectStream &s, const QByteArray &name, std::vector<CapturedObject> &out)
{
    const int client = control.port[0] > control.port[1] ? 0 : 1;
    const QByteArray &data = s.data[0].isEmpty() ? s.data[1] : s.data[0];
    if (name.isEmpty() || data.isEmpty())
        return;
    out.push_back(object("ftp-data", s, QString::fromLatin1(name.mid(name.lastIndexOf('/') + 1)), data));
    out.back().host = QString::fromStdString(control.addr[1 - client].toString());
    out.back().client = QString::fromStdString(control.addr[client].toString());
}

void carveFtp(int64_t controlId, const ObjectStream &control, const std::map<int64_t, ObjectStream> &streams,
              bool skipFull, std::vector<CapturedObject> &out)
{
    const QList<QByteArray> transfers = ftpTransfers(control);
    for (const auto &[id, s] : streams) {
        if (s.kind != ObjectStream::FtpData || s.control != controlId || s.carved || (skipFull && s.full))
            continue;
        carveFtpData(control, s, transfers.value(ftpTransferIndex(control, id)), out);
    }
}

QByteArray ftpEndpointKey(const IpAddress &a, uint16_t port)
{
    return QByteArray::fromStdString(a.toString()) + '|' + QByteArray::number(port);
}

QList<QByteArray> ftpAnnouncedEndpoints(const QByteArray &payload, const DecodedPacket &d)
{
    QList<QByteArray> out;
    for (const QByteArray &l : lines(payload)) {
        const QByteArray upper = l.left(5).toUpper();
        if (l.startsWith("227") || upper.startsWith("PORT ")) {
            const qsizetype open = l.indexOf('('), from = open >= 0 ? open + 1 : l.indexOf(' ') + 1;
            const QList<QByteArray> n = l.mid(from).split(',');
            if (n.size() >= 6)
                out << QByteArray(n[0].trimmed() + '.' + n[1] + '.' + n[2] + '.' + n[3] + '|'
                                  + QByteArray::number(leadingInt(n[4]) * 256 + leadingInt(n[5])));
        } else if (l.startsWith("229")) {
            const QList<QByteArray> f = l.mid(l.indexOf('(') + 1).split('|');
            if (f.size() >= 4)
                out << ftpEndpointKey(d.src, uint16_t(f[3].toInt()));
        } else if (upper.startsWith("EPRT ")) {
            const QList<QByteArray> f = l.mid(5).split('|');
            if (f.size() >= 4)
                out << QByteArray(f[2] + '|' + QByteArray::number(f[3].toInt()));
        }
    }
    return out;
}

} // namespace packetlens
