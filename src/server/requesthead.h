// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace packetlens {

// The request line and header fields of one HTTP/1.x request, parsed by the
// upload gate before QHttpServer reads anything of the request. Strict: what
// this parser accepts, QHttpServer's parser reads with the same length.
struct RequestHead
{
    // Qt 6.4's parser drops every header field of a head with more: refused
    // (431) so that both parsers read the same request.
    static constexpr int kMaxFields = 100;

    QByteArray method, target, version;
    QString path;      // target without the query
    QByteArray query;
    QList<QPair<QByteArray, QByteArray>> fields; // names lower-cased
    qint64 contentLength = 0;
    bool chunked = false;         // any Transfer-Encoding
    bool expectContinue = false;  // Expect: 100-continue
    bool closeAfterAnswer = false; // Connection: close, or HTTP/1.0

    QByteArray value(const QByteArray &lowerName) const;
    int count(const QByteArray &lowerName) const;

    // A line break that is not CRLF (other parsers would end lines there).
    static bool hasBareLineBreak(const QByteArray &bytes);
    // head: everything up to and including the blank line. Returns false with
    // the reason for a malformed head.
    static bool parse(const QByteArray &head, RequestHead *out, QString *why);
};

} // namespace packetlens
