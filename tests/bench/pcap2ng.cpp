// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-pcap2ng: writes the packets of a classic pcap (native byte
// order, µs or ns) as pcapng: one section, one interface (the pcap's link
// type and snapshot length; if_tsresol 9 for ns), one Enhanced Packet Block
// per record. For `make bench`: the same packets in both formats.
//
//   packetlens-pcap2ng IN.pcap OUT.pcapng
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {
void put32(std::vector<uint8_t> &b, uint32_t v)
{
    const size_t at = b.size();
    b.resize(at + 4);
    std::memcpy(b.data() + at, &v, 4);
}

void block(FILE *out, uint32_t type, const std::vector<uint8_t> &body)
{
    std::vector<uint8_t> b;
    const uint32_t len = uint32_t(12 + body.size());
    put32(b, type);
    put32(b, len);
    b.insert(b.end(), body.begin(), body.end());
    put32(b, len);
    std::fwrite(b.data(), 1, b.size(), out);
}
} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: packetlens-pcap2ng IN.pcap OUT.pcapng\n");
        return 1;
    }
    FILE *in = std::fopen(argv[1], "rb");
    FILE *out = std::fopen(argv[2], "wb");
    uint32_t hdr[6];
    if (!in || !out || std::fread(hdr, 4, 6, in) != 6 || (hdr[0] != 0xa1b2c3d4 && hdr[0] != 0xa1b23c4d)) {
        std::fprintf(stderr, "packetlens-pcap2ng: cannot read %s as a native-order pcap or write %s\n", argv[1], argv[2]);
        return 2;
    }
    static char obuf[1 << 20];
    std::setvbuf(out, obuf, _IOFBF, sizeof obuf);
    const bool nano = hdr[0] == 0xa1b23c4d;
    std::vector<uint8_t> body;
    put32(body, 0x1A2B3C4D);
    put32(body, 0x00000001); // version 1.0
    put32(body, 0xffffffff); // section length unknown
    put32(body, 0xffffffff);
    block(out, 0x0A0D0D0A, body);
    body.clear();
    put32(body, hdr[5] & 0xffff);
    put32(body, hdr[4]);
    if (nano) {
        put32(body, 9 | 1u << 16); // if_tsresol, 1 byte: 10^-9
        put32(body, 9);
        put32(body, 0); // opt_endofopt
    }
    block(out, 0x1, body);
    uint32_t rec[4];
    std::vector<uint8_t> data;
    while (std::fread(rec, 4, 4, in) == 4) {
        data.resize(rec[2]);
        if (std::fread(data.data(), 1, rec[2], in) != rec[2])
            break;
        const uint64_t ts = uint64_t(rec[0]) * (nano ? 1000000000u : 1000000u) + rec[1];
        body.clear();
        put32(body, 0);
        put32(body, uint32_t(ts >> 32));
        put32(body, uint32_t(ts));
        put32(body, rec[2]);
        put32(body, rec[3]);
        body.insert(body.end(), data.begin(), data.end());
        body.resize((body.size() + 3) & ~size_t(3), 0);
        block(out, 0x6, body);
    }
    std::fclose(in);
    return std::fclose(out) == 0 ? 0 : 3;
}
