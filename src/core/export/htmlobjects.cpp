// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report's files section (htmlreport.cpp puts it in the page; its
// stylesheet applies).
#include "htmlobjects.h"

#include "htmlreport.h"

#include "../util/format.h"

#include <QHash>

namespace packetlens::HtmlObjects {

namespace {
QString word(const QString &en, bool russian)
{
    static const QHash<QString, QString> ru = {
        {QStringLiteral("Files"), QStringLiteral("Файлы")},
        {QStringLiteral("Packet"), QStringLiteral("Пакет")},
        {QStringLiteral("Protocol"), QStringLiteral("Протокол")},
        {QStringLiteral("Name"), QStringLiteral("Имя")},
        {QStringLiteral("Type"), QStringLiteral("Тип")},
        {QStringLiteral("Size"), QStringLiteral("Размер")},
        {QStringLiteral("Client"), QStringLiteral("Клиент")},
        {QStringLiteral("Server"), QStringLiteral("Сервер")},
        {QStringLiteral("%1 more files are not listed."), QStringLiteral("Ещё файлов не в списке: %1.")},
    };
    return russian ? ru.value(en, en) : en;
}

QString esc(const QString &s)
{
    return HtmlReport::escape(s);
}
} // namespace

QString section(const Report &r, bool russian)
{
    if (r.objects.empty() && r.objectsOmitted == 0)
        return {};
    const auto w = [russian](const char *en) { return word(QString::fromLatin1(en), russian); };
    QString h = QStringLiteral("<h2>%1</h2>").arg(w("Files"));
    if (!r.objects.empty()) {
        h += QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th><th>%7</th><th>SHA-256</th></tr>")
                 .arg(w("Packet"), w("Protocol"), w("Name"), w("Type"), w("Size"), w("Client"), w("Server"));
        for (const ReportObject &o : r.objects) {
            const QString type = o.contentType.isEmpty() || o.contentType == o.type ? o.type
                                                                                       : o.type + QStringLiteral(" (") + o.contentType
                                                                                             + QLatin1Char(')');
            // Every value is escaped before it is put in: data could hold "%1".
            h += QStringLiteral("<tr><td class=\"num\">") + QString::number(o.packet) + QStringLiteral("</td><td>") + esc(o.protocol)
                 + QStringLiteral("</td><td>") + esc(o.name) + QStringLiteral("</td><td>") + esc(type)
                 + QStringLiteral("</td><td class=\"num\">") + esc(humanBytes(double(o.sizeBytes))) + QStringLiteral("</td><td>")
                 + esc(o.client) + QStringLiteral("</td><td>") + esc(o.host) + QStringLiteral("</td><td><code>") + esc(o.sha256)
                 + QStringLiteral("</code></td></tr>");
        }
        h += QStringLiteral("</table>");
    }
    if (r.objectsOmitted > 0)
        h += QStringLiteral("<p class=\"sub\">%1</p>").arg(w("%1 more files are not listed.").arg(r.objectsOmitted));
    return h;
}

} // namespace packetlens::HtmlObjects
