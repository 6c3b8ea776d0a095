// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHttpServerRequest>

namespace packetlens {

// The methods QHttpServer routes to a route's method: HEAD with GET
// (answered as GET without the body).
QHttpServerRequest::Methods qtMethods(const QByteArray &method);
// "GET", "POST", … as the request log and the route table spell them.
QByteArray methodName(QHttpServerRequest::Method m);

} // namespace packetlens
