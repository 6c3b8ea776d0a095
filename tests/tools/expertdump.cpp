// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-expert-dump FILE: one line per packet with the fields the health
// analysis derived, as `tshark -T fields -e frame.number -e tcp.analysis.flags
// -e dns.time -e http.time` would print them, to hold against tshark when
// the parity test (tst_healthparity) shows a difference. Developer tool.
#include "core/flow/packetlistener.h"
#include "core/service/analysisservice.h"

#include <QCoreApplication>

#include <cstdio>

using namespace packetlens;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: packetlens-expert-dump FILE\n");
        return 1;
    }
    PacketCallback dump([](const PacketContext &pc) {
        std::string flags;
        for (int b = 0; b < kTcpAnalysisFlagCount; ++b)
            if (pc.expert.tcp & (b == 0 ? kTcpAnyRetransmission : (1u << b))) { // as tcp.analysis.retransmission
                flags += flags.empty() ? "" : ",";
                flags += tcpAnalysisName(b);
            }
        auto t = [](int64_t ns) { return ns < 0 ? std::string() : std::to_string(double(ns) / 1e9); };
        std::printf("%llu\t%s\t%s\t%s\n", static_cast<unsigned long long>(pc.number), flags.c_str(),
                    t(pc.expert.dnsTimeNs).c_str(), t(pc.expert.httpTimeNs).c_str());
    });
    AnalysisRequest req;
    req.path = QString::fromLocal8Bit(argv[1]);
    req.analyzer.detect = false;
    const QList<AnalysisOutcome> out = AnalysisService::analyze(req, nullptr, {}, &dump);
    return out.isEmpty() || out.first().status != AnalysisOutcome::Status::Ok ? 2 : 0;
}
