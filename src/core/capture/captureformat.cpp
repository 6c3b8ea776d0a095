// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureformat.h"
#include "core/report/errortext.h"

#include <cstring>

namespace packetlens {

CaptureFormat detectFormat(const uint8_t *head, size_t n)
{
    if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        return CaptureFormat::Gzip;
    if (n < 4)
        return CaptureFormat::Unknown;
    uint32_t be = uint32_t(head[0]) << 24 | uint32_t(head[1]) << 16 | uint32_t(head[2]) << 8 | head[3];
    switch (be) {
    case 0xa1b2c3d4: case 0xd4c3b2a1: // µs
    case 0xa1b23c4d: case 0x4d3cb2a1: // ns
    case 0xa1b2cd34: case 0x34cdb2a1: // Kuznetzov's modified pcap
        return CaptureFormat::Pcap;
    case 0x0a0d0d0a:
        return CaptureFormat::Pcapng;
    case 0x504b0304: case 0x504b0506:
        return CaptureFormat::Zip;
    default:
        return CaptureFormat::Unknown;
    }
}

namespace {
uint32_t read32(const uint8_t *p, bool bigEndian)
{
    return bigEndian ? uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]
                     : uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
}
} // namespace

CaptureFormat sniffCapture(const uint8_t *head, size_t n, QString *why)
{
    const CaptureFormat f = detectFormat(head, n);
    auto cut = [&](const char *what, size_t need) {
        *why = errorText("error.capture.truncated_header", {QLatin1String(what), QString::number(n), QString::number(need)});
        return CaptureFormat::Unknown;
    };
    switch (f) {
    case CaptureFormat::Unknown:
        *why = n == 0 ? errorText("error.capture.empty") : errorText("error.capture.not_capture", {describeHead(head, n)});
        return f;
    case CaptureFormat::Pcap:
        return n < 24 ? cut("pcap", 24) : f;
    case CaptureFormat::Pcapng: {
        if (n < 28)
            return cut("pcapng", 28);
        const bool big = read32(head + 8, true) == 0x1a2b3c4d;
        if (!big && read32(head + 8, false) != 0x1a2b3c4d) {
            *why = errorText("error.pcapng.no_byte_order");
            return CaptureFormat::Unknown;
        }
        const uint32_t len = read32(head + 4, big);
        if (len < 28 || len % 4 != 0) {
            *why = errorText("error.pcapng.bad_section_length", {QString::number(len)});
            return CaptureFormat::Unknown;
        }
        return f;
    }
    case CaptureFormat::Gzip:
        return n < 18 ? cut("gzip", 18) : f;
    case CaptureFormat::Zip:
        return n < 22 ? cut("zip", 22) : f;
    }
    return CaptureFormat::Unknown;
}

QString captureFormatName(CaptureFormat f)
{
    switch (f) {
    case CaptureFormat::Pcap: return QStringLiteral("pcap");
    case CaptureFormat::Pcapng: return QStringLiteral("pcapng");
    case CaptureFormat::Gzip: return QStringLiteral("gzip");
    case CaptureFormat::Zip: return QStringLiteral("zip");
    case CaptureFormat::Unknown: break;
    }
    return {};
}

bool readPcapHeader(const uint8_t *head, size_t n, PcapHeader &out)
{
    if (n < 24)
        return false;
    const uint32_t magic = read32(head, false);
    switch (magic) {
    case 0xa1b2c3d4: out = {false, false}; break;
    case 0xa1b23c4d: out = {false, true}; break;
    case 0xd4c3b2a1: out = {true, false}; break;
    case 0x4d3cb2a1: out = {true, true}; break;
    default: return false;
    }
    const bool big = out.swapped; // this code reads little-endian words
    auto get16 = [&](size_t at) { return big ? uint16_t(head[at] << 8 | head[at + 1]) : uint16_t(head[at + 1] << 8 | head[at]); };
    out.major = get16(4);
    out.minor = get16(6);
    out.snaplen = read32(head + 16, big);
    out.linkTypeField = read32(head + 20, big);
    return true;
}

QString describeHead(const uint8_t *head, size_t n)
{
    QString hex, text;
    for (size_t i = 0; i < n && i < 4; ++i) {
        hex += QStringLiteral("%1 ").arg(head[i], 2, 16, QLatin1Char('0'));
        text += (head[i] >= 0x20 && head[i] < 0x7f) ? QChar(head[i]) : QChar('.');
    }
    return errorText("error.capture.head", {hex, text});
}

} // namespace packetlens
