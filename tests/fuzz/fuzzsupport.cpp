// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzsupport.h"

#include "fuzztarget.h"

#include "core/decode/packetdecoder.h"
#include "core/export/htmlreport.h"
#include "core/inspect/displayfilter.h"
#include "core/inspect/packetdissection.h"
#include "core/inspect/packetsummary.h"
#include "core/report/reportjson.h"
#include "core/service/captureanalysis.h"

#include <QCoreApplication>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

namespace packetlens::fuzz {

MemFile::MemFile(const uint8_t *data, size_t size) : m_fd(::memfd_create("fuzz-input", MFD_CLOEXEC))
{
    if (m_fd < 0)
        std::abort(); // the harness itself failed: not a finding
    size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(m_fd, data + done, size - done);
        if (n <= 0)
            std::abort();
        done += size_t(n);
    }
}

MemFile::~MemFile()
{
    ::close(m_fd);
}

QString MemFile::path() const
{
    return QStringLiteral("/proc/self/fd/%1").arg(m_fd);
}

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "packetlens-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
}

std::vector<FuzzPacket> splitPackets(const uint8_t *data, size_t size)
{
    std::vector<FuzzPacket> out;
    int64_t ts = 1'600'000'000'000'000'000;
    size_t at = 0;
    while (at + 3 <= size) {
        ts += int64_t(data[at] & 0x7f) * 1'000'000;
        const uint32_t cut = data[at] & 0x80 ? 64 : 0;
        const size_t len = size_t(data[at + 1]) << 8 | data[at + 2];
        at += 3;
        const size_t take = len < size - at ? len : size - at;
        out.push_back({ts, data + at, uint32_t(take), uint32_t(take) + cut});
        at += take;
    }
    return out;
}

namespace {
// The filters the packet list is most often given, matched against every packet.
const DisplayFilter &sampleFilter()
{
    static const DisplayFilter f = DisplayFilter::parse(QStringLiteral(
        "(dns || tls || http) && !(ip.addr==10.0.0.0/8) || tcp.port==443 || frame.len>1000 || \"GET\""));
    return f;
}

void showPacket(int linkType, const FuzzPacket &p, uint64_t number)
{
    static const PacketDecoder decoder;
    DecodedPacket d;
    d.reset();
    decoder.decode(linkType, p.data, p.size, p.wireLen, d);
    const QString info = packetInfo(d);
    const QString columns = packetSource(d) + packetDestination(d) + packetProtocolLabel(d);
    const FilterSubject subject{&d, number, p.wireLen, &info};
    if (sampleFilter().matches(subject) && columns.isNull())
        std::abort(); // unreachable: keeps the calls from being optimized away
    dissectPacket(linkType, p.data, p.size, p.wireLen, number, p.tsNs);
}
} // namespace

void runPacketSequence(std::initializer_list<int> linkTypes, const uint8_t *data, size_t size)
{
    if (size < 1)
        return;
    const int linkType = linkTypes.begin()[data[0] % linkTypes.size()];
    const std::vector<FuzzPacket> packets = splitPackets(data + 1, size - 1);
    AnalyzerSettings settings;
    CaptureAnalysis analysis(settings);
    uint64_t number = 0;
    for (const FuzzPacket &p : packets) {
        showPacket(linkType, p, ++number);
        RawPacket raw;
        raw.tsSec = p.tsNs / 1'000'000'000;
        raw.tsNsec = uint32_t(p.tsNs % 1'000'000'000);
        raw.caplen = p.size;
        raw.len = p.wireLen;
        raw.linkType = linkType;
        raw.data = p.data;
        analysis.addPacket(raw);
    }
    CaptureMeta meta;
    meta.fileName = QStringLiteral("fuzz.pcap");
    meta.format = QStringLiteral("pcap");
    const Report report = analysis.finish(meta);
    ReportJson::toBytes(report);
    HtmlReport::render(report);
}

} // namespace packetlens::fuzz
