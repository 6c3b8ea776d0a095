// SPDX-License-Identifier: GPL-3.0-or-later
// The capture tab's own state beside its data: the note that the app's
// analysis settings changed since the tab was analyzed.
#include "capturetab.h"

#include <QLabel>
#include <QVBoxLayout>

namespace packetlens::gui {

void CaptureTab::addStateWidgets()
{
    m_settingsNote = new QLabel(this);
    m_settingsNote->setObjectName(QStringLiteral("settingsChangedNote"));
    m_settingsNote->setWordWrap(true);
    m_settingsNote->setStyleSheet(QStringLiteral("QLabel { background: #cfe2ff; color: #052c65; padding: 6px; border-bottom: 1px solid #9ec5fe; }"));
    m_settingsNote->hide();
    if (auto *lay = qobject_cast<QVBoxLayout *>(layout()))
        lay->insertWidget(0, m_settingsNote);
}

void CaptureTab::noteSettings(const QString &currentHash)
{
    m_settingsChanged = !m_settingsHash.isEmpty() && currentHash != m_settingsHash;
    m_settingsNote->setVisible(m_settingsChanged);
    retranslateState();
}

void CaptureTab::retranslateState()
{
    m_settingsNote->setText(tr("Settings changed since this capture was analyzed — F5 to re-analyze with the new ones."));
}

} // namespace packetlens::gui
