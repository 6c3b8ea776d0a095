// SPDX-License-Identifier: GPL-3.0-or-later
// The capture tab's Health and Timeline pages and how they reach the packet list.
#include "capturetab.h"

#include "healthpage.h"
#include "reporttables.h"
#include "timelinepage.h"

#include <QAction>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace packetlens::gui {

// The Health and Timeline tabs show their packets in the packet list; the
// Hosts tab's context menu opens a host's own timeline.
void CaptureTab::connectHealthViews()
{
    const auto showPackets = [this](const QString &f) {
        applyFilter(f);
        showView(PacketsView);
    };
    connect(m_health, &HealthPage::evidenceRequested, this, showPackets);
    connect(m_health, &HealthPage::statusMessage, this, &CaptureTab::statusMessage);
    connect(m_timeline, &TimelinePage::evidenceRequested, this, showPackets);
    connect(m_timeline, &TimelinePage::statusMessage, this, &CaptureTab::statusMessage);
    auto *hostTimeline = new QAction(m_hostsView);
    hostTimeline->setObjectName(QStringLiteral("hostTimeline"));
    connect(hostTimeline, &QAction::triggered, this, [this] {
        const QModelIndex i = m_hostsView->currentIndex();
        if (!i.isValid())
            return;
        m_timeline->showHost(m_hosts->row(m_hostsProxy->mapToSource(i).row()).ip);
        showView(TimelineView);
    });
    m_hostsView->addAction(hostTimeline);
}

void CaptureTab::retranslateHostTimeline()
{
    if (auto *a = m_hostsView->findChild<QAction *>(QStringLiteral("hostTimeline")))
        a->setText(tr("Timeline of this host"));
}

HealthPage *CaptureTab::healthPage() const
{
    return m_health;
}

TimelinePage *CaptureTab::timelinePage() const
{
    return m_timeline;
}

} // namespace packetlens::gui
