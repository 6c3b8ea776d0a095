// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/live/livetypes.h"

#include <QFile>
#include <QString>

#include <memory>

namespace packetlens::cli {

// What `packetlens-cli live` shows while it captures, told by the session on
// its thread: on a terminal one status line redrawn each second (standard
// error) and the findings as they fire (standard output); with --json-lines
// the same events as the REST server's WebSocket, one JSON object a line.
class LiveTerminal : public LiveObserver
{
public:
    struct Options
    {
        QString source;          // interface or "standard input"
        QString jsonLines;       // PATH, "-" (standard output) or empty
        bool findingsToStdout = true;
        bool quiet = false;
    };
    explicit LiveTerminal(const Options &o);
    bool open(QString *error); // the --json-lines file

    void onLiveStats(const LiveStats &s) override;
    void onLiveFinding(const ReportFinding &f, int timeDigits) override;
    void onLivePackets(const std::vector<LivePacketLine> &lines) override;
    void onLiveEnded(const LiveResult &r) override;
    void clearStatus();
    // After the session: its "end" event (with what the history made of it).
    void writeEnd(const QJsonObject &event) { writeLine(event); }
    const LiveResult &result() const { return m_result; }

private:
    void writeLine(const QJsonObject &event);

    Options m_options;
    bool m_statusLine = false; // standard error is a terminal
    bool m_dirty = false;
    std::unique_ptr<QFile> m_json;
    LiveResult m_result;
};

} // namespace packetlens::cli
