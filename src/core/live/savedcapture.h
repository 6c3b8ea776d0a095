// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../capture/packetreader.h"
#include "../capture/pcapngwriter.h"
#include "../util/sha256.h"

#include <QString>

#include <map>
#include <memory>

namespace packetlens {

// Where a live capture's saved pcapng goes: a file of the user's, or the
// REST server's content-addressed store. Written on the session's thread.
class CaptureSink
{
public:
    virtual ~CaptureSink() = default;
    virtual bool write(const uint8_t *data, size_t n) = 0;
    // The file is complete (sha256 of its bytes given); false with the reason.
    virtual bool finish(const QString &sha256, QString *error) = 0;
    // After finish(): where the file is and its name (as a file analysis names it).
    virtual QString path() const = 0;
    virtual QString error() const = 0;
};

// Where a live capture is saved unless the user says: the app-data folder's
// live/<source>-<yyyyMMdd-HHmmss>.pcapng.
QString defaultLiveCapturePath(const QString &source);

// A new file at `path` (0600; an existing file is refused), in folders made 0700.
std::unique_ptr<CaptureSink> fileCaptureSink(const QString &path, QString *error);

// The packets of a live capture as they were analyzed, written as pcapng with
// nanosecond timestamps (one interface per link type), and the capture's
// statistics (packets received and dropped) as they arrive. A file analysis
// of it reads exactly the packets the live analysis read.
class SavedCapture
{
public:
    SavedCapture(std::unique_ptr<CaptureSink> sink, const QString &interfaceName, const QString &filter);
    bool add(const RawPacket &pkt);
    void addStatistics(const PcapngWriter::Stats &s);
    // Flushes and completes the file; false with the reason.
    bool finish(QString *error);
    QString path() const { return m_sink->path(); }
    QString sha256() const { return m_sha256; }
    qint64 size() const { return qint64(m_writer.bytesWritten()); }
    bool failed() const { return m_writer.failed(); }

private:
    std::unique_ptr<CaptureSink> m_sink;
    Sha256 m_hash;
    PcapngWriter m_writer;
    std::string m_interfaceName, m_filter;
    std::map<int, uint32_t> m_interfaces; // link type -> interface id
    QString m_sha256;
    bool m_finished = false;
};

} // namespace packetlens
