// SPDX-License-Identifier: GPL-3.0-or-later
// Analyze ▸ Follow TCP Stream and File ▸ Export Objects.
#include "mainwindow.h"

#include "capturetab.h"
#include "objectsdialog.h"

#include <QMenu>
#include <QMenuBar>
#include <QShortcut>
#include <QTabWidget>

namespace packetlens::gui {

namespace {
const char *const kObjectProtocols[3] = {"http", "ftp-data", "smtp"};
} // namespace

void MainWindow::buildToolMenus()
{
    m_objectsMenu = new QMenu(this);
    m_fileMenu->insertMenu(m_settings, m_objectsMenu);
    for (int i = 0; i < 3; ++i) {
        const QString protocol = QLatin1String(kObjectProtocols[i]);
        m_objectActs[i] = m_objectsMenu->addAction(QString(), this, [this, protocol] {
            if (CaptureTab *t = currentCapture())
                (new ObjectsDialog(t->path(), protocol, t->entry(), this))->show();
        });
        m_objectActs[i]->setObjectName(QStringLiteral("exportObjects-") + protocol);
    }
    m_analyzeMenu = new QMenu(this);
    menuBar()->insertMenu(m_serverMenu->menuAction(), m_analyzeMenu);
    m_follow = m_analyzeMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_T), this, [this] {
        if (CaptureTab *t = currentCapture())
            t->followCurrentStream();
    });
    m_follow->setObjectName(QStringLiteral("followTcpStream"));
    addTabShortcuts();
}

// Ctrl+PgUp/PgDn (View ▸ Next/Previous Tab) and Ctrl+1…9 switch tabs from
// anywhere in the window (a window shortcut is seen before a focused table's
// key handling).
void MainWindow::addTabShortcuts()
{
    auto step = [this](int by) {
        if (m_tabs->count() > 0)
            m_tabs->setCurrentIndex((m_tabs->currentIndex() + by + m_tabs->count()) % m_tabs->count());
    };
    m_viewMenu->addSeparator();
    m_nextTab = m_viewMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_PageDown), this, [step] { step(1); });
    m_prevTab = m_viewMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_PageUp), this, [step] { step(-1); });
    m_nextTab->setObjectName(QStringLiteral("nextTab"));
    m_prevTab->setObjectName(QStringLiteral("previousTab"));
    for (int i = 0; i < 9; ++i)
        new QShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)), this, [this, i] {
            if (i < m_tabs->count())
                m_tabs->setCurrentIndex(i);
        });
}

void MainWindow::retranslateTools()
{
    m_objectsMenu->setTitle(tr("Export &Objects"));
    m_objectActs[0]->setText(tr("&HTTP…"));
    m_objectActs[1]->setText(tr("&FTP-DATA…"));
    m_objectActs[2]->setText(tr("&SMTP…"));
    m_analyzeMenu->setTitle(tr("&Analyze"));
    m_follow->setText(tr("Follow &TCP Stream"));
    m_nextTab->setText(tr("&Next Tab"));
    m_prevTab->setText(tr("Pre&vious Tab"));
}

} // namespace packetlens::gui
