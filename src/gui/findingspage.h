// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reporttables.h"

#include <QWidget>

#include <memory>

class QHBoxLayout;

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace packetlens {
class DetectionSettings;
}

namespace packetlens::gui {

// A capture's findings: the table (most severe first, tinted by severity),
// "Show evidence packets" (Enter, double-click) and "Explain…" (Ctrl+E while
// the table has the focus); "No findings" with what was checked when empty.
class FindingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPage(QWidget *parent = nullptr);
    void setFindings(const std::vector<ReportFinding> &findings, int timeDigits);
    // The detection settings the findings were made with (Explain holds
    // metrics to them); none: the app's current ones.
    void setDetectionSettings(std::shared_ptr<const DetectionSettings> settings) { m_detection = std::move(settings); }
    void retranslate();
    QTableView *view() const { return m_view; }
    QLabel *emptyNote() const { return m_empty; }
    void explainSelected();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    // The display filter that shows a finding's evidence packets.
    void evidenceRequested(const QString &filter);
    void statusMessage(const QString &text);

private:
    const ReportFinding *findingAt(const QModelIndex &proxyIndex) const;
    void showEvidence(const QModelIndex &proxyIndex);
    void updateEmptyNote();
    void capWideColumns();

    FindingModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_evidenceButton = nullptr, *m_explainButton = nullptr;
    QLabel *m_note = nullptr;
    QLabel *m_empty = nullptr; // "No findings" and what was checked
    bool m_hasFindings = false, m_set = false;
    int m_timeDigits = 6;
    std::shared_ptr<const DetectionSettings> m_detection;
};

// A sortable report table over a model (hosts, conversations, findings).
QTableView *makeReportTable(QWidget *parent, TableModelBase *model, QSortFilterProxyModel **proxy, const QString &name);
// A report page's foot: a wrapping note beside a "show packets" button named
// `buttonName` (the anomalies, health and DNS · HTTP · TLS pages).
QHBoxLayout *makePacketsFooter(QWidget *parent, QLabel **note, QPushButton **button, const QString &buttonName);

} // namespace packetlens::gui
