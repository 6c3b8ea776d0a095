// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace packetlens {

// A file carried by the capture, as Wireshark's File ▸ Export Objects lists it.
struct CapturedObject
{
    QString protocol;    // "http", "ftp-data" or "smtp"
    uint64_t frame = 0;  // the packet that completed it
    int64_t tsNs = 0;    // that packet's time
    QString client;      // the address that fetched (HTTP) or sent (SMTP, FTP client) it
    QString host;        // HTTP Host, FTP/SMTP server address
    QString contentType; // as announced (HTTP), else empty
    QString name;        // the name it had in the capture (URI's last part, RETR argument, Subject)
    QString safeName;    // a plain file name made from it, unique in its list
    QString type;        // what its first bytes say ("PNG image", "ZIP archive", "text", …)
    QByteArray data;     // empty once the analysis has hashed it (ObjectLog)
    qint64 size = 0;     // bytes
    QString sha256;
};

// Which protocols to carve; an empty list means all of them.
QStringList objectProtocols(); // "http", "ftp-data", "smtp"

// Reads the capture (a zip's capture `entry`, from 0) and carves the objects
// of the given protocols, in the order they complete.
bool carveObjects(const QString &path, const QStringList &protocols, std::vector<CapturedObject> &out, QString *error,
                  int entry = 0);

// Names safe to create in a folder: no path, no separators or control
// characters, not "." or "..", at most 200 bytes; "(1)", "(2)"… when taken
// (without regard to case). Constant time a name, however many objects share
// one (a capture may carry a hundred thousand "index.html").
class ObjectNames
{
public:
    explicit ObjectNames(const QStringList &existing = {});
    QString take(const QString &raw);

private:
    QSet<QString> m_taken;      // lower case
    QHash<QString, int> m_next; // lower-case base name -> next number to try
};
// One name (tests, single files).
QString safeObjectName(const QString &raw, ObjectNames &names);
// What the first bytes of a file say it is.
QString objectTypeByMagic(const QByteArray &data);

} // namespace packetlens
