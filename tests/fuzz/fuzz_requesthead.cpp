// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server's request-head parser (the upload gate reads every head
// with it before QHttpServer sees the request).
#include "fuzztarget.h"

#include "server/requesthead.h"

PACKETLENS_FUZZ_TARGET(requesthead)
{
    using namespace packetlens;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    RequestHead::hasBareLineBreak(bytes);
    RequestHead head;
    QString why;
    if (RequestHead::parse(bytes, &head, &why)) {
        head.value("content-type");
        head.count("host");
    }
    return 0;
}
