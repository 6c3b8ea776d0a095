// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-restamp: writes the first PACKETS packets of a classic pcap
// (native byte order, µs) LOOPS times to standard output, re-stamped at a
// steady RATE packets per second of capture time, as a live capture at that
// rate would stamp them. For tests/bench/live-memory.sh: hours of steady
// live traffic analyzed in minutes through `packetlens-cli live -r -`.
//
//   packetlens-restamp IN.pcap PACKETS LOOPS RATE > OUT.pcap
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

int main(int argc, char **argv)
{
    if (argc != 5) {
        std::fprintf(stderr, "usage: packetlens-restamp IN.pcap PACKETS LOOPS RATE > OUT.pcap\n");
        return 1;
    }
    FILE *in = std::fopen(argv[1], "rb");
    const uint64_t want = std::strtoull(argv[2], nullptr, 10);
    const uint64_t loops = std::strtoull(argv[3], nullptr, 10);
    const uint64_t rate = std::strtoull(argv[4], nullptr, 10);
    uint32_t hdr[6];
    if (!in || std::fread(hdr, 4, 6, in) != 6 || hdr[0] != 0xa1b2c3d4 || rate == 0) {
        std::fprintf(stderr, "packetlens-restamp: %s is not a native-order microsecond pcap (or RATE is 0)\n", argv[1]);
        return 1;
    }
    // The packets once, in memory: record lengths and bytes.
    std::vector<uint8_t> bytes;
    std::vector<uint32_t> caplen, origlen;
    std::vector<size_t> at;
    uint32_t rec[4];
    while (caplen.size() < want && std::fread(rec, 4, 4, in) == 4) {
        if (rec[2] > (1u << 20))
            break;
        at.push_back(bytes.size());
        bytes.resize(bytes.size() + rec[2]);
        if (std::fread(bytes.data() + at.back(), 1, rec[2], in) != rec[2])
            break;
        caplen.push_back(rec[2]);
        origlen.push_back(rec[3]);
    }
    std::fclose(in);
    std::fwrite(hdr, 4, 6, stdout);
    constexpr uint64_t kBase = 1700000000; // 2023-11-14, any fixed start
    uint64_t k = 0;
    for (uint64_t loop = 0; loop < loops; ++loop) {
        for (size_t i = 0; i < caplen.size(); ++i, ++k) {
            const uint64_t us = k * 1000000 / rate;
            const uint32_t r[4] = {uint32_t(kBase + us / 1000000), uint32_t(us % 1000000), caplen[i], origlen[i]};
            if (std::fwrite(r, 4, 4, stdout) != 4 || std::fwrite(bytes.data() + at[i], 1, caplen[i], stdout) != caplen[i])
                return 0; // the reader stopped
        }
    }
    return 0;
}
