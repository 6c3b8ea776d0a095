// SPDX-License-Identifier: GPL-3.0-or-later
#include "multipart.h"

#include <QList>
#include <QPair>

namespace packetlens {

namespace {
bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

// The parameters of a header value, "type; name=token; name="quoted""
// (RFC 9110 5.6.6, RFC 6266 4.1): names lower-cased, quoted strings
// unescaped, so a ';' or '"' inside quotes stays in the value.
QList<QPair<QByteArray, QByteArray>> parameters(const QByteArray &header)
{
    QList<QPair<QByteArray, QByteArray>> out;
    qsizetype i = header.indexOf(';'); // past the type, which holds no quotes
    while (i >= 0 && i < header.size()) {
        while (i < header.size() && (header[i] == ';' || isSpace(header[i])))
            ++i;
        const qsizetype nameStart = i;
        while (i < header.size() && header[i] != '=' && header[i] != ';')
            ++i;
        const QByteArray name = header.mid(nameStart, i - nameStart).trimmed().toLower();
        if (i >= header.size() || header[i] != '=')
            continue; // a parameter without a value
        ++i;
        while (i < header.size() && isSpace(header[i]))
            ++i;
        QByteArray value;
        if (i < header.size() && header[i] == '"') {
            for (++i; i < header.size() && header[i] != '"'; ++i) {
                if (header[i] == '\\' && i + 1 < header.size())
                    ++i;
                value += header[i];
            }
            ++i; // the closing quote
        } else {
            const qsizetype start = i;
            while (i < header.size() && header[i] != ';')
                ++i;
            value = header.mid(start, i - start).trimmed();
        }
        if (!name.isEmpty())
            out.append({name, value});
    }
    return out;
}

QByteArray parameter(const QByteArray &header, const QByteArray &name)
{
    for (const auto &p : parameters(header))
        if (p.first == name)
            return p.second;
    return {};
}

// An RFC 8187 ext-value, "UTF-8'lang'na%C3%AFve.pcap"; null when malformed.
QString extValue(const QByteArray &v)
{
    const QList<QByteArray> parts = v.split('\'');
    if (parts.size() != 3)
        return {};
    const QByteArray charset = parts[0].toLower();
    const QByteArray bytes = QByteArray::fromPercentEncoding(parts[2]);
    if (charset == "utf-8")
        return QString::fromUtf8(bytes);
    if (charset == "iso-8859-1")
        return QString::fromLatin1(bytes);
    return {};
}

// The file name of a part: filename* (RFC 6266 4.3) when it can be read,
// else filename (RFC 7578 4.2: UTF-8).
QString fileNameOf(const QByteArray &disposition)
{
    QString plain;
    for (const auto &p : parameters(disposition)) {
        if (p.first == "filename*") {
            if (const QString ext = extValue(p.second); !ext.isNull())
                return ext;
        } else if (p.first == "filename") {
            plain = QString::fromUtf8(p.second);
        }
    }
    return plain;
}
} // namespace

bool findFormPart(const QByteArray &contentType, const QByteArray &body, const QByteArray &fieldName,
                  FormPart *out, QString *why)
{
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 70) {
        *why = QStringLiteral("multipart/form-data without a valid boundary");
        return false;
    }
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.startsWith(delimiter) ? 0 : body.indexOf("\r\n" + delimiter);
    if (pos < 0) {
        *why = QStringLiteral("broken multipart body: no boundary line");
        return false;
    }
    if (pos > 0)
        pos += 2;
    bool found = false;
    for (;;) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            break; // closing delimiter
        if (body.mid(pos, 2) != "\r\n") {
            *why = QStringLiteral("broken multipart body: bad boundary line");
            return false;
        }
        pos += 2;
        const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
        if (headEnd < 0) {
            *why = QStringLiteral("broken multipart body: part without headers");
            return false;
        }
        QByteArray disposition;
        for (const QByteArray &line : body.mid(pos, headEnd - pos).split('\n')) {
            const int colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "content-disposition")
                disposition = line.mid(colon + 1).trimmed();
        }
        const qsizetype dataStart = headEnd + 4;
        const qsizetype next = body.indexOf("\r\n" + delimiter, dataStart);
        if (next < 0) {
            *why = QStringLiteral("broken multipart body: part not terminated by the boundary");
            return false;
        }
        if (!found && parameter(disposition, "name") == fieldName) {
            found = true;
            out->offset = dataStart;
            out->size = next - dataStart;
            out->fileName = fileNameOf(disposition);
        }
        pos = next + 2;
    }
    if (!found) {
        *why = QStringLiteral("multipart body without a part named '%1'").arg(QString::fromLatin1(fieldName));
        return false;
    }
    return true;
}

} // namespace packetlens
