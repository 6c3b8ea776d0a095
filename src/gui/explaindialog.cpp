// SPDX-License-Identifier: GPL-3.0-or-later
#include "explaindialog.h"

#include "ui_explaindialog.h"

#include "findingexplain.h"
#include "i18n.h"
#include "reporttables.h"

#include "core/report/findinglabels.h"
#include "core/report/timeformat.h"

#include <QLocale>
#include <QSet>

namespace packetlens::gui {

ExplainDialog::ExplainDialog(const ReportFinding &f, int timeDigits, const DetectionSettings &settings, QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ExplainDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("explainDialog"));
    setWindowTitle(tr("Explain %1").arg(f.id));
    m_ui->summaryLabel->setText(QStringLiteral("<b>%1</b>").arg(findingSummaryText(f, currentLanguage()).toHtmlEscaped()));
    m_ui->categoryValue->setText(categoryTitle(f.category, currentLanguage()));
    m_ui->severityValue->setText(severityText(f.severity));
    m_ui->confidenceValue->setText(QLocale().toString(f.confidence, 'f', 2));
    m_ui->thresholdValue->setText(findingThresholdText(f, currentLanguage()));
    m_ui->timeValue->setText(tr("%1 to %2").arg(isoTimestamp(f.firstNs, timeDigits), isoTimestamp(f.lastNs, timeDigits)));
    QStringList mitre;
    for (const QString &id : f.mitre)
        mitre << FindingExplain::mitreText(id);
    m_ui->mitreValue->setText(mitre.isEmpty() ? tr("none") : mitre.join(QStringLiteral("; ")));
    m_cited = evidenceFilter(f);
    m_scope = FindingExplain::scopeFilter(f);
    QString evidence = FindingExplain::evidenceText(f).toHtmlEscaped();
    QStringList links;
    if (!m_cited.isEmpty())
        links << QStringLiteral("<a href=\"cited\">%1</a>").arg(tr("show these").toHtmlEscaped());
    if (!m_scope.isEmpty())
        links << QStringLiteral("<a href=\"scope\">%1</a>").arg(tr("show all its traffic").toHtmlEscaped());
    if (!links.isEmpty())
        evidence += QStringLiteral(" (%1)").arg(links.join(QStringLiteral(" · ")));
    m_ui->evidenceValue->setText(evidence);
    m_ui->evidenceValue->setToolTip(m_scope.isEmpty() ? QString() : tr("All its traffic: %1").arg(m_scope));
    connect(m_ui->evidenceValue, &QLabel::linkActivated, this, [this](const QString &link) {
        emit filterRequested(link == QLatin1String("scope") ? m_scope : m_cited);
    });
    m_ui->recommendationValue->setText(findingRecommendationText(f, currentLanguage()));
    fillMetrics(f, settings);
}

void ExplainDialog::fillMetrics(const ReportFinding &f, const DetectionSettings &settings)
{
    QSet<QString> why;
    for (const FindingExplain::Reason &r : findingReasons(f, settings)) {
        why.insert(r.key);
        auto *item = new QTreeWidgetItem(QStringList{FindingExplain::metricName(r.key), FindingExplain::metricValue(r.key, r.value),
                                                     FindingExplain::thresholdText(r)});
        item->setData(0, Qt::UserRole, r.key);
        m_ui->metricsTree->addTopLevelItem(item);
    }
    for (auto it = f.metrics.begin(); it != f.metrics.end(); ++it) {
        if (why.contains(it.key()))
            continue;
        auto *item = new QTreeWidgetItem(QStringList{FindingExplain::metricName(it.key()), FindingExplain::metricValue(it.key(), it.value())});
        item->setData(0, Qt::UserRole, it.key());
        m_ui->otherTree->addTopLevelItem(item);
    }
    m_ui->metricsLabel->setVisible(!why.isEmpty());
    m_ui->metricsTree->setVisible(!why.isEmpty());
    m_ui->otherLabel->setVisible(m_ui->otherTree->topLevelItemCount() > 0);
    m_ui->otherTree->setVisible(m_ui->otherTree->topLevelItemCount() > 0);
    for (QTreeWidget *t : {m_ui->metricsTree, m_ui->otherTree})
        t->resizeColumnToContents(0);
}

ExplainDialog::~ExplainDialog() = default;

} // namespace packetlens::gui
