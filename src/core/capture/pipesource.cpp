// SPDX-License-Identifier: GPL-3.0-or-later
#include "pipesource.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

namespace packetlens {

PipeSource::PipeSource(int fd, std::function<void()> idle, int idleMs, const std::atomic<bool> *stop)
    : m_fd(fd), m_idle(std::move(idle)), m_idleMs(idleMs), m_stop(stop)
{
}

void PipeSource::enlarge(int fd, int bytes)
{
#ifdef F_SETPIPE_SZ
    ::fcntl(fd, F_SETPIPE_SZ, bytes);
#endif
}

int64_t PipeSource::read(uint8_t *buf, int64_t n)
{
    for (;;) {
        if (m_stop && m_stop->load())
            return 0;
        pollfd p{m_fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, m_idleMs);
        if (ready < 0 && errno != EINTR) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return -1;
        }
        if (ready <= 0) {
            if (m_idle)
                m_idle();
            continue;
        }
        const ssize_t got = ::read(m_fd, buf, size_t(n));
        if (got < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (got < 0) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return -1;
        }
        m_pos += uint64_t(got);
        return got;
    }
}

} // namespace packetlens
