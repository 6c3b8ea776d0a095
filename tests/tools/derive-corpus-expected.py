#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives tests/data/corpus_expected.tsv from tshark and capinfos (developer tool).

For every capture in ../shared/pcaps/real/: packets and bytes (capinfos), and per
protocol the frames holding it (outermost nodes of that name) in `tshark -q -z io,phs`.
Run it when the corpus changes; commit the output. CI never runs it.
"""
import os, re, subprocess, sys

PROTOS = ["eth", "sll", "arp", "ip", "ipv6", "icmp", "icmpv6", "tcp", "udp",
          "dns", "http", "tls", "dhcp", "ntp", "ssh", "ftp", "smtp"]

def phs(path):
    out = subprocess.run(["tshark", "-n", "-r", path, "-q", "-z", "io,phs"],
                         capture_output=True, text=True).stdout
    # A frame is counted once per protocol: only the outermost node of each
    # name counts (tshark nests e.g. tls under tcp.segments under tls).
    totals = {p: 0 for p in PROTOS}
    stack = []  # (indent, name)
    for line in out.splitlines():
        m = re.match(r"^(\s*)(\S+)\s+frames:(\d+)\s+bytes:(\d+)", line)
        if not m:
            continue
        indent, name = len(m.group(1)), m.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if name in totals and all(n != name for _, n in stack):
            totals[name] += int(m.group(3))
        stack.append((indent, name))
    return totals

def capinfos(path):
    out = subprocess.run(["capinfos", "-M", "-c", "-d", path], capture_output=True, text=True).stdout
    packets = int(re.search(r"Number of packets:\s+(\d+)", out).group(1))
    size = int(re.search(r"Data size:\s+(\d+)", out).group(1))
    return packets, size

def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../../shared/pcaps/real")
    print("file\tpackets\tbytes\t" + "\t".join(PROTOS))
    for name in sorted(os.listdir(root)):
        path = os.path.join(root, name)
        packets, size = capinfos(path)
        t = phs(path)
        print(f"{name}\t{packets}\t{size}\t" + "\t".join(str(t[p]) for p in PROTOS))

if __name__ == "__main__":
    main()
