// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "addresstable.h"
#include "packetrecord.h"

#include "core/live/livetypes.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace packetlens {
class LiveSession;
}

namespace packetlens::gui {

class AnalysisWorker;
class CaptureTab;
class PacketSpool;

struct LiveJobSpec
{
    LiveOptions live;
    QString savePath; // where the pcapng goes (the app-data folder's live/ unless the user said)
    QString dbPath;   // history database; empty: none
};

// One live capture in the app: the core's LiveSession (the capture helper
// and the one analysis engine on the session's thread) with the app's packet
// observer (AnalysisWorker's: packet bytes to the spool, records to the tab in
// batches, flushed ten times a second). Statistics, findings and the end
// reach the GUI thread queued. At the end the capture is recorded in the
// history, on the session's thread, before `ended` is emitted.
class LiveJob : public QObject, public LiveObserver
{
    Q_OBJECT
public:
    explicit LiveJob(const LiveJobSpec &spec, QObject *parent = nullptr);
    ~LiveJob() override; // stops and waits
    // Opens the spool and the saved file and starts the capture; false with
    // the error (LiveError) and a message that says what to do.
    bool start(LiveError *error, QString *message);
    void stop();
    bool running() const;
    const LiveJobSpec &spec() const { return m_spec; }
    std::shared_ptr<const PacketSpool> spool() const;
    std::shared_ptr<const AddressTable> addresses() const { return m_addresses; }
    void attach(CaptureTab *tab); // the tab that gets the packet batches

signals:
    void statsReady(const packetlens::LiveStats &stats);
    void findingRaised(const packetlens::ReportFinding &finding, int timeDigits);
    // analysisId: the history row (-1 with historyError when not recorded).
    void ended(const packetlens::LiveResult &result, qint64 analysisId, const QString &historyError);

private:
    void onLiveTick() override;
    void onLiveStats(const LiveStats &s) override { emit statsReady(s); }
    void onLiveFinding(const ReportFinding &f, int timeDigits) override { emit findingRaised(f, timeDigits); }
    void onLiveEnded(const LiveResult &r) override;
    void deliver(const PacketBatch &batch);

    LiveJobSpec m_spec;
    std::shared_ptr<PacketSpool> m_spool;
    std::shared_ptr<AddressTable> m_addresses = std::make_shared<AddressTable>();
    std::unique_ptr<AnalysisWorker> m_worker; // used as the session's packet listener only
    std::unique_ptr<LiveSession> m_session;
    QPointer<CaptureTab> m_tab;
};

} // namespace packetlens::gui

Q_DECLARE_METATYPE(packetlens::LiveStats)
Q_DECLARE_METATYPE(packetlens::LiveResult)
Q_DECLARE_METATYPE(packetlens::ReportFinding)
