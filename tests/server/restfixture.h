// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the REST server tests share: a server on a free loopback port with its
// own history and storage, HTTP helpers (QNetworkAccessManager), raw-socket
// helpers for what QNetworkAccessManager cannot send, and small captures.
// The server runs on the test's thread: every wait below runs the event loop.
#include "server/restserver.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class QNetworkReply;
class QTcpSocket;

namespace packetlens::test {

extern const QString kKey;
constexpr int kTimeoutMs = 60000;
using Headers = QList<QPair<QByteArray, QByteArray>>;

struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
    QString errorCode() const;
    QString errorMessage() const;
};

qint64 rssKiB();
QByteArray smallCapture(int variant);
QByteArray zipOf(const QList<QPair<QString, QByteArray>> &files);
QByteArray zipOf(const QString &entry, const QByteArray &bytes);
QStringList zipEntries(const QByteArray &bytes);
QString sha256(const QByteArray &b);

// Raw sockets. Event-loop waits only: the server under test runs on this thread.
// Runs the event loop until the socket's state changes, bytes arrive or are
// written, or waitMs passed (false then).
bool waitForSocket(QTcpSocket &s, int waitMs);
bool connectSocket(QTcpSocket &s, quint16 port, const QHostAddress &addr = QHostAddress::LocalHost);
void flush(QTcpSocket &s);
// Reads one answer (a 100 Continue skipped) until its body is complete or the server closes.
QByteArray readAnswer(QTcpSocket &s, int waitMs = 10000);
QByteArray rawExchange(const QByteArray &bytes, quint16 port, int waitMs = 10000);
// Waits until the server closed s (true) or waitMs passed (false).
bool waitClosed(QTcpSocket &s, int waitMs);
// "POST /upload HTTP/1.1" head with Host and key for port.
QByteArray uploadHead(quint16 port, qint64 contentLength, const QByteArray &extra = {});
QByteArray hostLine(quint16 port);

// A slow client: writes bytes to a socket one at a time, one every
// intervalMs (a QTimer; nothing here sleeps), until they are sent or the
// server closes the connection.
class Dribbler
{
public:
    Dribbler(QTcpSocket &socket, const QByteArray &bytes, int intervalMs);
    ~Dribbler();
    int sent() const { return m_sent; }

private:
    QTcpSocket &m_socket;
    QByteArray m_bytes;
    int m_sent = 0;
    std::unique_ptr<QObject> m_timer;
};

class RestFixture
{
public:
    RestFixture();
    virtual ~RestFixture();

    // Starts m_server (options(name)) and sets m_base and m_storage.
    bool startServer(const QString &name, QString *why);
    RestServerOptions options(const QString &name) const;
    // Another server (own history, storage and port) with options of its own.
    std::unique_ptr<RestServer> startOther(const RestServerOptions &o);
    QUrl url(const QString &pathAndQuery, const QUrl &base = {}) const;
    quint16 port() const { return quint16(m_base.port()); }

    Answer finish(QNetworkReply *reply);
    QNetworkRequest request(const QString &path, const Headers &headers = {{"X-API-Key", kKey.toLatin1()}},
                            const QUrl &base = {}) const;
    Answer get(const QString &path, const Headers &headers = {{"X-API-Key", kKey.toLatin1()}}, const QUrl &base = {});
    Answer send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                const QByteArray &contentType = "application/octet-stream", const QUrl &base = {});
    Answer uploadMultipart(const QByteArray &bytes, const QString &fileName);
    Answer waitForAnalysis(const QString &fileId, const QUrl &base = {}); // polls until no longer 202
    int storedFiles(const QString &root = {}) const;
    qint64 filesTotal();

    // A refused request, data-driven: addRefusedColumns() in the _data
    // function, checkRefusedRow() in the test: the status and error code, a
    // message, Allow for 405, and nothing stored.
    static void addRefusedColumns();
    void checkRefusedRow();

protected:
    QTemporaryDir m_dir;
    RestServer m_server;
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_storage;
};

} // namespace packetlens::test
