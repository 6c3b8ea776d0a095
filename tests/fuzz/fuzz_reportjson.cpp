// SPDX-License-Identifier: GPL-3.0-or-later
// The report JSON reader (reports come back from the history, the REST
// server's store and files). What it reads is written again and read back:
// the second writing must equal the first. The HTML page and the one-line
// summary are made from what was read.
#include "fuzztarget.h"

#include "core/export/evidencepcap.h"
#include "core/export/htmlreport.h"
#include "core/report/reportjson.h"
#include "core/report/reportsummary.h"

#include <cstdio>
#include <cstdlib>

PACKETLENS_FUZZ_TARGET(reportjson)
{
    using namespace packetlens;
    const std::optional<Report> report = ReportJson::fromBytes(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!report)
        return 0;
    const QByteArray first = ReportJson::toBytes(*report);
    const std::optional<Report> again = ReportJson::fromBytes(first);
    if (!again || ReportJson::toBytes(*again) != first) {
        std::fprintf(stderr, "a report read back from its own JSON differs:\n%s\n", first.constData());
        std::abort();
    }
    HtmlReport::render(*report);
    ReportSummary::of(*report);
    citedPackets(*report);
    return 0;
}
