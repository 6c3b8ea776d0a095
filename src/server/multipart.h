// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace packetlens {

// One part of a multipart/form-data body, as a view into the body (an upload
// is not copied again).
struct FormPart
{
    qsizetype offset = 0, size = 0;
    QString fileName;
};

// Finds the part named fieldName (RFC 7578). Header parameters are parsed
// with quoted strings (a file name may hold ';' and '\"'); filename* (RFC
// 6266, RFC 8187) wins over filename. False with the reason when the body is not
// well-formed multipart (missing boundary, unterminated parts) or has no such part.
bool findFormPart(const QByteArray &contentType, const QByteArray &body, const QByteArray &fieldName,
                  FormPart *out, QString *why);

} // namespace packetlens
