// SPDX-License-Identifier: GPL-3.0-or-later
// Capture opening and reading: the format sniff, pcap (read in place through
// the memory map), pcapng, gzip and zip entries, and reading packets again by
// their record offsets as the app's packet list does.
#include "fuzzsupport.h"
#include "fuzztarget.h"

#include "core/capture/captureopener.h"

using namespace packetlens;

namespace {
// Reads every byte of a packet, so that a reader handing out a pointer past
// its buffer is caught here rather than deep in the decoder.
uint32_t touch(const uint8_t *p, uint32_t n)
{
    uint32_t sum = 0;
    for (uint32_t i = 0; i < n; ++i)
        sum += p[i];
    return sum;
}
} // namespace

PACKETLENS_FUZZ_TARGET(capture)
{
    fuzz::ensureApplication();
    const fuzz::MemFile file(data, size);
    CaptureOpener::probe(file.path());
    OpenOptions options;
    options.maxDecompressedBytes = 64ull << 20; // the limit is part of what is tested
    CaptureOpener opener;
    if (!opener.open(file.path(), options))
        return 0;
    CaptureInput input;
    volatile uint32_t sink = 0;
    while (opener.nextInput(input)) {
        std::vector<uint64_t> offsets;
        RawPacket pkt;
        while (input.reader->next(pkt)) {
            sink = sink + touch(pkt.data, pkt.caplen) + touch(pkt.aheadData, pkt.aheadCaplen);
            if (offsets.size() < 64)
                offsets.push_back(pkt.recordOffset);
        }
        if (input.hashedInStream)
            opener.finishEntryHash();
        if (input.records) {
            RecordAccess::Packet again;
            for (uint64_t at : offsets)
                if (input.records->read(at, again))
                    sink = sink + touch(again.bytes.data(), uint32_t(again.bytes.size()));
        }
    }
    return 0;
}
