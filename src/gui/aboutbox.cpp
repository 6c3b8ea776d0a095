// SPDX-License-Identifier: GPL-3.0-or-later
#include "aboutbox.h"

#include "core/util/versions.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QUrl>

namespace packetlens::gui {

namespace {
// The documentation installed beside the program (/usr/share/doc/packetlens
// for /usr/bin/packetlens); empty when run from a build tree.
QString installedDocs()
{
    const QString dir = QDir(QCoreApplication::applicationDirPath()).absoluteFilePath(QStringLiteral("../share/doc/packetlens"));
    return QFileInfo(dir + QStringLiteral("/README.md")).isFile() ? QDir::cleanPath(dir) : QString();
}

QString docsLine()
{
    const QString dir = installedDocs();
    if (dir.isEmpty())
        return QCoreApplication::translate("AboutBox", "Documentation: README.md and docs/ in the source tree; <tt>man packetlens</tt>.");
    const QString url = QUrl::fromLocalFile(dir + QStringLiteral("/README.md")).toString();
    return QCoreApplication::translate("AboutBox", "Documentation: <a href=\"%1\">%2</a>, <tt>man packetlens</tt>.").arg(url, dir.toHtmlEscaped());
}
} // namespace

void showAboutBox(QWidget *parent)
{
    const LibraryVersions v = libraryVersions();
    const QString text =
        QCoreApplication::translate("AboutBox",
                                    "<b>PacketLens %1</b><p>Offline network-traffic analyzer: packets, charts and threat findings "
                                    "with evidence, for pcap and pcapng captures.</p>"
                                    "<p>License: GNU General Public License, version 3 or later (GPL-3.0-or-later). "
                                    "There is NO WARRANTY, to the extent permitted by law.</p>"
                                    "<p>Running with Qt %2, %3, %4.</p><p>%5</p>")
            .arg(QStringLiteral(PACKETLENS_VERSION), v.qt.toHtmlEscaped(), v.libpcap.toHtmlEscaped(), v.openssl.toHtmlEscaped(), docsLine());
    QMessageBox::about(parent, QCoreApplication::translate("AboutBox", "About PacketLens"), text);
}

} // namespace packetlens::gui
