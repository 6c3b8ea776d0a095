#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives tests/data/health_expected.tsv from tshark (developer tool).

For every capture in ../shared/pcaps/real/ that has TCP or DNS: the frames
holding each tcp.analysis.* flag (as `tshark -Y tcp.analysis.<name>` counts
them), and the count and median of dns.time and http.time (seconds; the
median of an even count is the mean of the two middle values). tshark's
defaults, one pass. Run it when the corpus changes; commit the output. CI
never runs it.
"""
import os, statistics, subprocess, sys

FLAGS = ["retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
         "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe",
         "zero_window_probe_ack", "window_full", "window_update", "keep_alive", "keep_alive_ack",
         "reused_ports"]
TIMES = ["dns.time", "http.time"]

def fields(path):
    cmd = ["tshark", "-n", "-r", path, "-T", "fields", "-E", "separator=/t", "-e", "tcp.srcport", "-e", "dns.id"]
    for f in FLAGS:
        cmd += ["-e", "tcp.analysis." + f]
    for t in TIMES:
        cmd += ["-e", t]
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return [line.split("\t") for line in out.splitlines()]

def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/pcaps/real")
    header = ["file"] + FLAGS
    for t in TIMES:
        header += [t + "_count", t + "_median"]
    print("\t".join(header))
    for name in sorted(os.listdir(root)):
        rows = fields(os.path.join(root, name))
        if not any(r[0] or r[1] for r in rows):
            continue  # neither TCP nor DNS
        counts = [sum(1 for r in rows if r[2 + i]) for i in range(len(FLAGS))]
        line = [name] + [str(c) for c in counts]
        for j, _ in enumerate(TIMES):
            values = [float(v) for r in rows for v in r[2 + len(FLAGS) + j].split(",") if v]
            line += [str(len(values)), "%.9f" % statistics.median(values) if values else "-"]
        print("\t".join(line))

if __name__ == "__main__":
    main()
