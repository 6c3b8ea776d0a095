// SPDX-License-Identifier: GPL-3.0-or-later
/* The baseline for `make bench`: the bare libpcap read loop (open, read every
 * packet, touch its bytes). PacketLens' analysis time is reported against it. */
#include <pcap/pcap.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    char err[PCAP_ERRBUF_SIZE];
    if (argc < 2) {
        fprintf(stderr, "usage: pcap-read-loop FILE\n");
        return 1;
    }
    pcap_t *p = pcap_open_offline_with_tstamp_precision(argv[1], PCAP_TSTAMP_PRECISION_NANO, err);
    if (!p) {
        fprintf(stderr, "pcap-read-loop: %s\n", err);
        return 2;
    }
    struct pcap_pkthdr *h;
    const u_char *d;
    unsigned long long packets = 0, bytes = 0, sum = 0;
    while (pcap_next_ex(p, &h, &d) == 1) {
        packets++;
        bytes += h->len;
        sum += d[0];
    }
    pcap_close(p);
    printf("%llu packets %llu bytes (%llu)\n", packets, bytes, sum);
    return 0;
}
