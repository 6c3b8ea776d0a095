// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"
#include "packetreader.h"

#include <memory>

struct pcap;

namespace packetlens {

// Classic pcap (µs and ns, both byte orders) read with libpcap from any byte
// stream: the stream is handed to libpcap as a FILE* (fopencookie).
class PcapReader : public PacketReader
{
public:
    explicit PcapReader(std::unique_ptr<BufferedSource> src);
    ~PcapReader() override;
    // Returns false with openError() set when libpcap rejects the header.
    bool open();
    // A plain file: libpcap reads it directly (no extra copy).
    bool openFile(const QString &path, bool nano, uint64_t size);
    QString openError() const { return m_openError; }

    bool next(RawPacket &pkt) override;
    QString formatName() const override { return m_nano ? QStringLiteral("pcap-ns") : QStringLiteral("pcap"); }
    int timestampDigits() const override { return m_nano ? 9 : 6; }
    uint64_t progressPosition() const override;
    uint64_t progressTotal() const override;

private:
    std::unique_ptr<BufferedSource> m_src;
    pcap *m_pcap = nullptr;
    bool m_nano = false;
    int m_linkType = 0;
    uint64_t m_offset = 24; // byte offset of the next record
    uint64_t m_fileSize = 0;
    QString m_openError;
};

} // namespace packetlens
