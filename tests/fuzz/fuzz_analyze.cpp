// SPDX-License-Identifier: GPL-3.0-or-later
// A capture file through the whole analysis, as the faces run it: opening,
// the file hash, decoding, statistics, detection, the report as JSON and
// HTML, and the evidence packets read again and written as a pcap.
#include "fuzzsupport.h"
#include "fuzztarget.h"

#include "core/export/evidencepcap.h"
#include "core/export/htmlreport.h"
#include "core/report/reportjson.h"
#include "core/report/reportsummary.h"
#include "core/service/analysisservice.h"

using namespace packetlens;

PACKETLENS_FUZZ_TARGET(analyze)
{
    fuzz::ensureApplication();
    const fuzz::MemFile file(data, size);
    AnalysisRequest request;
    request.path = file.path();
    request.open.maxDecompressedBytes = 64ull << 20;
    for (const AnalysisOutcome &o : AnalysisService::analyze(request)) {
        if (o.status != AnalysisOutcome::Status::Ok)
            continue;
        ReportJson::toBytes(o.report);
        HtmlReport::render(o.report, QStringLiteral("ru"));
        ReportSummary::of(o.report);
        const std::set<uint64_t> cited = citedPackets(o.report);
        if (!cited.empty()) {
            const fuzz::MemFile out(nullptr, 0);
            writeEvidencePcap(file.path(), o.report.capture.fileName, cited, out.path(), request.open);
        }
    }
    return 0;
}
