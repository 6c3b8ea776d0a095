// SPDX-License-Identifier: GPL-3.0-or-later
#include "explaindialog.h"

#include "ui_explaindialog.h"

#include "i18n.h"
#include "reporttables.h"

#include "core/report/findinglabels.h"
#include "core/report/timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace packetlens::gui {

ExplainDialog::ExplainDialog(const ReportFinding &f, int timeDigits, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ExplainDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Explain %1").arg(f.id));
    m_ui->summaryLabel->setText(QStringLiteral("<b>%1</b>").arg(f.summary.toHtmlEscaped()));
    m_ui->categoryValue->setText(categoryTitle(f.category, currentLanguage()));
    m_ui->severityValue->setText(severityText(f.severity));
    m_ui->confidenceValue->setText(QString::number(f.confidence, 'f', 2));
    m_ui->thresholdValue->setText(f.threshold);
    m_ui->timeValue->setText(tr("%1 to %2").arg(isoTimestamp(f.firstNs, timeDigits), isoTimestamp(f.lastNs, timeDigits)));
    m_ui->mitreValue->setText(f.mitre.isEmpty() ? tr("none") : f.mitre.join(QStringLiteral(", ")));
    QStringList packets;
    for (qint64 p : f.evidencePackets)
        packets << QString::number(p);
    m_ui->evidenceValue->setText(packets.isEmpty() ? tr("none") : packets.join(QStringLiteral(", ")));
    m_ui->recommendationValue->setText(f.recommendation);
    const QJsonObject &metrics = f.metrics;
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isArray() || v.isObject())
            text = QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 10);
        else
            text = v.toVariant().toString();
        m_ui->metricsTree->addTopLevelItem(new QTreeWidgetItem(QStringList{it.key(), text}));
    }
    m_ui->metricsTree->resizeColumnToContents(0);
}

ExplainDialog::~ExplainDialog() = default;

} // namespace packetlens::gui
