#include "multipart.h"

#include <QList>

namespace packetlens {

namespace {
// Parameter of a header value: name=value or name="value".
QByteArray parameter(const QByteArray &header, const QByteArray &name)
{
    for (QByteArray p : header.split(';')) {
        p = p.trimmed();
        const int eq = p.indexOf('=');
        if (eq < 0 || p.left(eq).trimmed().toLower() != name)
            continue;
        QByteArray v = p.mid(eq + 1).trimmed();
        if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"'))
            v = v.mid(1, v.size() - 2);
        return v;
    }
    return {};
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
            out->fileName = QString::fromUtf8(parameter(disposition, "filename"));
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
