// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappedfile.h"

#include "databasefiles.h"

#include <QFile>

#include <atomic>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace packetlens {

namespace {
// The mappings the SIGBUS handler may repair. A fixed table read with atomics
// only, so the handler takes no lock.
constexpr int kSlots = 64;
struct Slot
{
    std::atomic<uintptr_t> start{0};
    std::atomic<uintptr_t> end{0};
    std::atomic<uintptr_t> shrunkFrom{0}; // first address mapped to zeros (0: none)
};
Slot g_slots[kSlots];
std::mutex g_install;
bool g_installed = false;
struct sigaction g_previous {};

void onSigbus(int sig, siginfo_t *info, void *ctx)
{
    const auto addr = reinterpret_cast<uintptr_t>(info->si_addr);
    for (Slot &s : g_slots) {
        const uintptr_t start = s.start.load(std::memory_order_acquire);
        const uintptr_t end = s.end.load(std::memory_order_acquire);
        if (start && addr >= start && addr < end) {
            const uintptr_t page = uintptr_t(sysconf(_SC_PAGESIZE));
            const uintptr_t from = addr / page * page;
            // Zero pages from the fault to the end: the faulting read is retried and sees 0.
            if (mmap(reinterpret_cast<void *>(from), end - from, PROT_READ, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS,
                     -1, 0) != MAP_FAILED) {
                // Two threads may fault on different pages: keep the lower.
                uintptr_t seen = s.shrunkFrom.load(std::memory_order_acquire);
                while ((seen == 0 || from < seen)
                       && !s.shrunkFrom.compare_exchange_weak(seen, from, std::memory_order_acq_rel)) {
                }
                return;
            }
        }
    }
    // Not ours: behave as before.
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) {
            g_previous.sa_sigaction(sig, info, ctx);
            return;
        }
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(sig);
        return;
    }
    signal(SIGBUS, SIG_DFL);
    raise(SIGBUS);
}

int claimSlot(uintptr_t start, uintptr_t end)
{
    std::lock_guard<std::mutex> lock(g_install);
    if (!g_installed) {
        struct sigaction sa {};
        sa.sa_sigaction = onSigbus;
        sa.sa_flags = SA_SIGINFO | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        if (sigaction(SIGBUS, &sa, &g_previous) != 0)
            return -1;
        g_installed = true;
    }
    for (int i = 0; i < kSlots; ++i) {
        if (g_slots[i].start.load() == 0) {
            g_slots[i].shrunkFrom.store(0);
            g_slots[i].end.store(end);
            g_slots[i].start.store(start, std::memory_order_release);
            return i;
        }
    }
    return -1;
}

void freeSlot(int i)
{
    std::lock_guard<std::mutex> lock(g_install);
    g_slots[i].start.store(0, std::memory_order_release);
    g_slots[i].end.store(0);
}
} // namespace

MappedFile::~MappedFile()
{
    if (m_slot >= 0)
        freeSlot(m_slot);
    if (m_data)
        munmap(const_cast<uint8_t *>(m_data), size_t(m_size));
    if (m_fd >= 0)
        ::close(m_fd);
}

bool MappedFile::open(const QString &path)
{
    if (DatabaseFiles::isInUse(path))
        return false;
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct stat st {};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size <= 0) {
        ::close(fd);
        return false;
    }
    void *m = mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED) {
        ::close(fd);
        return false;
    }
    const auto start = reinterpret_cast<uintptr_t>(m);
    m_slot = claimSlot(start, start + uintptr_t(st.st_size));
    if (m_slot < 0) { // no protection available: do not map (the caller reads another way)
        munmap(m, size_t(st.st_size));
        ::close(fd);
        return false;
    }
    m_fd = fd; // kept to learn the new size if the file is cut short
    m_data = static_cast<const uint8_t *>(m);
    m_size = uint64_t(st.st_size);
    madvise(m, size_t(m_size), MADV_SEQUENTIAL);
    return true;
}

uint64_t MappedFile::intactBytes() const
{
    const uintptr_t from = m_slot >= 0 ? g_slots[m_slot].shrunkFrom.load(std::memory_order_acquire) : 0;
    if (!from)
        return m_size;
    // Below the first page that faulted, and within the file as it is now
    // (the rest of its last page reads as zeros without a fault).
    uint64_t intact = uint64_t(from - reinterpret_cast<uintptr_t>(m_data));
    struct stat st {};
    if (m_fd >= 0 && fstat(m_fd, &st) == 0 && uint64_t(st.st_size) < intact)
        intact = uint64_t(st.st_size);
    return intact;
}

