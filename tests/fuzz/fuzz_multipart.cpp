// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server's multipart/form-data parser. Input: the Content-Type
// header's value, a line break, then the body.
#include "fuzztarget.h"

#include "server/multipart.h"

#include <cstdlib>

PACKETLENS_FUZZ_TARGET(multipart)
{
    using namespace packetlens;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nl = bytes.indexOf('\n');
    const QByteArray contentType = nl < 0 ? bytes : bytes.left(nl);
    const QByteArray body = nl < 0 ? QByteArray() : bytes.mid(nl + 1);
    FormPart part;
    QString why;
    if (findFormPart(contentType, body, "file", &part, &why)) {
        // The part is a view into the body: it must lie inside it.
        if (part.offset < 0 || part.size < 0 || part.offset > body.size() || part.size > body.size() - part.offset)
            std::abort();
    }
    return 0;
}
