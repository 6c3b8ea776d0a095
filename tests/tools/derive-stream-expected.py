#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives the expected values of Follow TCP Stream and Export Objects from
tshark 4.0.17 (Debian 12) on the shared corpus. Run from the repository root:

    python3 tests/tools/derive-stream-expected.py ../shared/pcaps/real

writes tests/data/follow_expected.tsv (SHA-256 of `tshark -q -z follow,tcp,FORMAT,N`)
and tests/data/objects_expected.tsv (SHA-256 and size of each file
`tshark --export-objects PROTOCOL,DIR` carves; tshark's "imf" is PacketLens' "smtp")."""
import hashlib
import os
import subprocess
import sys
import tempfile

FOLLOW = [
    ("ftp_anonymous_retr_epsv.pcap", 0, "ascii"),
    ("ftp_anonymous_retr_epsv.pcap", 1, "hex"),
    ("http_wireshark_sample_http_cap.pcap", 0, "ascii"),
    ("http_wireshark_sample_http_cap.pcap", 0, "hex"),
    ("ftp_bruteforce_password_crack.pcap", 5, "ascii"),
    ("smtp_auth_login_starttls_mail.pcap", 0, "ascii"),
    ("malware_trickbot_c2_http_post.pcap", 0, "hex"),
]

OBJECTS = [
    ("http_wireshark_sample_http_cap.pcap", "http"),
    ("http_browsing_bro_org.pcap", "http"),
    ("malware_trickbot_c2_http_post.pcap", "http"),
    ("malware_emotet_smtp_spam_http_download.pcap", "http"),
    ("smtp_auth_login_starttls_mail.pcap", "smtp"),
    ("ftp_ipv6_anonymous.pcap", "ftp-data"),
]


def tshark(*args):
    return subprocess.run(["tshark", *args], capture_output=True, check=True).stdout


def main():
    corpus = sys.argv[1]
    with open("tests/data/follow_expected.tsv", "w") as f:
        f.write("# capture\ttcp.stream\tformat\tsha256 of tshark -q -z follow,tcp,FORMAT,N\n")
        for name, stream, fmt in FOLLOW:
            out = tshark("-r", f"{corpus}/{name}", "-q", "-z", f"follow,tcp,{fmt},{stream}")
            f.write(f"{name}\t{stream}\t{fmt}\t{hashlib.sha256(out).hexdigest()}\n")
    with open("tests/data/objects_expected.tsv", "w") as f:
        f.write("# capture\tprotocol\tsha256\tsize\ttshark's file name\n")
        for name, proto in OBJECTS:
            with tempfile.TemporaryDirectory() as d:
                tshark("-r", f"{corpus}/{name}", "-q", "--export-objects", f"{'imf' if proto == 'smtp' else proto},{d}")
                for entry in sorted(os.listdir(d)):
                    data = open(os.path.join(d, entry), "rb").read()
                    f.write(f"{name}\t{proto}\t{hashlib.sha256(data).hexdigest()}\t{len(data)}\t{entry}\n")


if __name__ == "__main__":
    main()
