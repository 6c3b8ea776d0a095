// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

#include <sys/types.h>

namespace packetlens {

// The capture helper as a child process: its standard output is the pcapng
// stream (read by the live session through outputFd()), its standard input
// is kept open while the capture should go on (closing it asks it to stop),
// its standard error holds its one error line. No Qt event loop is needed:
// the session thread reads the pipe itself.
class HelperProcess
{
public:
    HelperProcess() = default;
    ~HelperProcess(); // kills the helper if it still runs
    HelperProcess(const HelperProcess &) = delete;
    HelperProcess &operator=(const HelperProcess &) = delete;

    bool start(const QString &program, const QStringList &arguments, QString *error);
    int outputFd() const { return m_out; }
    // Waits up to timeoutMs until the helper has written its first bytes
    // (the device is open) or has ended; true when bytes are there.
    bool waitForOutput(int timeoutMs) const;
    // Asks the helper to stop: closes its standard input. Only the thread
    // that reads its output calls this (the descriptor is never touched by
    // a second thread; a stop asked elsewhere is a flag that thread sees).
    void closeInput();
    void kill();
    // Waits for the helper to end (after its output ended; killed after
    // timeoutMs) and returns its exit code, -1 when it was killed by a signal.
    int wait(int timeoutMs);
    // Its standard error so far.
    QString errorOutput();
    bool running() const { return m_pid > 0; }

private:
    pid_t m_pid = -1;
    int m_in = -1, m_out = -1, m_err = -1;
    QByteArray m_errText;
};

} // namespace packetlens
