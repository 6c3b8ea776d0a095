#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Derives tests/data/info_expected.tsv: tshark's Info column for chosen frames
of the shared corpus (tshark 4.0.17 from Debian 12), which tst_packetinfo holds
PacketLens' Info text against. Run from the repository root:

    python3 tests/tools/derive-info-expected.py ../shared/pcaps/real > tests/data/info_expected.tsv

The frames are those an analyst reads first (handshakes, commands and replies,
queries and answers); frames where tshark shows state PacketLens' one-packet
Info cannot know (reassembled PDUs, "[TCP segment of a reassembled PDU]",
SMTP AUTH "User:"/"Pass:" decoding, SSH messages after the key exchange
starts) are left out."""
import subprocess
import sys

FRAMES = {
    "ftp_bruteforce_password_crack.pcap": range(1, 21),
    "ftp_anonymous_retr_epsv.pcap": range(1, 15),
    "smtp_auth_login_starttls_mail.pcap": list(range(1, 12)) + [13],
    "dhcp_all_message_types.pcap": range(1, 10),
    "ntp_v3_client_sync.pcap": range(1, 15),
    "ssh_single_connection_openssh.pcap": range(1, 12),
    "icmp_traceroute_ttl_exceeded.pcapng": range(1, 15),
    "dns_edns_ecs_ipv4_ipv6_udp_tcp.pcap": range(1, 7),
    "http_wireshark_sample_http_cap.pcap": [1, 2, 3, 4, 5, 7, 9, 12, 13],
}


def main():
    corpus = sys.argv[1]
    print("# capture\tframe\ttshark Info (trailing blanks trimmed)")
    for name, frames in FRAMES.items():
        wanted = set(frames)
        out = subprocess.run(["tshark", "-r", f"{corpus}/{name}", "-T", "fields", "-e", "frame.number", "-e", "_ws.col.Info"],
                             capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            number, _, info = line.partition("\t")
            if int(number) in wanted:
                print(f"{name}\t{number}\t{info.rstrip()}")


if __name__ == "__main__":
    main()
