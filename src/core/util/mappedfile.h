// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "filestamp.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>

namespace packetlens {

// A regular file mapped read-only. If another program cuts the file short
// while it is mapped, touching a page past the new end would kill the
// process with SIGBUS; a process-wide handler instead maps zero pages over
// the rest of the mapping and marks it shrunk, so the reader sees zeros,
// checks shrank() and stops with a message. Pages already read can be
// dropped from the resident set (release), keeping RSS flat on large files.
class MappedFile
{
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    // False when the path is not a regular, non-empty file that can be mapped.
    bool open(const QString &path);
    const uint8_t *data() const { return m_data; }
    uint64_t size() const { return m_size; }
    bool shrank() const;
    // The mapped file's identity, size and modification time now (it may
    // have been written to, or renamed away, since it was mapped).
    FileStamp stamp() const;
    // Bytes from the start still backed by the file (size() unless it shrank;
    // once it has, the file's size now, at most up to the first zero page).
    uint64_t intactBytes() const;
    // Drops [from, to) (rounded to pages) from the resident set.
    void release(uint64_t from, uint64_t to);

    // One mapping read by two threads: the consumer (the packet reader) and a
    // steward running ahead of it (the file hash), which maps each chunk in
    // before the consumer gets there and drops the chunks the consumer has
    // passed, so page faults and unmapping cost the consumer's thread nothing.
    // Consumer side: done with [from, to). Released now, or by the steward
    // once it has passed it too.
    bool stewarded() const { return m_stewarded.load(std::memory_order_acquire); }
    void consumed(uint64_t from, uint64_t to);
    void finishConsumer(); // read to its end or stopped; also from its destructor
    // Steward side: set stewarded (before the consumer starts), then walk the
    // file in chunks given to eachChunk, staying at most `ahead` bytes before
    // the consumer; after the last chunk keep releasing until the consumer
    // finishes. False if stopped early (the consumer then releases itself).
    bool steward(const std::function<void(const uint8_t *, size_t)> &eachChunk, const std::atomic<bool> *stop,
                 uint64_t ahead = 8u << 20);
    void setStewarded(bool on) { m_stewarded.store(on, std::memory_order_release); }

private:
    uint64_t waitForConsumer(uint64_t past, const std::atomic<bool> *stop);
    void populate(uint64_t from, uint64_t to);

    const uint8_t *m_data = nullptr;
    uint64_t m_size = 0;
    int m_slot = -1; // in the handler's table
    int m_fd = -1;
    std::atomic<bool> m_stewarded{false};
    std::atomic<uint64_t> m_walked{0}; // the steward's position
    std::atomic<uint64_t> m_ahead{0};  // its lead over the consumer
    std::mutex m_progressLock;
    std::condition_variable m_progressed;
    uint64_t m_consumed = 0;     // guarded by m_progressLock
    bool m_consumerDone = false; // likewise
};

} // namespace packetlens