FileStamp MappedFile::stamp() const
{
    return FileStamp::ofDescriptor(m_fd);
}

bool MappedFile::shrank() const
{
    return m_slot >= 0 && g_slots[m_slot].shrunkFrom.load(std::memory_order_acquire) != 0;
}

void MappedFile::release(uint64_t from, uint64_t to)
{
    const uint64_t page = uint64_t(sysconf(_SC_PAGESIZE));
    from = (from + page - 1) / page * page;
    to = std::min(to, m_size) / page * page;
    if (m_data && to > from)
        madvise(const_cast<uint8_t *>(m_data) + from, size_t(to - from), MADV_DONTNEED);
}

void MappedFile::consumed(uint64_t from, uint64_t to)
{
    if (!stewarded()) {
        release(from, to);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(m_progressLock);
        m_consumed = to;
    }
    m_progressed.notify_one();
    // Ahead of a slow steward: drop the pages anyway (it maps them in again
    // when it gets there), so that memory stays bounded either way.
    if (to > m_walked.load(std::memory_order_acquire) + m_ahead.load(std::memory_order_relaxed))
        release(from, to);
}

void MappedFile::finishConsumer()
{
    {
        std::lock_guard<std::mutex> lock(m_progressLock);
        m_consumerDone = true;
    }
    m_progressed.notify_one();
}

uint64_t MappedFile::waitForConsumer(uint64_t past, const std::atomic<bool> *stop)
{
    std::unique_lock<std::mutex> lock(m_progressLock);
    // Timed, so a stop request is seen even if the consumer never reports again.
    while (!m_consumerDone && m_consumed <= past && !(stop && stop->load(std::memory_order_relaxed)))
        m_progressed.wait_for(lock, std::chrono::milliseconds(20));
    return m_consumerDone ? m_size : m_consumed;
}

void MappedFile::populate(uint64_t from, uint64_t to)
{
#ifdef MADV_POPULATE_READ
    // One call maps the whole chunk (Linux >= 5.14); otherwise the first
    // touch of each page faults it in.
    madvise(const_cast<uint8_t *>(m_data) + from, size_t(to - from), MADV_POPULATE_READ);
#else
    (void)from;
    (void)to;
#endif
}

bool MappedFile::steward(const std::function<void(const uint8_t *, size_t)> &eachChunk,
                         const std::atomic<bool> *stop, uint64_t ahead)
{
    constexpr uint64_t kChunk = 4u << 20;
    const uint64_t page = uint64_t(sysconf(_SC_PAGESIZE));
    m_ahead.store(ahead, std::memory_order_relaxed);
    auto stopped = [&] { return stop && stop->load(std::memory_order_relaxed); };
    uint64_t readerAt = 0, released = 0; // the consumer's reported position
    auto releaseBehind = [&](uint64_t limit) {
        const uint64_t to = limit / page * page;
        if (to > released) {
            release(released, to);
            released = to;
        }
    };
    bool ok = true;
    for (uint64_t off = 0; off < m_size; off += kChunk) {
        while (stewarded() && off > readerAt + ahead && !stopped())
            readerAt = waitForConsumer(readerAt, stop);
        if (stopped()) {
            ok = false;
            break;
        }
        const uint64_t n = std::min(kChunk, m_size - off);
        // Map the next chunk in too, so the consumer keeps finding its pages
        // mapped even when this thread is briefly descheduled.
        if (off == 0)
            populate(0, n);
        if (off + n < m_size)
            populate(off + n, std::min(off + n + kChunk, m_size));
        eachChunk(m_data + off, size_t(n));
        m_walked.store(off + n, std::memory_order_release);
        {
            std::lock_guard<std::mutex> lock(m_progressLock);
            readerAt = m_consumerDone || !stewarded() ? m_size : m_consumed;
        }
        releaseBehind(std::min(off + n, readerAt));
    }
    // Hashing done: keep dropping what the consumer has read until it ends.
    while (ok && stewarded() && readerAt < m_size && !stopped()) {
        readerAt = waitForConsumer(readerAt, stop);
        releaseBehind(readerAt);
    }
    releaseBehind(ok ? readerAt : released);
    setStewarded(false);
    return ok;
}

} // namespace packetlens
