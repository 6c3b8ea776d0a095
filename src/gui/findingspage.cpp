// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingspage.h"

#include "explaindialog.h"
#include "packetlistmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace packetlens::gui {

QTableView *makeReportTable(QWidget *parent, TableModelBase *model, QSortFilterProxyModel **proxy, const QString &name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    *proxy = new QSortFilterProxyModel(parent);
    (*proxy)->setSourceModel(model);
    (*proxy)->setSortRole(TableModelBase::SortRole);
    view->setModel(*proxy);
    view->setSortingEnabled(true);
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the report's own order until a header is clicked
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setResizeContentsPrecision(50); // sizing columns reads 50 rows, not all
    addCsvCopy(view);
    return view;
}

FindingsPage::FindingsPage(QWidget *parent) : QWidget(parent)
{
    m_model = new FindingModel(findingColumns(), this);
    m_model->setRowBackground([](const ReportFinding &f) -> QVariant { return severityColor(f.severity); });
    m_view = makeReportTable(this, m_model, &m_proxy, QStringLiteral("findingsView"));
    m_view->setWordWrap(true);
    m_view->sortByColumn(1, Qt::DescendingOrder); // most severe first
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_evidenceButton = new QPushButton(this);
    m_evidenceButton->setObjectName(QStringLiteral("evidenceButton"));
    m_explainButton = new QPushButton(this);
    m_explainButton->setObjectName(QStringLiteral("explainButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_note, 1);
    buttons->addWidget(m_evidenceButton);
    buttons->addWidget(m_explainButton);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addWidget(m_view, 1);
    lay->addLayout(buttons);
    connect(m_view, &QTableView::doubleClicked, this, &FindingsPage::showEvidence);
    connect(m_evidenceButton, &QPushButton::clicked, this, [this] { showEvidence(m_view->currentIndex()); });
    connect(m_explainButton, &QPushButton::clicked, this, &FindingsPage::explainSelected);
}

void FindingsPage::setFindings(const std::vector<ReportFinding> &findings, int timeDigits)
{
    m_timeDigits = timeDigits;
    m_model->setRows(findings);
    m_view->resizeColumnsToContents();
    // A sweep's target list or a long summary must not push the summary and
    // recommendation out of sight: those columns wrap at a fixed width.
    for (const auto &[column, widest] : {std::pair{4, 260}, std::pair{5, 500}})
        if (m_view->columnWidth(column) > widest)
            m_view->setColumnWidth(column, widest);
}

void FindingsPage::retranslate()
{
    m_evidenceButton->setText(tr("Show evidence packets"));
    m_explainButton->setText(tr("Explain…"));
    m_note->setText(tr("Double-click a finding to show its evidence packets in the packet list."));
    m_model->retranslate();
    retranslateCsvCopy(m_view);
}

const ReportFinding *FindingsPage::findingAt(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid())
        return nullptr;
    return &m_model->row(m_proxy->mapToSource(proxyIndex).row());
}

void FindingsPage::showEvidence(const QModelIndex &proxyIndex)
{
    const ReportFinding *f = findingAt(proxyIndex);
    if (!f)
        return;
    const QString filter = evidenceFilter(*f);
    if (filter.isEmpty())
        emit statusMessage(tr("Finding %1 cites no packets").arg(f->id));
    else
        emit evidenceRequested(filter);
}

void FindingsPage::explainSelected()
{
    const ReportFinding *f = findingAt(m_view->currentIndex());
    if (!f)
        return;
    auto *dlg = new ExplainDialog(*f, m_timeDigits, this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    dlg->show();
}

} // namespace packetlens::gui
