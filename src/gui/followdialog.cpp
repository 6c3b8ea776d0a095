// SPDX-License-Identifier: GPL-3.0-or-later
#include "followdialog.h"

#include "appsettings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTextEdit>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace packetlens::gui {

namespace {
const QColor kColours[2] = {QColor(0x80, 0x00, 0x00), QColor(0x00, 0x00, 0x80)}; // Wireshark's client red, server blue
const QColor kBackgrounds[2] = {QColor(0xfb, 0xed, 0xed), QColor(0xed, 0xed, 0xfb)};
} // namespace

FollowDialog::FollowDialog(const QString &capturePath, int64_t stream, int entry, QWidget *parent) : QDialog(parent)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Follow TCP Stream (tcp.stream eq %1) — %2").arg(stream).arg(QFileInfo(capturePath).fileName()));
    resize(820, 620);
    m_summary = new QLabel(tr("Reading the capture…"), this);
    m_text = new QTextEdit(this);
    m_text->setObjectName(QStringLiteral("followText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("followFormat"));
    m_format->addItems({tr("ASCII"), tr("Hex Dump"), tr("Raw")});
    m_save = new QPushButton(tr("Save as…"), this);
    m_save->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Show data as"), this));
    row->addWidget(m_format);
    row->addStretch();
    row->addWidget(m_save);
    row->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    layout->addLayout(row);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_format, &QComboBox::currentIndexChanged, this, &FollowDialog::render);
    connect(m_save, &QPushButton::clicked, this, &FollowDialog::save);
    connect(&m_watcher, &QFutureWatcher<FollowedStream>::finished, this, [this] {
        m_stream = m_watcher.result();
        m_loaded = true;
        m_save->setEnabled(m_stream.found);
        render();
        emit loaded();
    });
    m_watcher.setFuture(QtConcurrent::run([capturePath, stream, entry] {
        FollowedStream s;
        followTcpStream(capturePath, stream, s, nullptr, entry);
        return s;
    }));
}

QString FollowDialog::text() const
{
    return m_text->toPlainText();
}

void FollowDialog::render()
{
    if (!m_stream.found) {
        m_summary->setText(tr("No TCP stream %1 in this capture.").arg(m_stream.index));
        return;
    }
    m_summary->setText(tr("%1 → %2: %3 bytes; %2 → %1: %4 bytes")
                           .arg(m_stream.node[0], m_stream.node[1]).arg(m_stream.bytes[0]).arg(m_stream.bytes[1]));
    m_text->clear();
    QTextCursor c(m_text->document());
    uint64_t offset[2] = {};
    for (const FollowedStream::Chunk &chunk : m_stream.chunks) {
        QTextCharFormat f;
        f.setForeground(kColours[chunk.dir]);
        f.setBackground(kBackgrounds[chunk.dir]);
        QByteArray shown;
        switch (m_format->currentIndex()) {
        case 0: shown = followAscii(chunk.data).replace("\r\n", "\n"); break;
        case 1: shown = followHexDump(chunk.data, offset[chunk.dir], false); break;
        default: shown = chunk.data.toHex() + '\n'; break;
        }
        offset[chunk.dir] += uint64_t(chunk.data.size());
        c.insertText(QString::fromLatin1(shown), f);
    }
    m_text->moveCursor(QTextCursor::Start);
}

void FollowDialog::save()
{
    const int shown = m_format->currentIndex();
    const QString name = QStringLiteral("tcp-stream-%1.%2").arg(m_stream.index).arg(shown == 2 ? QStringLiteral("bin") : QStringLiteral("txt"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save TCP stream %1 as %2").arg(m_stream.index).arg(m_format->currentText()),
                                                      QDir(AppSettings::lastDirectory()).filePath(name));
    if (path.isEmpty())
        return;
    AppSettings::setLastDirectory(QFileInfo(path).absolutePath());
    const int format = m_format->currentIndex();
    const QByteArray bytes = followText(m_stream, format == 0 ? FollowFormat::Ascii : format == 1 ? FollowFormat::Hex : FollowFormat::Raw);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        QMessageBox::warning(this, windowTitle(), tr("Could not save %1: %2").arg(path, f.errorString()));
}

} // namespace packetlens::gui
