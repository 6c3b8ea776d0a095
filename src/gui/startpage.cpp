// SPDX-License-Identifier: GPL-3.0-or-later
#include "startpage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGridLayout>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace packetlens::gui {

namespace {
constexpr int PathRole = Qt::UserRole + 1;
} // namespace

QString StartPage::findSample()
{
    const QString rel = QStringLiteral("packetlens/samples/sample.pcap");
    QStringList candidates;
    candidates << QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/") + rel);
    const QString installed = QStandardPaths::locate(QStandardPaths::GenericDataLocation, rel);
    if (!installed.isEmpty())
        candidates << installed;
#ifdef PACKETLENS_BUILD_SAMPLE
    candidates << QStringLiteral(PACKETLENS_BUILD_SAMPLE);
#endif
    for (const QString &c : candidates)
        if (QFileInfo(c).isFile())
            return QFileInfo(c).absoluteFilePath();
    return {};
}

StartPage::StartPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("welcome"));
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_open = new QPushButton(QIcon(QStringLiteral(":/icons/open.svg")), QString(), this);
    m_open->setObjectName(QStringLiteral("startOpen"));
    m_sample = new QPushButton(this);
    m_sample->setObjectName(QStringLiteral("startSample"));
    m_live = new QPushButton(this);
    m_live->setObjectName(QStringLiteral("startLive"));
    m_history = new QPushButton(QIcon(QStringLiteral(":/icons/history.svg")), QString(), this);
    m_history->setObjectName(QStringLiteral("startHistory"));
    m_recentTitle = new QLabel(this);
    m_recent = new QListWidget(this);
    m_recent->setObjectName(QStringLiteral("recentList"));
    m_recent->setAlternatingRowColors(true);
    m_recent->setUniformItemSizes(true);
    m_recent->setMaximumHeight(m_recent->fontMetrics().height() * 13); // the ten recent files and a margin
    m_shortcuts = new QLabel(this);
    m_shortcuts->setWordWrap(true);

    auto *buttons = new QGridLayout;
    buttons->addWidget(m_open, 0, 0);
    buttons->addWidget(m_sample, 0, 1);
    buttons->addWidget(m_live, 1, 0);
    buttons->addWidget(m_history, 1, 1);
    auto *column = new QVBoxLayout;
    column->addWidget(m_title);
    column->addWidget(m_hint);
    column->addSpacing(8);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent);
    column->addWidget(m_shortcuts);
    column->addStretch(1);
    auto *frame = new QWidget(this);
    frame->setLayout(column);
    frame->setMaximumWidth(720);
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(12, 24, 12, 12);
    outer->addStretch(1);
    outer->addWidget(frame, 4);
    outer->addStretch(1);

    connect(m_open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(m_sample, &QPushButton::clicked, this, [this] { emit sampleRequested(m_samplePath); });
    connect(m_live, &QPushButton::clicked, this, &StartPage::liveRequested);
    connect(m_history, &QPushButton::clicked, this, &StartPage::historyRequested);
    connect(m_recent, &QListWidget::itemClicked, this, &StartPage::openItem);
    // Enter opens the current one too; a double-click's activation is its
    // first click's, which opened it already.
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        if (QGuiApplication::mouseButtons() == Qt::NoButton)
            openItem(item);
    });
    setSamplePath(findSample());
    retranslate();
}

void StartPage::openItem(QListWidgetItem *item)
{
    if (!item)
        return;
    const QString path = item->data(PathRole).toString();
    if (!path.isEmpty() && QFileInfo::exists(path))
        emit recentRequested(path);
}

void StartPage::setRecent(const QStringList &paths)
{
    m_paths = paths;
    m_recent->clear();
    for (const QString &p : paths) {
        const QFileInfo fi(p);
        const bool there = fi.exists();
        auto *item = new QListWidgetItem(there ? tr("%1 — %2").arg(fi.fileName(), QDir::toNativeSeparators(fi.absolutePath()))
                                               : tr("%1 — no longer there").arg(fi.fileName()),
                                         m_recent);
        item->setData(PathRole, p);
        item->setToolTip(QDir::toNativeSeparators(p));
        if (!there)
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
    if (paths.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No captures opened yet: they are listed here once opened."), m_recent);
        none->setFlags(Qt::NoItemFlags);
    }
}

void StartPage::setSamplePath(const QString &path)
{
    m_samplePath = path;
    m_sample->setEnabled(!path.isEmpty());
    m_sample->setToolTip(path.isEmpty() ? tr("The sample capture is not installed") : QDir::toNativeSeparators(path));
}

void StartPage::setLiveEnabled(bool enabled)
{
    m_live->setEnabled(enabled);
}

void StartPage::retranslate()
{
    m_title->setText(QStringLiteral("<h2>%1</h2>").arg(tr("PacketLens")));
    m_hint->setText(tr("Open a capture (pcap, pcapng, .gz or .zip) or drop it here; each opens in a tab of its own."));
    m_open->setText(tr("Open capture…"));
    m_sample->setText(tr("Open the sample capture"));
    m_live->setText(tr("Start live capture…"));
    m_history->setText(tr("History of analyses"));
    m_recentTitle->setText(QStringLiteral("<b>%1</b>").arg(tr("Recent captures")));
    m_shortcuts->setText(tr("Open: Ctrl+O · History: Ctrl+H · Filter: Ctrl+F · Re-analyze: F5"));
    setRecent(m_paths);
    setSamplePath(m_samplePath);
}

} // namespace packetlens::gui
