// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetexpert.h"

namespace packetlens {

const char *tcpAnalysisName(int bit)
{
    static const char *const names[kTcpAnalysisFlagCount] = {
        "retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order", "lost_segment",
        "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe", "zero_window_probe_ack",
        "window_full", "window_update", "keep_alive", "keep_alive_ack", "reused_ports"};
    return bit >= 0 && bit < kTcpAnalysisFlagCount ? names[bit] : "";
}

} // namespace packetlens
