#include "reporttables.h"

#include "packetlistmodel.h"

#include "core/decode/ipaddress.h"
#include "core/util/format.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace packetlens::gui {

namespace {
QString tr(const char *s)
{
    return QCoreApplication::translate("packetlens::gui::ReportTables", s);
}

JsonTableModel::Column col(const char *title, const char *key, bool numeric = false)
{
    static const QStringList addressKeys = {QStringLiteral("ip"), QStringLiteral("src"), QStringLiteral("dst"), QStringLiteral("source")};
    JsonTableModel::Column c;
    c.title = [title] { return tr(title); };
    c.key = QString::fromLatin1(key);
    c.numeric = numeric;
    if (c.key == QLatin1String("severity") || c.key == QLatin1String("max_severity")) {
        const QString k = c.key;
        c.sortValue = [k](const QJsonObject &o) { return QVariant(severityRank(o.value(k).toString())); };
        c.display = [](const QVariant &v) { return severityName(v.toString()); };
    } else if (addressKeys.contains(c.key)) {
        const QString k = c.key;
        c.sortValue = [k](const QJsonObject &o) { return QVariant(addressSortKey(o.value(k).toString())); };
    } else if (c.key == QLatin1String("id")) { // "F12" after "F9"
        c.sortValue = [](const QJsonObject &o) {
            const QJsonValue v = o.value(QStringLiteral("id"));
            return QVariant(v.isString() ? v.toString().mid(1).toLongLong() : v.toInteger());
        };
    }
    return c;
}
} // namespace

QString addressSortKey(const QString &address)
{
    IpAddress a;
    if (!IpAddress::parse(address.toStdString(), a))
        return QStringLiteral("9") + address; // MACs and names after addresses
    QString key = QString::number(a.family);
    const int n = a.family == 4 ? 4 : 16;
    for (int i = 0; i < n; ++i)
        key += QStringLiteral("%1").arg(a.bytes[i], 2, 16, QChar(u'0'));
    return key;
}

QString severityName(const QString &severity)
{
    switch (severityRank(severity)) {
    case 5: return QCoreApplication::translate("packetlens::gui::ReportTables", "critical");
    case 4: return QCoreApplication::translate("packetlens::gui::ReportTables", "high");
    case 3: return QCoreApplication::translate("packetlens::gui::ReportTables", "medium");
    case 2: return QCoreApplication::translate("packetlens::gui::ReportTables", "low");
    case 1: return QCoreApplication::translate("packetlens::gui::ReportTables", "info");
    default: return severity;
    }
}

QList<JsonTableModel::Column> hostColumns()
{
    return {col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Address"), "ip"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets sent"), "packets_sent", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets received"), "packets_received", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes sent"), "bytes_sent", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes received"), "bytes_received", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "First seen"), "first_ts"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Last seen"), "last_ts")};
}

QList<JsonTableModel::Column> conversationColumns()
{
    return {col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Protocol"), "proto"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Address A"), "src"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Port A"), "sport", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Address B"), "dst"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Port B"), "dport", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "State"), "state"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets"), "packets", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes"), "bytes", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes A→B"), "bytes_src", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes B→A"), "bytes_dst", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Start"), "first_ts"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "End"), "last_ts")};
}

QList<JsonTableModel::Column> findingColumns()
{
    return {col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "ID"), "id"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Severity"), "severity"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Category"), "category"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Source"), "source"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Targets"), "targets"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Summary"), "summary"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Recommendation"), "recommendation")};
}

QList<JsonTableModel::Column> historyColumns()
{
    auto findings = col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Findings"), "findings", true);
    auto size = col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Size"), "size_bytes", true);
    size.display = [](const QVariant &v) { return humanBytes(v.toDouble()); };
    return {col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "ID"), "id", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Analyzed"), "finished"),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Capture"), "file_name"),
            size,
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets"), "packets", true),
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Highest severity"), "max_severity"),
            findings,
            col(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Status"), "status")};
}

QString hostFilter(const QJsonObject &e)
{
    return QStringLiteral("ip.addr==%1").arg(e.value(QStringLiteral("ip")).toString());
}

QString conversationFilter(const QJsonObject &c)
{
    const QString proto = c.value(QStringLiteral("proto")).toString();
    QString f = QStringLiteral("ip.addr==%1 && ip.addr==%2").arg(c.value(QStringLiteral("src")).toString(), c.value(QStringLiteral("dst")).toString());
    if (proto == QLatin1String("tcp") || proto == QLatin1String("udp"))
        f += QStringLiteral(" && %1.port==%2 && %1.port==%3").arg(proto).arg(c.value(QStringLiteral("sport")).toInt()).arg(c.value(QStringLiteral("dport")).toInt());
    return f;
}

QString evidenceFilter(const QJsonObject &finding)
{
    QStringList n;
    for (const QJsonValue &v : finding.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray())
        n << QString::number(v.toInteger());
    return n.isEmpty() ? QString() : QStringLiteral("frame.number in {%1}").arg(n.join(u' '));
}

} // namespace packetlens::gui
