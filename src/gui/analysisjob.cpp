// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisjob.h"

#include "capturetab.h"
#include "packetspool.h"

namespace packetlens::gui {

AnalysisJob::AnalysisJob(const AnalysisJobSpec &spec, QObject *parent)
    : QObject(parent), m_spec(spec), m_spool(std::make_shared<PacketSpool>())
{
    static const bool registered = [] {
        qRegisterMetaType<PacketBatch>();
        qRegisterMetaType<AnalysisJobSpec>();
        qRegisterMetaType<EntryResult>();
        qRegisterMetaType<QList<EntryResult>>();
        return true;
    }();
    Q_UNUSED(registered)
    m_worker = new AnalysisWorker(m_spool);
    // The address table grows before the batch that names the new addresses
    // reaches its tab (this connection is made first, and queued calls from
    // one thread run in order).
    connect(m_worker, &AnalysisWorker::packetsReady, this, &AnalysisJob::deliver);
}

AnalysisJob::~AnalysisJob()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
    if (!m_started)
        delete m_worker; // never moved to its thread (there, deleteLater takes it)
}

bool AnalysisJob::start(QString *error)
{
    if (!m_spool->open(error))
        return false;
    m_worker->moveToThread(&m_thread);
    m_started = true;
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &AnalysisJob::requestRun, m_worker, &AnalysisWorker::run);
    m_thread.setObjectName(QStringLiteral("analysis"));
    m_thread.start();
    m_clock.start();
    emit requestRun(m_spec);
    return true;
}

void AnalysisJob::cancel()
{
    if (m_worker && (m_started ? m_thread.isRunning() : true))
        m_worker->cancel();
}

void AnalysisJob::deliver(const PacketBatch &b)
{
    m_addresses->append(b.newAddresses);
    if (CaptureTab *t = m_tabs.value(b.entry))
        t->addBatch(b);
}

} // namespace packetlens::gui
