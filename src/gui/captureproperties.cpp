// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureproperties.h"

#include "anomaliespage.h"

#include "i18n.h"

#include "core/report/errortext.h"
#include "core/report/timeformat.h"
#include "core/util/format.h"

#include <QLocale>
#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

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

void CaptureProperties::setReport(const Report &report, const QString &path, bool fromHistory)
{
    m_capture = report.capture;
    m_stats = report.stats;
    m_anomalies = report.anomalies;
    std::stable_sort(m_anomalies.begin(), m_anomalies.end(), [](const Anomaly &a, const Anomaly &b) { return a.count > b.count; });
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
    if (!m_capture)
        return;
    const CaptureSection &cap = *m_capture;
    const TrafficStats &st = m_stats;
    auto add = [this](const QString &k, const QString &v, QTreeWidgetItem *parent = nullptr) {
        auto *i = parent ? new QTreeWidgetItem(parent, {k, v}) : new QTreeWidgetItem(m_tree, {k, v});
        i->setToolTip(1, v);
        return i;
    };
    auto num = [](qint64 v) { return QLocale().toString(v); };
    auto ts = [&cap](const std::optional<int64_t> &ns) { return ns ? isoTimestamp(*ns, cap.timeDigits) : QString(); };
    add(tr("File"), m_path);
    add(tr("Capture"), cap.fileName);
    add(tr("Format"), cap.container.isEmpty() ? cap.format : QStringLiteral("%1 (%2)").arg(cap.format, cap.container));
    add(tr("Timestamp precision"), cap.timeDigits >= 9 ? tr("ns") : cap.timeDigits >= 6 ? tr("µs") : tr("ms"));
    auto *links = add(tr("Link types"), QString::number(cap.linkTypes.size()));
    for (const LinkTypeCount &l : cap.linkTypes)
        add(QStringLiteral("%1 (%2)").arg(l.name).arg(l.linkType), tr("%1 packets — %2").arg(num(l.packets), l.description), links);
    links->setExpanded(true);
    add(tr("SHA-256"), cap.sha256);
    if (!cap.containerSha256.isEmpty())
        add(tr("Archive SHA-256"), cap.containerSha256);
    add(tr("File size"), localBytes(double(cap.sizeBytes)));
    add(tr("First packet"), ts(cap.firstNs));
    add(tr("Last packet"), ts(cap.lastNs));
    add(tr("Duration"), tr("%1 s").arg(QLocale().toString(cap.durationS, 'f', 3)));
    add(tr("Packets"), num(cap.packets));
    add(tr("Bytes on wire"), num(cap.bytes));
    add(tr("Bytes captured"), num(cap.capturedBytes));
    add(tr("Average packet size"), tr("%1 bytes").arg(QLocale().toString(st.avgPacketBytes, 'f', 1)));
    add(tr("Average packets/s"), QLocale().toString(st.packetsPerS, 'f', 2));
    add(tr("Average bits/s"), QLocale().toString(st.bitsPerS, 'f', 0));
    add(tr("Malformed packets"), num(st.malformedPackets));
    add(tr("TCP retransmissions"), num(st.tcpRetransmissions));
    add(tr("Truncated"), cap.truncated ? tr("yes, at byte %1").arg(num(cap.truncatedAt.value_or(0))) : tr("no"));
    add(tr("Report"), m_fromHistory ? tr("from the history (same file, engine and settings)") : tr("analyzed now"));
    // The reader's warnings and the analysis' anomalies (out-of-order
    // timestamps, bad checksums…): a capture with thousands is not "0".
    qint64 anomalies = 0;
    for (const Anomaly &a : m_anomalies)
        anomalies += a.count;
    auto *w = add(tr("Warnings"), cap.warnings.isEmpty() && !anomalies ? tr("none")
                                  : tr("%1 while reading, %2 anomalies (see Anomalies)").arg(num(cap.warnings.size()), num(anomalies)));
    for (const QString &warning : cap.warnings)
        add(tr("Reading"), localizedError(warning, currentLanguage()), w);
    for (const Anomaly &a : m_anomalies)
        add(QStringLiteral("%1 (%2)").arg(AnomaliesPage::kindText(a.kind), a.protocol), tr("%1 — %2").arg(num(a.count), a.detail), w);
    w->setExpanded(true);
    m_tree->resizeColumnToContents(0);
}

} // namespace packetlens::gui
