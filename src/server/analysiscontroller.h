// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "servercontext.h"

#include "core/report/report.h"

#include <QHash>
#include <QObject>

#include <memory>

namespace packetlens {

// GET /analysis/{file_id}, GET /reports/{file_id} (and /report/), and the
// analysis side of DELETE /files/{file_id}. Lives on the server thread: it
// knows the analyses it queued or runs (their progress is read from memory),
// asks a worker for everything in the history, and starts an analysis on the
// analysis pool when a capture has none. The analysis itself is
// analyzeAndRecord() of the core.
class AnalysisController : public QObject
{
public:
    enum class Want { Status, ReportJson, ReportHtml, ReportZip };

    explicit AnalysisController(const ServerContext &context, QObject *parent = nullptr);
    ~AnalysisController() override;

    // entry: 1-based, one capture of a zip that holds several (0: the last
    // analyzed, as the history shows it).
    void get(const QString &fileId, Want want, const QString &language, int entry, quint64 replyId);
    void remove(const QString &fileId, quint64 replyId);
    void cancelAll();

private:
    struct Active;
    // attempt > 1: the analysis again, after a connection found the history
    // database gone (replaced, a server restart) and every worker reconnected.
    void start(const CaptureStore::Record &record, quint64 replyId, int attempt = 1);
    void finished(const QString &fileId, const std::optional<ApiResponse> &failure);
    void retry(const QString &fileId);
    static ApiResponse progressResponse(const QString &fileId, const Active &a);

    const ServerContext &m_context;
    QHash<QString, std::shared_ptr<Active>> m_active;     // by file_id
    QHash<QString, ApiResponse> m_unrecordedFailures;     // failures the history could not record
};

// A short summary of a report for GET /analysis.
QJsonObject reportSummary(const Report &report);

} // namespace packetlens
