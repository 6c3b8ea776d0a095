#include "analysisjob.h"

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
}

AnalysisJob::~AnalysisJob()
{
    cancel();
    m_thread.quit();
    m_thread.wait();
}

bool AnalysisJob::start(QString *error)
{
    if (!m_spool->open(error))
        return false;
    m_worker = new AnalysisWorker(m_spool);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &AnalysisJob::requestRun, m_worker, &AnalysisWorker::run);
    connect(m_worker, &AnalysisWorker::packetsReady, this, [this](const PacketBatch &b) {
        m_addresses.append(b.newAddresses);
        emit batchReady(b.entry, b);
    });
    connect(m_worker, &AnalysisWorker::progress, this, &AnalysisJob::progress);
    connect(m_worker, &AnalysisWorker::reportsFromHistory, this,
            [this](const QList<EntryResult> &entries, qint64) { emit reportsFromHistory(entries); });
    connect(m_worker, &AnalysisWorker::finished, this,
            [this](const QList<EntryResult> &entries, bool fromHistory, const QString &historyError) {
                emit finished(entries, fromHistory, historyError);
            });
    m_thread.setObjectName(QStringLiteral("analysis"));
    m_thread.start();
    m_clock.start();
    emit requestRun(m_spec);
    return true;
}

void AnalysisJob::cancel()
{
    if (m_worker)
        m_worker->cancel();
}

} // namespace packetlens::gui
