// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstdint>

namespace packetlens::test {

struct TestPacket
{
    QByteArray data;
    int64_t tsNs = 0;
    uint32_t origLen = 0; // 0 = data.size()
    int interfaceId = 0;  // pcapng only
};

// Writes tiny captures with exact content for tests.
class CaptureWriter
{
public:
    // Classic pcap; nano selects the ns magic; bigEndian the byte order.
    static QByteArray pcap(const QList<TestPacket> &packets, int linkType = 1, bool nano = false,
                           bool bigEndian = false);
    // pcapng with one IDB per entry of linkTypes; tsresol per interface (6 or 9).
    static QByteArray pcapng(const QList<TestPacket> &packets, const QList<int> &linkTypes,
                             const QList<int> &tsResolutions = {});
    static bool save(const QString &path, const QByteArray &bytes);
    static QByteArray gzip(const QByteArray &bytes);
};

} // namespace packetlens::test
