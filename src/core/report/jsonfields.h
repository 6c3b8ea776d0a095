// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Reading one field of a report's JSON object, missing fields giving the
// type's default: shared by the report's and the health section's readers.
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cstdint>

namespace packetlens::jsonfields {

inline QString str(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toString(); }
inline qint64 num(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toInteger(); }
inline double real(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toDouble(); }
inline QJsonObject obj(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); }
inline QJsonArray arr(const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toArray(); }

// An ISO-8601 timestamp field in ns since the epoch (0 when missing or bad).
inline int64_t ts(const QJsonObject &o, const char *key)
{
    int64_t ns = 0;
    parseIsoTimestamp(str(o, key), &ns);
    return ns;
}

} // namespace packetlens::jsonfields
