// SPDX-License-Identifier: GPL-3.0-or-later
#include "savedcapture.h"

#include "../util/privatefiles.h"

#include <QDateTime>
#include <QDir>
#include <QStandardPaths>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace packetlens {

namespace {
class FileSink : public CaptureSink
{
public:
    FileSink(int fd, const QString &path) : m_fd(fd), m_path(path) {}
    ~FileSink() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool write(const uint8_t *data, size_t n) override
    {
        if (!PcapngWriter::fdSink(m_fd)(data, n)) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        return true;
    }
    bool finish(const QString &, QString *error) override
    {
        const bool ok = ::fsync(m_fd) == 0 && ::close(m_fd) == 0;
        m_fd = -1;
        if (!ok)
            *error = QStringLiteral("%1: %2").arg(m_path, QString::fromLocal8Bit(std::strerror(errno)));
        return ok;
    }
    QString path() const override { return m_path; }
    QString error() const override { return m_error; }

private:
    int m_fd;
    QString m_path, m_error;
};
} // namespace

QString defaultLiveCapturePath(const QString &source)
{
    QString name = source;
    for (QChar &c : name)
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_' && c != u'.')
            c = u'_';
    if (name.isEmpty() || name.startsWith(u'.'))
        name.prepend(QStringLiteral("capture"));
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QDir dir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    QString path = dir.filePath(QStringLiteral("live/%1-%2.pcapng").arg(name.left(64), stamp));
    for (int n = 2; QFileInfo::exists(path); ++n) // two captures in one second
        path = dir.filePath(QStringLiteral("live/%1-%2-%3.pcapng").arg(name.left(64), stamp).arg(n));
    return path;
}

std::unique_ptr<CaptureSink> fileCaptureSink(const QString &path, QString *error)
{
    const QFileInfo fi(path);
    if (!PrivateFiles::makeFolder(fi.absolutePath(), false, nullptr, error))
        return nullptr;
    const int fd = ::open(QFile::encodeName(fi.absoluteFilePath()).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        return nullptr;
    }
    return std::make_unique<FileSink>(fd, fi.absoluteFilePath());
}

SavedCapture::SavedCapture(std::unique_ptr<CaptureSink> sink, const QString &interfaceName, const QString &filter)
    : m_sink(std::move(sink)),
      m_writer([this](const uint8_t *data, size_t n) {
          m_hash.update(data, n);
          return m_sink->write(data, n);
      }),
      m_interfaceName(interfaceName.toStdString()), m_filter(filter.toStdString())
{
    m_writer.writeSection("PacketLens " PACKETLENS_VERSION " (live capture)");
}

bool SavedCapture::add(const RawPacket &pkt)
{
    auto it = m_interfaces.find(pkt.linkType);
    if (it == m_interfaces.end()) {
        it = m_interfaces.emplace(pkt.linkType, uint32_t(m_interfaces.size())).first;
        m_writer.writeInterface(pkt.linkType, 0, m_interfaceName, m_filter, 9);
    }
    const uint64_t ts = uint64_t(pkt.tsSec) * 1000000000u + pkt.tsNsec;
    return m_writer.writePacket(it->second, ts, pkt.caplen, pkt.len, pkt.data);
}

void SavedCapture::addStatistics(const PcapngWriter::Stats &s)
{
    if (m_interfaces.empty())
        return; // before the first packet: no interface to name yet
    const uint64_t now = uint64_t(QDateTime::currentMSecsSinceEpoch()) * 1000000u;
    m_writer.writeStatistics(0, now, s);
}

bool SavedCapture::finish(QString *error)
{
    if (m_finished)
        return true;
    m_finished = true;
    if (!m_writer.flush()) {
        *error = QStringLiteral("writing the capture failed: %1").arg(m_sink->error());
        return false;
    }
    m_sha256 = m_hash.finalHex();
    return m_sink->finish(m_sha256, error);
}

} // namespace packetlens
