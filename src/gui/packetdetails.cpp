// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetdetails.h"

#include "streamtable.h"

#include "core/decode/packetdecoder.h"

#include <QFontDatabase>
#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBlock>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace packetlens::gui {

namespace {
constexpr int kBytesPerLine = 16;
constexpr int kHexColumn = 6;  // "0000  "
constexpr int kAsciiColumn = kHexColumn + kBytesPerLine * 3 + 1;
constexpr int kOffsetRole = Qt::UserRole + 1;
constexpr int kLengthRole = Qt::UserRole + 2;

QString hexDump(const QByteArray &b)
{
    QString out;
    for (int line = 0; line < b.size(); line += kBytesPerLine) {
        QString hex, ascii;
        for (int i = 0; i < kBytesPerLine; ++i) {
            if (line + i < b.size()) {
                const auto c = uchar(b[line + i]);
                hex += QStringLiteral("%1 ").arg(c, 2, 16, QChar(u'0'));
                ascii += c >= 0x20 && c < 0x7f ? QChar(c) : QChar(u'.');
            } else {
                hex += QStringLiteral("   ");
            }
        }
        out += QStringLiteral("%1  %2 %3\n").arg(line, 4, 16, QChar(u'0')).arg(hex, ascii);
    }
    return out;
}
} // namespace

PacketDetails::PacketDetails(QWidget *parent) : QWidget(parent)
{
    auto *split = new QSplitter(Qt::Vertical, this);
    m_tree = new QTreeWidget(split);
    m_tree->setObjectName(QStringLiteral("packetTree"));
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);
    m_hex = new QPlainTextEdit(split);
    m_hex->setObjectName(QStringLiteral("hexView"));
    m_hex->setReadOnly(true);
    m_hex->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_hex->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(split);
    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (item)
            selectBytes(item->data(0, kOffsetRole).toInt(), item->data(0, kLengthRole).toInt());
    });
}

void PacketDetails::clear()
{
    m_tree->clear();
    m_hex->clear();
    m_bytes.clear();
    m_selected = {0, 0};
}

void PacketDetails::addNodes(QTreeWidgetItem *parent, const QList<DissectionNode> &nodes)
{
    for (const DissectionNode &n : nodes) {
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
        item->setText(0, n.text);
        item->setData(0, kOffsetRole, n.offset);
        item->setData(0, kLengthRole, n.length);
        QStringList tip;
        if (!n.field.isEmpty())
            tip << n.field; // the display-filter field, as Wireshark's status bar names it
        if (n.length > 0)
            tip << tr("Bytes %1–%2").arg(n.offset).arg(n.offset + n.length - 1);
        item->setToolTip(0, tip.join(QStringLiteral(" · ")));
        item->setStatusTip(0, n.field);
        addNodes(item, n.children);
    }
}

void PacketDetails::showPacket(uint64_t number, int64_t tsNs, int linkType, const QByteArray &bytes, uint32_t wireLen,
                               const StreamTable *streams, uint32_t index)
{
    clear();
    m_bytes = bytes;
    const auto *data = reinterpret_cast<const uint8_t *>(bytes.constData());
    StreamPosition pos;
    bool hasPos = false;
    if (streams) {
        DecodedPacket d;
        PacketDecoder().decode(linkType, data, uint32_t(bytes.size()), wireLen, d);
        hasPos = streams->position(index, d, pos);
    }
    addNodes(nullptr, dissectPacket(linkType, data, uint32_t(bytes.size()), wireLen, number, tsNs, hasPos ? &pos : nullptr));
    for (int i = 1; i < m_tree->topLevelItemCount(); ++i)
        m_tree->topLevelItem(i)->setExpanded(true);
    m_hex->setPlainText(hexDump(bytes));
}

void PacketDetails::selectBytes(int offset, int length)
{
    m_selected = {offset, length};
    QList<QTextEdit::ExtraSelection> sels;
    QTextCharFormat fmt;
    fmt.setBackground(palette().highlight());
    fmt.setForeground(palette().highlightedText());
    const QTextDocument *doc = m_hex->document();
    for (int i = offset; i < offset + length && i < m_bytes.size(); ++i) {
        const QTextBlock block = doc->findBlockByNumber(i / kBytesPerLine);
        const int col = i % kBytesPerLine;
        for (auto [start, width] : {std::pair{kHexColumn + col * 3, 2}, std::pair{kAsciiColumn + col, 1}}) {
            QTextEdit::ExtraSelection s;
            s.format = fmt;
            s.cursor = QTextCursor(block);
            s.cursor.setPosition(block.position() + start);
            s.cursor.setPosition(block.position() + start + width, QTextCursor::KeepAnchor);
            sels << s;
        }
    }
    m_hex->setExtraSelections(sels);
    if (length > 0) {
        QTextCursor c(doc->findBlockByNumber(offset / kBytesPerLine));
        m_hex->setTextCursor(c);
        m_hex->ensureCursorVisible();
    }
}

} // namespace packetlens::gui
