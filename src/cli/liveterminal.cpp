// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveterminal.h"

#include "core/live/liveevents.h"
#include "core/util/format.h"

#include <QJsonDocument>

#include <cstdio>
#include <unistd.h>

namespace packetlens::cli {

namespace {
QString elapsedText(double s)
{
    const qint64 t = qint64(s);
    return QStringLiteral("%1:%2:%3").arg(t / 3600, 2, 10, QLatin1Char('0')).arg(t / 60 % 60, 2, 10, QLatin1Char('0')).arg(t % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

LiveTerminal::LiveTerminal(const Options &o) : m_options(o), m_statusLine(!o.quiet && isatty(STDERR_FILENO)) {}

bool LiveTerminal::open(QString *error)
{
    if (m_options.jsonLines.isEmpty())
        return true;
    m_json = std::make_unique<QFile>();
    const bool ok = m_options.jsonLines == QLatin1String("-") ? m_json->open(stdout, QIODevice::WriteOnly | QIODevice::Unbuffered)
                                                             : (m_json->setFileName(m_options.jsonLines), m_json->open(QIODevice::WriteOnly | QIODevice::Truncate));
    if (!ok)
        *error = QStringLiteral("cannot write --json-lines %1: %2").arg(m_options.jsonLines, m_json->errorString());
    return ok;
}

void LiveTerminal::writeLine(const QJsonObject &event)
{
    if (!m_json)
        return;
    m_json->write(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
    m_json->flush();
}

void LiveTerminal::clearStatus()
{
    if (m_dirty) {
        std::fprintf(stderr, "\r%*s\r", 100, "");
        std::fflush(stderr);
    }
    m_dirty = false;
}

void LiveTerminal::onLiveStats(const LiveStats &s)
{
    writeLine(LiveEvents::stats(s));
    if (!m_statusLine)
        return;
    QString line = QStringLiteral("%1: %2 packets (%3), %4 packets/s, %5/s")
                       .arg(m_options.source).arg(s.packets).arg(humanBytes(double(s.bytes)))
                       .arg(qRound64(s.packetsPerS)).arg(humanBytes(s.bytesPerS));
    if (s.hasDropCounts)
        line += QStringLiteral(", %1 dropped").arg(s.kernelDrops + s.interfaceDrops);
    line += QStringLiteral(", %1, %2 finding%3").arg(elapsedText(s.elapsedS)).arg(s.findings).arg(s.findings == 1 ? "" : "s");
    std::fprintf(stderr, "\r%-99.99s", line.toLocal8Bit().constData());
    std::fflush(stderr);
    m_dirty = true;
}

void LiveTerminal::onLiveFinding(const ReportFinding &f, int timeDigits)
{
    writeLine(LiveEvents::finding(f, timeDigits));
    if (!m_options.findingsToStdout || m_options.quiet)
        return;
    clearStatus();
    std::fprintf(stdout, "  %-4s %-9s%-22s%s\n", f.id.toLocal8Bit().constData(), severityName(f.severity).toUpper().toLocal8Bit().constData(),
                 f.category.toLocal8Bit().constData(), f.summary.toLocal8Bit().constData());
    std::fflush(stdout);
}

void LiveTerminal::onLivePackets(const std::vector<LivePacketLine> &lines)
{
    for (const LivePacketLine &l : lines)
        writeLine(LiveEvents::packet(l));
}

void LiveTerminal::onLiveEnded(const LiveResult &r)
{
    clearStatus();
    m_result = r;
}

} // namespace packetlens::cli
