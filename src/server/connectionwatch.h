// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"
#include "uploadgate.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

class QTcpSocket;

namespace packetlens {

class GateState;
struct RequestHead;
struct Route;
struct UploadCharge;

// Watches one connection for as long as it lives (a child of its socket).
//
// It decides how many bytes Qt may read from the kernel (the socket's read
// buffer size): QHttpServer reads whatever is buffered, so it never gets
// more than the one request being handled — the head up to its blank line
// (found by peeking at the kernel's buffer), then the body up to its
// Content-Length (for uploads, as far as the budget allows). Pipelined
// requests stay in the kernel until the answer to the previous one is
// written, so answers keep their order and a refusal never overtakes them.
//
// Each head is parsed and checked (Host, Origin, route, method, key,
// Content-Length, the upload budget) before its body is read, and refused
// from the headers alone. Deadlines: the first head from the connection's
// start (later ones from their first byte), a body by stall and minimum
// rate, a kept-alive connection by idleness. A connection closes with a
// lingering close: the answer out, what the client still sends read and
// dropped (a refused body as far as it was declared), then FIN.
class ConnectionWatch : public QObject
{
public:
    ConnectionWatch(QTcpSocket *socket, UploadGate *gate, std::shared_ptr<GateState> state);
    ~ConnectionWatch() override;

    static ConnectionWatch *of(QTcpSocket *socket);

    // For the server, about the request QHttpServer is handling.
    UploadGate::Ticket ticket() const;
    QElapsedTimer started() const { return m_requestStarted; }
    bool closeRequested() const { return m_closeAfterAnswer; }
    void answerWritten(bool close);

    // For GateState.
    int evictionRank() const; // lowest first; -1: never
    qint64 ageMs() const { return m_opened.elapsed(); }
    void evict();
    qint64 uploadOrder() const { return m_uploadOrder; }
    qint64 creditWanted() const;
    void credit(qint64 bytes);

    // For UploadGate::handOver().
    void setReemitting(bool on) { m_reemitting = on; }

private:
    enum class Phase { Head, Body, Answering, Closing };

    void onReadyRead();
    bool feed(const QByteArray &bytes);
    bool feedHead(const QByteArray &bytes, qsizetype *pos);
    void feedBody(const QByteArray &bytes, qsizetype *pos);
    bool headComplete();
    std::optional<ApiResponse> check(const RequestHead &h, const Route **route) const;
    bool admitUpload(const RequestHead &h);
    void requestComplete();
    void askCredit();

    void pace();
    qint64 aheadInKernel(qint64 max, QByteArray *out) const;
    void arm();
    qint64 msLeft() const;
    qint64 bodyActiveMs() const;
    void onTimeout();
    bool aheadStuck();

    bool refuse(ApiResponse r, qint64 bodyToDrain);
    void startClosing(qint64 bodyToDrain);
    void drain();
    void shutdownWhenSent();

    QTcpSocket *m_socket;
    QPointer<UploadGate> m_gate;
    std::shared_ptr<GateState> m_state;
    QTimer m_timer;
    QElapsedTimer m_opened, m_phaseClock, m_lastByte, m_requestStarted, m_bodyRun;
    Phase m_phase = Phase::Head;
    QByteArray m_head, m_method;
    QString m_path;
    qint64 m_headLen = 0, m_bodyLeft = 0, m_bodyReceived = 0, m_credit = 0, m_bodyActiveMs = 0;
    // A deadline put off for bytes waiting in the kernel: how much of the
    // body had been read then, and how many times in a row nothing more was.
    qint64 m_aheadMark = -1;
    int m_aheadWaits = 0;
    qint64 m_fed = 0, m_drainLeft = 0, m_drained = 0, m_drainCap = 0, m_uploadOrder = 0;
    bool m_handedOver = false, m_reemitting = false, m_shutdown = false, m_keyed = false;
    bool m_firstRequest = true, m_closeAfterAnswer = false, m_upload = false;
    bool m_upgrade = false;  // the head asks for the live WebSocket
    bool m_upgraded = false; // handed to QHttpServer's WebSocket server: no longer paced or timed
    std::shared_ptr<UploadCharge> m_ticket;
};

} // namespace packetlens
