// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>
#include <QVector>

namespace packetlens::gui {

// The addresses packet records name by number (1-based), in the order the
// analysis met them; one per analysis job, shared by its tabs and their
// models, extended on the GUI thread as batches arrive.
struct AddressTable
{
    QStringList names;
    QVector<bool> isIp; // an IP address (else a MAC or "Broadcast")

    void append(const QStringList &more)
    {
        for (const QString &a : more) {
            names << a;
            isIp << (a.contains(u'.') || (a.count(u':') != 5 && a.contains(u':')));
        }
    }
};

} // namespace packetlens::gui
