// SPDX-License-Identifier: GPL-3.0-or-later
#include "livejob.h"

#include "analysisworker.h"
#include "capturetab.h"
#include "packetspool.h"

#include "core/history/historystore.h"
#include "core/live/livesession.h"
#include "core/service/liverecord.h"
#include "core/service/recordedanalysis.h"

namespace packetlens::gui {

LiveJob::LiveJob(const LiveJobSpec &spec, QObject *parent)
    : QObject(parent), m_spec(spec), m_spool(std::make_shared<PacketSpool>()), m_worker(std::make_unique<AnalysisWorker>(m_spool))
{
    static const bool registered = [] {
        qRegisterMetaType<PacketBatch>();
        qRegisterMetaType<LiveStats>();
        qRegisterMetaType<LiveResult>();
        qRegisterMetaType<ReportFinding>();
        return true;
    }();
    Q_UNUSED(registered)
    // Emitted on the session's thread; the address table grows before the
    // batch that names the new addresses reaches the tab (queued, in order).
    connect(m_worker.get(), &AnalysisWorker::packetsReady, this, &LiveJob::deliver, Qt::QueuedConnection);
}

LiveJob::~LiveJob()
{
    if (m_session) {
        m_session->stop();
        m_session->wait();
    }
}

bool LiveJob::start(LiveError *error, QString *message)
{
    *error = LiveError::Io;
    if (!m_spool->open(message))
        return false;
    std::unique_ptr<CaptureSink> sink = fileCaptureSink(m_spec.savePath, message);
    if (!sink)
        return false;
    const QString source = m_spec.live.source.interface;
    m_session = std::make_unique<LiveSession>(m_spec.live, std::make_unique<SavedCapture>(std::move(sink), source, m_spec.live.filter),
                                              this);
    m_session->addListener(m_worker.get());
    if (m_session->start(error, message))
        return true;
    m_session.reset();
    return false;
}

void LiveJob::attach(CaptureTab *tab)
{
    m_tab = tab;
}

void LiveJob::stop()
{
    if (m_session)
        m_session->stop();
}

bool LiveJob::running() const
{
    return m_session && m_session->running();
}

std::shared_ptr<const PacketSpool> LiveJob::spool() const
{
    return m_spool;
}

void LiveJob::onLiveTick()
{
    m_worker->flushPending(); // the session's thread, as the packets
}

void LiveJob::onLiveEnded(const LiveResult &r)
{
    m_worker->flushPending();
    qint64 analysisId = -1;
    QString why;
    if (!m_spec.dbPath.isEmpty() && r.report) {
        HistoryStore store(m_spec.dbPath);
        if (store.open(&why))
            analysisId = recordLiveCapture(store, r, analysisSettingsHash(m_spec.live.analyzer), false, &why);
    }
    emit ended(r, analysisId, analysisId >= 0 ? QString() : why);
}

void LiveJob::deliver(const PacketBatch &batch)
{
    m_addresses->append(batch.newAddresses);
    if (m_tab)
        m_tab->addBatch(batch);
}

} // namespace packetlens::gui
