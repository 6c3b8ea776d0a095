// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobqueue.h"

#include "core/history/historystore.h"
#include "core/util/heaptrim.h"
#include "core/util/sha256.h"

#include <QThread>

namespace packetlens {

namespace {
// Every pool of the process (the server has one for requests and one for
// analyses): a connection found gone makes all of them reconnect, since SQLite
// gets a new database at the path only once no connection of the process
// holds the old one.
std::mutex g_poolsMutex;
std::vector<JobQueue *> g_pools;
} // namespace

JobQueue::JobQueue(const QString &dbPath, int workers, int maxQueued)
    : m_dbPath(dbPath), m_workers(std::max(workers, 1)), m_maxQueued(std::max(maxQueued, 0))
{
    {
        std::lock_guard lock(g_poolsMutex);
        g_pools.push_back(this);
    }
    for (int i = 0; i < m_workers; ++i) {
        m_threads.emplace_back(QThread::create([this] { run(); }));
        m_threads.back()->setObjectName(QStringLiteral("rest-worker"));
        m_threads.back()->start();
    }
}

JobQueue::~JobQueue()
{
    stop();
    std::lock_guard lock(g_poolsMutex);
    std::erase(g_pools, this);
}

bool JobQueue::submit(Job job)
{
    std::lock_guard lock(m_mutex);
    if (m_stopping || int(m_jobs.size()) + m_busy >= m_workers + m_maxQueued)
        return false;
    m_jobs.push_back(std::move(job));
    m_wake.notify_one();
    return true;
}

void JobQueue::stop()
{
    std::deque<Job> dropped;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        dropped.swap(m_jobs);
        m_wake.notify_all();
    }
    dropped.clear(); // outside the lock: jobs' captures may be large
    for (auto &t : m_threads)
        t->wait();
    m_threads.clear();
}

int JobQueue::queued() const
{
    std::lock_guard lock(m_mutex);
    return int(m_jobs.size());
}

bool JobQueue::nextJob(Job &job, int &generation, bool &reconnect)
{
    std::unique_lock lock(m_mutex);
    m_wake.wait(lock, [&] { return m_stopping || !m_jobs.empty() || generation != m_generation; });
    if (m_stopping)
        return false;
    reconnect = generation != m_generation;
    generation = m_generation;
    if (!m_jobs.empty()) {
        job = std::move(m_jobs.front());
        m_jobs.pop_front();
        ++m_busy;
    }
    return true;
}

void JobQueue::reconnectAll(int &generation)
{
    reconnectEverywhere();
    std::lock_guard lock(m_mutex);
    generation = m_generation;
}

void JobQueue::reconnectEverywhere()
{
    std::lock_guard pools(g_poolsMutex);
    for (JobQueue *q : g_pools) {
        std::lock_guard lock(q->m_mutex);
        ++q->m_generation;
        q->m_wake.notify_all();
    }
}

void JobQueue::run()
{
    // Last, on this thread: its OpenSSL state (libpq's random generator)
    // goes before stop()'s wait() returns (see Sha256::threadEnds).
    struct EndsCrypto
    {
        ~EndsCrypto() { Sha256::threadEnds(); }
    } endsCrypto;
    // Opened lazily by the first job and closed when the worker ends, both on
    // this thread.
    std::unique_ptr<HistoryStore> store;
    QString why;
    int generation = 0;
    for (;;) {
        Job job;
        bool reconnect = false;
        if (!nextJob(job, generation, reconnect))
            return;
        if (reconnect)
            store.reset(); // another worker found the database gone: this connection closes too
        if (!job)
            continue;
        if (!store) {
            store = std::make_unique<HistoryStore>(m_dbPath);
            if (!store->open(&why)) { // the others' connections may be what stands in the way
                store.reset();
                reconnectAll(generation);
            }
        }
        job(store.get(), why);
        job = nullptr; // its captures (an upload's bytes) go now
        // A connection the database server dropped (a PostgreSQL restart), or
        // an SQLite file deleted or replaced under it, is not reused: every
        // worker connects again (SQLite: a new database at the path is made
        // only once no connection of this process holds the old one).
        if (store && !store->isOpen()) {
            store.reset();
            reconnectAll(generation);
        }
        bool idle = false, queueEmpty = false;
        {
            std::lock_guard lock(m_mutex);
            --m_busy;
            queueEmpty = m_jobs.empty();
            idle = queueEmpty && m_busy == 0;
        }
        // Nothing waits for this worker: its database connection gives back
        // its page cache (every idle worker does this for its own connection).
        if (queueEmpty && store)
            store->releaseMemory();
        // Uploads and analyses free large blocks; when the pool falls idle,
        // give the freed memory back to the system so that the server
        // returns to its baseline after a burst.
        if (idle)
            giveBackFreeMemory();
    }
}

} // namespace packetlens
