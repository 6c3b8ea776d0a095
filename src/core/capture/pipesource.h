// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"

#include <atomic>
#include <cstdint>
#include <functional>

namespace packetlens {

// A capture arriving through a pipe (the capture helper's output, or
// standard input): read as it comes. While no byte arrives, `idle` is called
// every idleMs, on the reading thread (a live analysis draws its statistics
// then); a set `stop` flag ends the stream at the next wait, as if it had
// ended. Does not own the descriptor.
class PipeSource : public ByteSource
{
public:
    PipeSource(int fd, std::function<void()> idle = {}, int idleMs = 100, const std::atomic<bool> *stop = nullptr);
    int64_t read(uint8_t *buf, int64_t n) override;
    uint64_t progressPosition() const override { return m_pos; }
    uint64_t progressTotal() const override { return 0; }
    // Asks the kernel for a pipe buffer this large (Linux: up to
    // /proc/sys/fs/pipe-max-size, 1 MiB by default for users).
    static void enlarge(int fd, int bytes);

private:
    int m_fd;
    std::function<void()> m_idle;
    int m_idleMs;
    const std::atomic<bool> *m_stop;
    uint64_t m_pos = 0;
};

} // namespace packetlens
