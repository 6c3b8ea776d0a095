// SPDX-License-Identifier: GPL-3.0-or-later
#include "requesthead.h"

namespace packetlens {

namespace {
bool isToken(const QByteArray &s)
{
    if (s.isEmpty())
        return false;
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}
} // namespace

bool RequestHead::hasBareLineBreak(const QByteArray &bytes)
{
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))
            return true;
        if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] != '\n')
            return true;
    }
    return false;
}

QByteArray RequestHead::value(const QByteArray &lowerName) const
{
    for (const auto &f : fields)
        if (f.first == lowerName)
            return f.second;
    return {};
}

int RequestHead::count(const QByteArray &lowerName) const
{
    int n = 0;
    for (const auto &f : fields)
        n += f.first == lowerName;
    return n;
}

bool RequestHead::parse(const QByteArray &head, RequestHead *out, QString *why)
{
    if (!head.endsWith("\r\n\r\n")) {
        *why = QStringLiteral("request head not terminated by an empty line");
        return false;
    }
    if (hasBareLineBreak(head)) {
        *why = QStringLiteral("bare CR or LF in the request head");
        return false;
    }
    const QList<QByteArray> lines = head.left(head.size() - 4).split('\n');
    auto stripCr = [](QByteArray l) { return l.endsWith('\r') ? l.chopped(1) : l; };
    const QList<QByteArray> request = stripCr(lines.first()).split(' ');
    if (request.size() != 3 || !isToken(request[0]) || !request[1].startsWith('/')
        || (request[2] != "HTTP/1.1" && request[2] != "HTTP/1.0")) {
        *why = QStringLiteral("malformed request line");
        return false;
    }
    out->method = request[0];
    out->target = request[1];
    out->version = request[2];
    for (const char c : out->target) {
        if (uchar(c) <= 0x20 || uchar(c) >= 0x7f) {
            *why = QStringLiteral("malformed request target");
            return false;
        }
    }
    const int q = out->target.indexOf('?');
    out->path = QString::fromLatin1(q < 0 ? out->target : out->target.left(q));
    out->query = q < 0 ? QByteArray() : out->target.mid(q + 1);
    for (int i = 1; i < lines.size(); ++i) {
        const QByteArray line = stripCr(lines[i]);
        const int colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.left(colon))) { // also rejects obsolete line folding
            *why = QStringLiteral("malformed header field");
            return false;
        }
        out->fields.append({line.left(colon).toLower(), line.mid(colon + 1).trimmed()});
    }
    // Content-Length: digits only; repeated values must agree.
    QByteArray length;
    for (const auto &f : std::as_const(out->fields)) {
        if (f.first != "content-length")
            continue;
        bool digits = !f.second.isEmpty() && f.second.size() <= 18;
        for (const char c : f.second)
            digits = digits && c >= '0' && c <= '9';
        if (!digits || (!length.isNull() && length != f.second)) {
            *why = QStringLiteral("invalid Content-Length");
            return false;
        }
        length = f.second;
    }
    out->contentLength = length.isNull() ? 0 : length.toLongLong();
    out->chunked = out->count("transfer-encoding") > 0;
    out->expectContinue = out->value("expect").toLower() == "100-continue";
    // HTTP/1.0 closes after each answer (no keep-alive is offered to it).
    out->closeAfterAnswer = out->version == "HTTP/1.0";
    for (const auto &f : std::as_const(out->fields)) {
        if (f.first != "connection")
            continue;
        for (const QByteArray &option : f.second.split(','))
            out->closeAfterAnswer = out->closeAfterAnswer || option.trimmed().toLower() == "close";
    }
    return true;
}

} // namespace packetlens
