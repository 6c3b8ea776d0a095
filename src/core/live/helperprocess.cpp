// SPDX-License-Identifier: GPL-3.0-or-later
#include "helperprocess.h"
#include "core/report/errortext.h"

#include <QFile>
#include <QThread>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <vector>

extern char **environ;

namespace packetlens {

namespace {
void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}
} // namespace

HelperProcess::~HelperProcess()
{
    if (m_pid > 0) {
        kill();
        wait(0);
    }
    closeFd(m_in);
    closeFd(m_out);
    closeFd(m_err);
}

bool HelperProcess::start(const QString &program, const QStringList &arguments, QString *error)
{
    int in[2], out[2], err[2];
    if (::pipe2(in, O_CLOEXEC) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        ::close(in[0]);
        ::close(in[1]);
        return false;
    }
    const QByteArray path = QFile::encodeName(program);
    std::vector<QByteArray> storage;
    storage.push_back(path);
    for (const QString &a : arguments)
        storage.push_back(a.toLocal8Bit());
    std::vector<char *> argv;
    for (QByteArray &s : storage)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO); // dup2 clears close-on-exec
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err[1], STDERR_FILENO);
    const int rc = posix_spawn(&m_pid, path.constData(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    if (rc != 0) {
        m_pid = -1;
        ::close(in[1]);
        ::close(out[0]);
        ::close(err[0]);
        *error = errorText("error.live.cannot_run", {program, QString::fromLocal8Bit(std::strerror(rc))});
        return false;
    }
    m_in = in[1];
    m_out = out[0];
    m_err = err[0];
    ::fcntl(m_err, F_SETFL, O_NONBLOCK);
    return true;
}

bool HelperProcess::waitForOutput(int timeoutMs) const
{
    pollfd p{m_out, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
        return false;
    int pending = 0;
    return ::ioctl(m_out, FIONREAD, &pending) == 0 && pending > 0;
}

void HelperProcess::closeInput()
{
    closeFd(m_in);
}

void HelperProcess::kill()
{
    if (m_pid > 0)
        ::kill(m_pid, SIGKILL);
}

int HelperProcess::wait(int timeoutMs)
{
    if (m_pid <= 0)
        return -1;
    int status = 0;
    for (int waited = 0;; waited += 10) {
        const pid_t r = ::waitpid(m_pid, &status, WNOHANG);
        if (r == m_pid || (r < 0 && errno != EINTR))
            break;
        if (waited >= timeoutMs)
            ::kill(m_pid, SIGKILL); // then reaped on the next round
        QThread::msleep(10);
    }
    m_pid = -1;
    errorOutput();
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

QString HelperProcess::errorOutput()
{
    char buf[4096];
    for (;;) {
        const ssize_t n = m_err >= 0 ? ::read(m_err, buf, sizeof buf) : 0;
        if (n <= 0)
            break;
        if (m_errText.size() < 65536)
            m_errText.append(buf, n);
    }
    return QString::fromLocal8Bit(m_errText);
}

} // namespace packetlens
