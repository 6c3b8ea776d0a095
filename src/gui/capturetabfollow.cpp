// SPDX-License-Identifier: GPL-3.0-or-later
// The packet list's Follow ▸ TCP Stream.
#include "capturetab.h"

#include "followdialog.h"
#include "packetlistmodel.h"
#include "streamtable.h"

#include <QAction>
#include <QTableView>

namespace packetlens::gui {

void CaptureTab::addFollowAction()
{
    m_followAct = new QAction(m_packetView);
    m_followAct->setObjectName(QStringLiteral("followTcpStream"));
    connect(m_followAct, &QAction::triggered, this, [this] { followCurrentStream(); });
    m_packetView->addAction(m_followAct);
}

int64_t CaptureTab::currentTcpStream() const
{
    const QModelIndex cur = m_packetView->currentIndex();
    return cur.isValid() ? m_streams->streamOf(m_model->recordAt(cur.row())) : -1;
}

FollowDialog *CaptureTab::followCurrentStream()
{
    const int64_t stream = currentTcpStream();
    if (stream < 0) {
        emit statusMessage(tr("Follow TCP Stream: select a TCP packet first."));
        return nullptr;
    }
    applyFilter(QStringLiteral("tcp.stream eq %1").arg(stream));
    auto *dialog = new FollowDialog(m_path, stream, m_entry, this);
    dialog->show();
    return dialog;
}

} // namespace packetlens::gui
