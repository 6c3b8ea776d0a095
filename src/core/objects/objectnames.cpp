// SPDX-License-Identifier: GPL-3.0-or-later
// Safe file names and types by content for carved objects.
#include "exportobjects.h"

namespace packetlens {

ObjectNames::ObjectNames(const QStringList &existing)
{
    for (const QString &n : existing)
        m_taken.insert(n.toLower());
}

QString ObjectNames::take(const QString &raw)
{
    QString name;
    for (QChar c : raw) {
        const bool bad = c.unicode() < 0x20 || c == u'/' || c == u'\\' || c == u':' || c == u'*' || c == u'?' || c == u'"'
                         || c == u'<' || c == u'>' || c == u'|' || c.unicode() == 0x7f;
        name += bad ? QChar(u'_') : c;
    }
    while (name.startsWith(u'.') || name.startsWith(u' '))
        name.remove(0, 1);
    // At most 200 bytes of UTF-8: cut to 200 characters first (each is at
    // least one byte), then a character at a time. Measuring the whole name
    // once per character was quadratic: a damaged 80 kB URI took minutes.
    if (name.size() > 200)
        name.truncate(200);
    while (name.toUtf8().size() > 200)
        name.chop(1);
    if (!name.isEmpty() && name.back().isHighSurrogate())
        name.chop(1); // never half of a pair
    if (name.isEmpty())
        name = QStringLiteral("object");
    const QString base = name.toLower();
    QString unique = name;
    if (m_taken.contains(base)) {
        int &n = m_next[base];
        do
            unique = QStringLiteral("%1(%2)").arg(name).arg(++n);
        while (m_taken.contains(unique.toLower()));
    }
    m_taken.insert(unique.toLower());
    return unique;
}

QString safeObjectName(const QString &raw, ObjectNames &names)
{
    return names.take(raw);
}

QString objectTypeByMagic(const QByteArray &d)
{
    struct Magic
    {
        const char *bytes;
        int len;
        const char *type;
    };
    static const Magic magics[] = {
        {"\x89PNG", 4, "PNG image"}, {"\xff\xd8\xff", 3, "JPEG image"}, {"GIF8", 4, "GIF image"},
        {"%PDF", 4, "PDF document"}, {"PK\x03\x04", 4, "ZIP archive"}, {"\x1f\x8b", 2, "gzip archive"},
        {"MZ", 2, "Windows executable"}, {"\x7f" "ELF", 4, "ELF executable"}, {"\xd0\xcf\x11\xe0", 4, "OLE document"},
        {"Rar!", 4, "RAR archive"}, {"7z\xbc\xaf", 4, "7-Zip archive"}, {"RIFF", 4, "RIFF media"},
        {"\x00\x00\x01\x00", 4, "Windows icon"}, {"BM", 2, "BMP image"}, {"\xca\xfe\xba\xbe", 4, "Java class"},
    };
    for (const Magic &m : magics)
        if (d.startsWith(QByteArray(m.bytes, m.len)))
            return QLatin1String(m.type);
    const QByteArray head = d.left(512).trimmed().toLower();
    if (head.startsWith("<!doctype html") || head.startsWith("<html"))
        return QStringLiteral("HTML document");
    if (head.startsWith("<?xml"))
        return QStringLiteral("XML document");
    if (head.startsWith("-----begin pgp"))
        return QStringLiteral("PGP text");
    for (char c : d.left(512))
        if ((uint8_t(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
            return QStringLiteral("data");
    return QStringLiteral("text");
}

} // namespace packetlens
