#include "captureproperties.h"

#include "core/util/format.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace packetlens::gui {

CaptureProperties::CaptureProperties(QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("propertiesTree"));
    m_tree->setColumnCount(2);
    m_tree->setRootIsDecorated(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_tree);
    retranslate();
}

void CaptureProperties::setReport(const QJsonObject &report, const QString &path, bool fromHistory)
{
    m_report = report;
    m_path = path;
    m_fromHistory = fromHistory;
    rebuild();
}

void CaptureProperties::retranslate()
{
    m_tree->setHeaderLabels({tr("Property"), tr("Value")});
    rebuild();
}

void CaptureProperties::rebuild()
{
    m_tree->clear();
    if (m_report.isEmpty())
        return;
    const QJsonObject cap = m_report.value(QStringLiteral("capture")).toObject();
    const QJsonObject st = m_report.value(QStringLiteral("stats")).toObject();
    auto add = [this](const QString &k, const QString &v, QTreeWidgetItem *parent = nullptr) {
        auto *i = parent ? new QTreeWidgetItem(parent, {k, v}) : new QTreeWidgetItem(m_tree, {k, v});
        i->setToolTip(1, v);
        return i;
    };
    auto num = [](const QJsonValue &v) { return QLocale().toString(qint64(v.toDouble())); };
    add(tr("File"), m_path);
    add(tr("Capture"), cap.value(QStringLiteral("file_name")).toString());
    QString format = cap.value(QStringLiteral("format")).toString();
    if (!cap.value(QStringLiteral("container")).toString().isEmpty())
        format += QStringLiteral(" (%1)").arg(cap.value(QStringLiteral("container")).toString());
    add(tr("Format"), format);
    add(tr("Timestamp precision"), cap.value(QStringLiteral("timestamp_precision")).toString());
    auto *links = add(tr("Link types"), QString::number(cap.value(QStringLiteral("link_types")).toArray().size()));
    for (const QJsonValue &v : cap.value(QStringLiteral("link_types")).toArray()) {
        const QJsonObject l = v.toObject();
        add(QStringLiteral("%1 (%2)").arg(l.value(QStringLiteral("name")).toString()).arg(l.value(QStringLiteral("linktype")).toInt()),
            tr("%1 packets — %2").arg(num(l.value(QStringLiteral("packets"))), l.value(QStringLiteral("description")).toString()), links);
    }
    links->setExpanded(true);
    add(tr("SHA-256"), cap.value(QStringLiteral("sha256")).toString());
    if (cap.contains(QStringLiteral("container_sha256")))
        add(tr("Archive SHA-256"), cap.value(QStringLiteral("container_sha256")).toString());
    add(tr("File size"), humanBytes(cap.value(QStringLiteral("size_bytes")).toDouble()));
    add(tr("First packet"), cap.value(QStringLiteral("first_ts")).toString());
    add(tr("Last packet"), cap.value(QStringLiteral("last_ts")).toString());
    add(tr("Duration"), tr("%1 s").arg(cap.value(QStringLiteral("duration_s")).toDouble(), 0, 'f', 3));
    add(tr("Packets"), num(cap.value(QStringLiteral("packets"))));
    add(tr("Bytes on wire"), num(cap.value(QStringLiteral("bytes"))));
    add(tr("Bytes captured"), num(cap.value(QStringLiteral("captured_bytes"))));
    add(tr("Average packet size"), tr("%1 bytes").arg(st.value(QStringLiteral("avg_packet_bytes")).toDouble(), 0, 'f', 1));
    add(tr("Average packets/s"), QLocale().toString(st.value(QStringLiteral("packets_per_s")).toDouble(), 'f', 2));
    add(tr("Average bits/s"), QLocale().toString(st.value(QStringLiteral("bits_per_s")).toDouble(), 'f', 0));
    add(tr("Malformed packets"), num(st.value(QStringLiteral("malformed_packets"))));
    add(tr("TCP retransmissions"), num(st.value(QStringLiteral("tcp_retransmissions"))));
    add(tr("Truncated"), cap.value(QStringLiteral("truncated")).toBool()
                             ? tr("yes, at byte %1").arg(num(cap.value(QStringLiteral("truncated_at"))))
                             : tr("no"));
    add(tr("Report"), m_fromHistory ? tr("from the history (same file, engine and settings)") : tr("analyzed now"));
    const QJsonArray warnings = cap.value(QStringLiteral("warnings")).toArray();
    auto *w = add(tr("Warnings"), QString::number(warnings.size()));
    for (const QJsonValue &v : warnings)
        add(QString(), v.toString(), w);
    w->setExpanded(true);
    m_tree->resizeColumnToContents(0);
}

} // namespace packetlens::gui
