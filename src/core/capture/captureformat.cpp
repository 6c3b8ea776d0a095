#include "captureformat.h"

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

QString describeHead(const uint8_t *head, size_t n)
{
    QString hex, text;
    for (size_t i = 0; i < n && i < 4; ++i) {
        hex += QStringLiteral("%1 ").arg(head[i], 2, 16, QLatin1Char('0'));
        text += (head[i] >= 0x20 && head[i] < 0x7f) ? QChar(head[i]) : QChar('.');
    }
    return QStringLiteral("starts with %1('%2')").arg(hex, text);
}

} // namespace packetlens
