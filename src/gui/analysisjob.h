#pragma once

#include "analysisworker.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

namespace packetlens::gui {

// One analysis in flight: the worker on its own thread, the spool of packet
// bytes, and the address table that batches extend. Lives on the GUI thread.
class AnalysisJob : public QObject
{
    Q_OBJECT
public:
    AnalysisJob(const AnalysisJobSpec &spec, QObject *parent = nullptr);
    ~AnalysisJob() override;
    bool start(QString *error);
    void cancel();
    const AnalysisJobSpec &spec() const { return m_spec; }
    std::shared_ptr<const PacketSpool> spool() const { return m_spool; }
    const QStringList &addresses() const { return m_addresses; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

signals:
    void batchReady(int entry, const packetlens::gui::PacketBatch &batch);
    void progress(const QString &name, quint64 packets, quint64 position, quint64 total);
    void reportsFromHistory(const QList<packetlens::gui::EntryResult> &entries);
    void finished(const QList<packetlens::gui::EntryResult> &entries, bool fromHistory, const QString &historyError);
    void requestRun(const packetlens::gui::AnalysisJobSpec &spec);

private:
    AnalysisJobSpec m_spec;
    std::shared_ptr<PacketSpool> m_spool;
    QThread m_thread;
    AnalysisWorker *m_worker = nullptr;
    QStringList m_addresses;
    QElapsedTimer m_clock;
};

} // namespace packetlens::gui
