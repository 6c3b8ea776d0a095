// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/inspect/packetdissection.h"

#include <QWidget>

class QTreeWidget;
class QTreeWidgetItem;
class QPlainTextEdit;

namespace packetlens::gui {

class StreamTable;


// The selected packet: a tree of its layers and fields above a hex/ASCII
// dump; selecting a field selects its bytes in the dump.
class PacketDetails : public QWidget
{
    Q_OBJECT
public:
    explicit PacketDetails(QWidget *parent = nullptr);
    // With the capture's stream table, TCP shows relative numbers and the stream index.
    void showPacket(uint64_t number, int64_t tsNs, int linkType, const QByteArray &bytes, uint32_t wireLen,
                    const StreamTable *streams = nullptr, uint32_t index = 0);
    void clear();
    QTreeWidget *tree() const { return m_tree; }
    QPlainTextEdit *hex() const { return m_hex; }
    // The bytes selected in the dump (offset, length), for tests.
    QPair<int, int> selectedBytes() const { return m_selected; }

private:
    void addNodes(QTreeWidgetItem *parent, const QList<DissectionNode> &nodes);
    void selectBytes(int offset, int length);

    QTreeWidget *m_tree;
    QPlainTextEdit *m_hex;
    QByteArray m_bytes;
    QPair<int, int> m_selected{0, 0};
};

} // namespace packetlens::gui
