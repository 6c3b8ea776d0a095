// SPDX-License-Identifier: GPL-3.0-or-later
// Line-based protocols in the packet details: FTP, SMTP, POP, IMAP commands
// and replies, HTTP request/status lines and headers, SSH version strings.
#include "appdissection.h"

#include "appsummary.h"

namespace packetlens::dissect {

namespace {
struct Line
{
    size_t off = 0, len = 0, withEol = 0;
    QString text;
};

QList<Line> lines(ByteView v, int max = 200)
{
    QList<Line> out;
    size_t start = 0;
    for (size_t i = 0; i < v.size() && out.size() < max; ++i) {
        if (v.data()[i] != '\n' && i + 1 < v.size())
            continue;
        Line l;
        l.off = start;
        l.withEol = i + 1 - start;
        size_t end = v.data()[i] == '\n' ? i : i + 1;
        if (end > start && v.data()[end - 1] == '\r')
            --end;
        l.len = end - start;
        l.text = QString::fromLatin1(reinterpret_cast<const char *>(v.data() + start), qsizetype(l.len));
        for (QChar &c : l.text)
            if (c.unicode() < 0x20 && c != u'\t')
                c = u'.';
        out << l;
        start = i + 1;
    }
    return out;
}

QString ftpCodeName(int code)
{
    switch (code) {
    case 150: return QStringLiteral("File status okay; about to open data connection");
    case 200: return QStringLiteral("Command okay");
    case 213: return QStringLiteral("File status");
    case 215: return QStringLiteral("NAME system type");
    case 220: return QStringLiteral("Service ready for new user");
    case 221: return QStringLiteral("Service closing control connection");
    case 226: return QStringLiteral("Closing data connection");
    case 227: return QStringLiteral("Entering Passive Mode");
    case 229: return QStringLiteral("Entering Extended Passive Mode");
    case 230: return QStringLiteral("User logged in, proceed");
    case 250: return QStringLiteral("Requested file action okay, completed");
    case 257: return QStringLiteral("PATHNAME created");
    case 331: return QStringLiteral("User name okay, need password");
    case 350: return QStringLiteral("Requested file action pending further information");
    case 421: return QStringLiteral("Service not available, closing control connection");
    case 425: return QStringLiteral("Can't open data connection");
    case 426: return QStringLiteral("Connection closed; transfer aborted");
    case 500: return QStringLiteral("Syntax error, command unrecognized");
    case 501: return QStringLiteral("Syntax error in parameters or arguments");
    case 502: return QStringLiteral("Command not implemented");
    case 503: return QStringLiteral("Bad sequence of commands");
    case 530: return QStringLiteral("Not logged in");
    case 550: return QStringLiteral("Requested action not taken: File unavailable");
    default: return {};
    }
}

// Field names per protocol: request command, request argument, reply code, reply text.
struct TextFields
{
    const char *cmd, *arg, *code, *text, *cmdLabel, *argLabel, *codeLabel, *textLabel;
};

TextFields fieldsOf(Proto p)
{
    switch (p) {
    case Proto::Ftp: return {"ftp.request.command", "ftp.request.arg", "ftp.response.code", "ftp.response.arg",
                             "Request command", "Request arg", "Response code", "Response arg"};
    case Proto::Smtp: return {"smtp.req.command", "smtp.req.parameter", "smtp.response.code", "smtp.rsp.parameter",
                              "Command", "Request parameter", "Response code", "Response parameter"};
    case Proto::Pop: return {"pop.request.command", "pop.request.parameter", "pop.response.indicator", "pop.response.description",
                             "Request command", "Request parameter", "Response indicator", "Response description"};
    default: return {"imap.request.command", "imap.request", "imap.response.status", "imap.response",
                     "Request command", "Request", "Response status", "Response"};
    }
}

void splitLine(const AppSpan &a, const Line &l, const char *field, const char *label, const char *field2,
               const char *label2, DissectionNode &node)
{
    const qsizetype sp = l.text.indexOf(u' ');
    const QString first = sp < 0 ? l.text : l.text.left(sp);
    node.children.append(a.node(QStringLiteral("%1: %2").arg(QLatin1String(label), first), l.off, size_t(first.size()), QLatin1String(field)));
    if (sp >= 0)
        node.children.append(a.node(QStringLiteral("%1: %2").arg(QLatin1String(label2), l.text.mid(sp + 1)), l.off + size_t(sp) + 1,
                                    l.len - size_t(sp) - 1, QLatin1String(field2)));
}

void replyLine(const AppSpan &a, const Line &l, const TextFields &f, DissectionNode &node)
{
    const int code = l.text.left(3).toInt();
    if (a.d.app == Proto::Ftp && code && !ftpCodeName(code).isEmpty()) {
        node.children.append(a.node(QStringLiteral("Response code: %1 (%2)").arg(ftpCodeName(code)).arg(code), l.off, 3, QLatin1String(f.code)));
        if (l.len > 4)
            node.children.append(a.node(QStringLiteral("Response arg: %1").arg(l.text.mid(4)), l.off + 4, l.len - 4, QLatin1String(f.text)));
        return;
    }
    if (a.d.app == Proto::Imap) { // tag, status, text
        const QStringList w = l.text.split(u' ');
        node.children.append(a.node(QStringLiteral("Response tag: %1").arg(w.value(0)), l.off, size_t(w.value(0).size()), QStringLiteral("imap.response_tag")));
        if (w.size() > 1)
            node.children.append(a.node(QStringLiteral("Response status: %1").arg(w[1]), l.off, l.len, QLatin1String(f.code)));
        return;
    }
    splitLine(a, l, f.code, f.codeLabel, f.text, f.textLabel, node);
}
} // namespace

void dissectTextProtocol(const AppSpan &a, DissectionNode &n)
{
    const bool server = fromServerPort(a.d);
    const TextFields f = fieldsOf(a.d.app);
    for (const Line &l : lines(a.payload)) {
        DissectionNode node = a.node(l.text + QStringLiteral("\\r\\n"), l.off, l.withEol,
                                     server ? QString::fromLatin1(protoName(a.d.app)) + QStringLiteral(".response")
                                            : QString::fromLatin1(protoName(a.d.app)) + QStringLiteral(".request"));
        if (server)
            replyLine(a, l, f, node);
        else if (a.d.app == Proto::Imap && l.text.contains(u' '))
            splitLine(a, l, "imap.request_tag", "Request tag", f.arg, f.argLabel, node);
        else
            splitLine(a, l, f.cmd, f.cmdLabel, f.arg, f.argLabel, node);
        n.children.append(node);
    }
}

namespace {
QString headerField(const QString &name)
{
    static const char *const known[][2] = {
        {"host", "http.host"}, {"user-agent", "http.user_agent"}, {"content-type", "http.content_type"},
        {"content-length", "http.content_length_header"}, {"server", "http.server"}, {"cookie", "http.cookie"},
        {"set-cookie", "http.set_cookie"}, {"referer", "http.referer"}, {"authorization", "http.authorization"},
        {"accept", "http.accept"}, {"connection", "http.connection"}, {"location", "http.location"},
        {"transfer-encoding", "http.transfer_encoding"}, {"content-encoding", "http.content_encoding"}};
    const QString lower = name.toLower();
    for (const auto &k : known)
        if (lower == QLatin1String(k[0]))
            return QLatin1String(k[1]);
    return {};
}

void firstLine(const AppSpan &a, const Line &l, DissectionNode &node)
{
    const QStringList w = l.text.split(u' ');
    if (a.d.http.isRequest) {
        node.children.append(a.node(QStringLiteral("Request Method: %1").arg(w.value(0)), l.off, size_t(w.value(0).size()), QStringLiteral("http.request.method")));
        node.children.append(a.node(QStringLiteral("Request URI: %1").arg(w.value(1)), l.off, l.len, QStringLiteral("http.request.uri")));
        node.children.append(a.node(QStringLiteral("Request Version: %1").arg(w.value(2)), l.off, l.len, QStringLiteral("http.request.version")));
        return;
    }
    node.children.append(a.node(QStringLiteral("Response Version: %1").arg(w.value(0)), l.off, size_t(w.value(0).size()), QStringLiteral("http.response.version")));
    node.children.append(a.node(QStringLiteral("Status Code: %1").arg(w.value(1)), l.off, l.len, QStringLiteral("http.response.code")));
    node.children.append(a.node(QStringLiteral("Response Phrase: %1").arg(w.mid(2).join(u' ')), l.off, l.len, QStringLiteral("http.response.phrase")));
}
} // namespace

void dissectHttp(const AppSpan &a, DissectionNode &n)
{
    if (!a.d.http.isRequest && !a.d.http.status)
        return;
    const QList<Line> ls = lines(a.payload);
    for (qsizetype i = 0; i < ls.size(); ++i) {
        const Line &l = ls[i];
        if (l.len == 0) {
            n.children.append(a.node(QStringLiteral("\\r\\n"), l.off, l.withEol));
            if (a.payload.size() > l.off + l.withEol)
                n.children.append(a.node(QStringLiteral("File Data: %1 bytes").arg(a.payload.size() - l.off - l.withEol),
                                         l.off + l.withEol, a.payload.size() - l.off - l.withEol, QStringLiteral("http.file_data")));
            return;
        }
        DissectionNode node = a.node(l.text + QStringLiteral("\\r\\n"), l.off, l.withEol,
                                     i == 0 ? QString() : a.d.http.isRequest ? QStringLiteral("http.request.line") : QStringLiteral("http.response.line"));
        if (i == 0)
            firstLine(a, l, node);
        else if (const QString f = headerField(l.text.section(u':', 0, 0).trimmed()); !f.isEmpty())
            node.field = f;
        n.children.append(node);
    }
}

void dissectSsh(const AppSpan &a, DissectionNode &n)
{
    const QString side = fromServerPort(a.d) ? QStringLiteral("Server") : QStringLiteral("Client");
    if (a.payload.startsWith("SSH-", 4)) {
        const QList<Line> ls = lines(a.payload, 1);
        n.children.append(a.node(QStringLiteral("Protocol: %1").arg(ls.value(0).text), 0, ls.value(0).withEol, QStringLiteral("ssh.protocol")));
        n.children.append(a.node(QStringLiteral("[Direction: %1-to-%2]").arg(side, side == QLatin1String("Server") ? QStringLiteral("client") : QStringLiteral("server")), 0, 0, QStringLiteral("ssh.direction")));
        return;
    }
    uint32_t len = 0;
    uint8_t pad = 0, code = 0;
    if (a.payload.be32(0, len) && len + 4 == a.payload.size() && a.payload.u8(4, pad) && a.payload.u8(5, code) && (code == 20 || code == 21)) {
        n.children.append(a.node(QStringLiteral("Packet Length: %1").arg(len), 0, 4, QStringLiteral("ssh.packet_length")));
        n.children.append(a.node(QStringLiteral("Padding Length: %1").arg(pad), 4, 1, QStringLiteral("ssh.padding_length")));
        n.children.append(a.node(QStringLiteral("Message Code: %1 (%2)").arg(code == 20 ? QStringLiteral("Key Exchange Init") : QStringLiteral("New Keys")).arg(code), 5, 1, QStringLiteral("ssh.message_code")));
        return;
    }
    n.children.append(a.node(QStringLiteral("Encrypted Packet: %1 bytes").arg(a.payload.size()), 0, a.payload.size(), QStringLiteral("ssh.encrypted_packet")));
}

} // namespace packetlens::dissect
