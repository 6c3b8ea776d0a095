// SPDX-License-Identifier: GPL-3.0-or-later
#include "jobqueue.h"

#include "core/history/historystore.h"

#include <QThread>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace packetlens {

JobQueue::JobQueue(const QString &dbPath, int workers, int maxQueued)
    : m_dbPath(dbPath), m_workers(std::max(workers, 1)), m_maxQueued(std::max(maxQueued, 0))
{
    for (int i = 0; i < m_workers; ++i) {
        m_threads.emplace_back(QThread::create([this] { run(); }));
        m_threads.back()->setObjectName(QStringLiteral("rest-worker"));
        m_threads.back()->start();
    }
}

JobQueue::~JobQueue()
{
    stop();
}

bool JobQueue::submit(Job job)
{
    QMutexLocker lock(&m_mutex);
    if (m_stopping || int(m_jobs.size()) + m_busy >= m_workers + m_maxQueued)
        return false;
    m_jobs.push_back(std::move(job));
    m_wake.wakeOne();
    return true;
}

void JobQueue::stop()
{
    std::deque<Job> dropped;
    {
        QMutexLocker lock(&m_mutex);
        m_stopping = true;
        dropped.swap(m_jobs);
        m_wake.wakeAll();
    }
    dropped.clear(); // outside the lock: jobs' captures may be large
    for (auto &t : m_threads)
        t->wait();
    m_threads.clear();
}

int JobQueue::queued() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_jobs.size());
}

void JobQueue::run()
{
    // Opened lazily by the first job and closed when the worker ends, both on
    // this thread.
    std::unique_ptr<HistoryStore> store;
    QString why;
    for (;;) {
        Job job;
        {
            QMutexLocker lock(&m_mutex);
            while (!m_stopping && m_jobs.empty())
                m_wake.wait(&m_mutex);
            if (m_stopping)
                return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            ++m_busy;
        }
        if (!store) {
            store = std::make_unique<HistoryStore>(m_dbPath);
            if (!store->open(&why))
                store.reset();
        }
        job(store.get(), why);
        job = nullptr; // its captures (an upload's bytes) go now
        // A connection the database server dropped (a PostgreSQL restart) is
        // not reused: the next job connects again.
        if (store && !store->isOpen())
            store.reset();
        bool idle = false, queueEmpty = false;
        {
            QMutexLocker lock(&m_mutex);
            --m_busy;
            queueEmpty = m_jobs.empty();
            idle = queueEmpty && m_busy == 0;
        }
        // Nothing waits for this worker: its database connection gives back
        // its page cache (every idle worker does this for its own connection).
        if (queueEmpty && store)
            store->releaseMemory();
#ifdef __GLIBC__
        // Uploads and analyses free large blocks; when the pool falls idle,
        // give the freed memory back to the system so that the server
        // returns to its baseline after a burst.
        if (idle)
            malloc_trim(0);
#endif
    }
}

} // namespace packetlens
