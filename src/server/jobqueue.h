// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

class QThread;

namespace packetlens {

class HistoryStore;

// A bounded pool of worker threads for the REST server: each worker opens its
// own HistoryStore connection (Qt 6.4 forbids sharing one across threads) and
// runs jobs one after another. submit() refuses when the queue is full, so the
// server answers 503 instead of piling work up.
class JobQueue
{
public:
    // store is null when the worker could not open the database (why says so).
    using Job = std::function<void(HistoryStore *store, const QString &why)>;

    JobQueue(const QString &dbPath, int workers, int maxQueued);
    ~JobQueue(); // stop()
    JobQueue(const JobQueue &) = delete;
    JobQueue &operator=(const JobQueue &) = delete;

    // Accepted while fewer than workers + maxQueued jobs are running or waiting.
    bool submit(Job job);
    // Drops the jobs not started, waits for the running ones (make them
    // return early, e.g. with a cancel flag) and joins the workers.
    void stop();
    int queued() const;
    // A job found its connection gone (the database deleted or replaced, a
    // PostgreSQL restart): every worker of every pool of the process closes
    // its connection before its next job. Called by the job itself before it
    // answers, so that a client's next request already finds no worker
    // holding the old database.
    static void reconnectEverywhere();

private:
    void run();
    // Waits for a job or for a request to reconnect; false when stopping.
    bool nextJob(Job &job, int &generation, bool &reconnect);
    // Every worker of every pool of the process closes its connection.
    void reconnectAll(int &generation);

    const QString m_dbPath;
    const int m_workers;
    const int m_maxQueued;
    int m_busy = 0; // jobs being run
    // Standard (pthread) primitives rather than QMutex/QWaitCondition: the
    // wait's unlock and relock happen in libpthread, which ThreadSanitizer
    // sees, while Debian's Qt is not built with it (make check-tsan).
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    int m_generation = 0; // raised when a worker's connection is gone: every worker reconnects
    std::vector<std::unique_ptr<QThread>> m_threads;
};

} // namespace packetlens
