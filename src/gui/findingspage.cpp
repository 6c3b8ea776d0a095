// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingspage.h"

#include "appsettings.h"
#include "explaindialog.h"
#include "i18n.h"
#include "packetlistmodel.h"

#include "core/report/findinglabels.h"

#include <QHBoxLayout>
#include <QKeyEvent>
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
    view->setTabKeyNavigation(false); // Tab leaves the table, Ctrl+Tab reaches the views' tabs
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAlternatingRowColors(true);
    view->horizontalHeader()->setResizeContentsPrecision(50); // sizing columns reads 50 rows, not all
    // After a sort the columns fit what is now on top.
    QObject::connect(view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, view, [view] { view->resizeColumnsToContents(); });
    addCsvCopy(view);
    return view;
}

QHBoxLayout *makePacketsFooter(QWidget *parent, QLabel **note, QPushButton **button, const QString &buttonName)
{
    *note = new QLabel(parent);
    (*note)->setWordWrap(true);
    *button = new QPushButton(parent);
    (*button)->setObjectName(buttonName);
    auto *row = new QHBoxLayout;
    row->addWidget(*note, 1);
    row->addWidget(*button);
    return row;
}

FindingsPage::FindingsPage(QWidget *parent) : QWidget(parent)
{
    m_model = new FindingModel(findingColumns(), this);
    m_model->setRowBackground([](const ReportFinding &f) -> QVariant { return severityColor(f.severity); });
    m_view = makeReportTable(this, m_model, &m_proxy, QStringLiteral("findingsView"));
    m_view->setWordWrap(true);
    m_view->sortByColumn(1, Qt::DescendingOrder); // most severe first
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this, &FindingsPage::capWideColumns);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("noFindings"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->hide();
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
    lay->addWidget(m_empty, 1);
    lay->addLayout(buttons);
    setTabOrder(m_view, m_evidenceButton);
    setTabOrder(m_evidenceButton, m_explainButton);
    m_view->installEventFilter(this);
    connect(m_view, &QTableView::doubleClicked, this, &FindingsPage::showEvidence);
    connect(m_evidenceButton, &QPushButton::clicked, this, [this] { showEvidence(m_view->currentIndex()); });
    connect(m_explainButton, &QPushButton::clicked, this, &FindingsPage::explainSelected);
}

bool FindingsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *k = static_cast<QKeyEvent *>(event);
        const bool enter = (k->key() == Qt::Key_Return || k->key() == Qt::Key_Enter) && (k->modifiers() | Qt::KeypadModifier) == Qt::KeypadModifier;
        const bool explain = k->key() == Qt::Key_E && k->modifiers() == Qt::ControlModifier;
        if (enter || explain) {
            event->accept(); // the table's keys before the window's shortcuts (Ctrl+E stops a live capture elsewhere)
            if (event->type() == QEvent::KeyPress) {
                if (enter)
                    showEvidence(m_view->currentIndex());
                else
                    explainSelected();
            }
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindingsPage::updateEmptyNote()
{
    m_empty->setVisible(m_set && !m_hasFindings);
    m_view->setVisible(!m_set || m_hasFindings);
    m_evidenceButton->setEnabled(m_hasFindings);
    m_explainButton->setEnabled(m_hasFindings);
    QStringList checked;
    for (const QString &c : titledCategories())
        checked << categoryTitle(c, currentLanguage());
    m_empty->setText(tr("<p><b>No findings</b></p><p>Checked for: %1.</p><p>Thresholds and lists: File ▸ Settings.</p>")
                         .arg(checked.join(QStringLiteral(", ")).toHtmlEscaped()));
}

void FindingsPage::setFindings(const std::vector<ReportFinding> &findings, int timeDigits)
{
    m_timeDigits = timeDigits;
    m_set = true;
    m_hasFindings = !findings.empty();
    updateEmptyNote();
    m_model->setRows(findings);
    m_view->resizeColumnsToContents();
    capWideColumns();
}

void FindingsPage::capWideColumns()
{
    // A sweep's target list or a long summary must not push the summary and
    // recommendation out of sight: those columns wrap at a fixed width.
    for (const auto &[column, widest] : {std::pair{4, 260}, std::pair{5, 500}})
        if (m_view->columnWidth(column) > widest)
            m_view->setColumnWidth(column, widest);
}

void FindingsPage::retranslate()
{
    m_evidenceButton->setText(tr("Show evidence packets"));
    m_evidenceButton->setToolTip(tr("Enter or double-click on a finding"));
    m_explainButton->setText(tr("Explain…"));
    m_explainButton->setToolTip(tr("Ctrl+E on a finding"));
    m_note->setText(tr("Enter or double-click shows a finding's evidence packets in the packet list; Ctrl+E explains it."));
    updateEmptyNote();
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
    std::shared_ptr<const DetectionSettings> detection = m_detection;
    if (!detection) { // a report from the history: the settings now
        QString ignored;
        detection = AppSettings::analyzerSettings(&ignored).detection;
    }
    auto *dlg = new ExplainDialog(*f, m_timeDigits, detection ? *detection : DetectionSettings(), this);
    dlg->setAttribute(Qt::WA_DeleteOnClose);
    connect(dlg, &ExplainDialog::filterRequested, this, &FindingsPage::evidenceRequested);
    dlg->show();
}

} // namespace packetlens::gui
