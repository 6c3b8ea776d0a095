// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace packetlens {

// The English text of one of the core's errors or warnings: the catalogue
// row `id` ("error.…", src/core/report/errorcatalog.cpp) with its arguments
// put in as they are. This is the text the CLI prints, the REST API answers
// and the report keeps.
QString errorText(const char *id, const QStringList &args = {});

// The same text in a UI language ("ru…" Russian, anything else English): the
// catalogue's English patterns are matched against it, the arguments taken
// back out and said again in the language (an argument that is itself one of
// these texts, or a "; "-separated list of them, is translated too). A text
// no pattern matches (a system error, libpcap's words) is returned as it is.
QString localizedError(const QString &english, const QString &language);

} // namespace packetlens
