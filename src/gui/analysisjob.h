// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "addresstable.h"
#include "analysisworker.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>

namespace packetlens::gui {

class CaptureTab;

// One analysis in flight: the worker on its own thread, the spool of packet
// bytes and the address table its batches extend. Lives on the GUI thread.
// Batches go straight to the tab attached for their capture; the faces
// connect to the worker's other signals themselves.
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
    std::shared_ptr<const AddressTable> addresses() const { return m_addresses; }
    AnalysisWorker *worker() const { return m_worker; }
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    // The tab that shows capture `entry` (a zip holds several) gets its batches.
    void attach(int entry, CaptureTab *tab) { m_tabs.insert(entry, tab); }

signals:
    void requestRun(const packetlens::gui::AnalysisJobSpec &spec);

private:
    void deliver(const PacketBatch &batch);

    AnalysisJobSpec m_spec;
    std::shared_ptr<PacketSpool> m_spool;
    std::shared_ptr<AddressTable> m_addresses = std::make_shared<AddressTable>();
    QThread m_thread;
    AnalysisWorker *m_worker = nullptr;
    QHash<int, QPointer<CaptureTab>> m_tabs;
    bool m_started = false;
    QElapsedTimer m_clock;
};

} // namespace packetlens::gui
