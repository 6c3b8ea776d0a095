// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapreader.h"
#include "core/report/errortext.h"

#include <QFile>

#include <pcap/pcap.h>

#include <cstdio>
#include <cstring>

namespace packetlens {

namespace {
ssize_t cookieRead(void *cookie, char *buf, size_t size)
{
    auto *src = static_cast<BufferedSource *>(cookie);
    const size_t got = src->read(reinterpret_cast<uint8_t *>(buf), size);
    if (got == 0 && src->failed()) {
        errno = EIO;
        return -1;
    }
    return ssize_t(got);
}
} // namespace

PcapReader::PcapReader(std::unique_ptr<BufferedSource> src) : m_src(std::move(src)) {}

PcapReader::~PcapReader()
{
    if (m_pcap)
        pcap_close(m_pcap); // also closes the cookie FILE*
}

bool PcapReader::open()
{
    if (m_src->fill(4) >= 4) {
        uint32_t magic = 0;
        std::memcpy(&magic, m_src->peek(), 4);
        m_nano = magic == 0xa1b23c4d || magic == 0x4d3cb2a1;
    }
    cookie_io_functions_t io{};
    io.read = cookieRead;
    FILE *fp = fopencookie(m_src.get(), "r", io);
    if (!fp) {
        m_openError = errorText("error.capture.libpcap_stream");
        return false;
    }
    char err[PCAP_ERRBUF_SIZE] = {};
    m_pcap = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_NANO, err);
    if (!m_pcap) {
        fclose(fp);
        m_openError = QString::fromLocal8Bit(err);
        return false;
    }
    m_linkType = pcap_datalink(m_pcap);
    noteLinkType(m_linkType);
    return true;
}

bool PcapReader::openFile(const QString &path, bool nano, uint64_t size)
{
    m_nano = nano;
    m_fileSize = size;
    char err[PCAP_ERRBUF_SIZE] = {};
    m_pcap = pcap_open_offline_with_tstamp_precision(QFile::encodeName(path).constData(),
                                                     PCAP_TSTAMP_PRECISION_NANO, err);
    if (!m_pcap) {
        m_openError = QString::fromLocal8Bit(err);
        return false;
    }
    m_linkType = pcap_datalink(m_pcap);
    noteLinkType(m_linkType);
    return true;
}

uint64_t PcapReader::progressPosition() const
{
    if (m_src)
        return m_src->source().progressPosition();
    return m_offset;
}

uint64_t PcapReader::progressTotal() const
{
    return m_src ? m_src->source().progressTotal() : m_fileSize;
}

bool PcapReader::next(RawPacket &pkt)
{
    if (!m_pcap)
        return false;
    pcap_pkthdr *hdr = nullptr;
    const u_char *data = nullptr;
    const int rc = pcap_next_ex(m_pcap, &hdr, &data);
    if (rc == 1) {
        // The file holds 32 unsigned bits (as Wireshark and the pcap spec read
        // them); libpcap sign-extends them.
        pkt.tsSec = uint32_t(hdr->ts.tv_sec);
        pkt.tsNsec = uint32_t(hdr->ts.tv_usec); // nanoseconds: opened with NANO precision
        pkt.caplen = hdr->caplen;
        pkt.len = hdr->len;
        pkt.linkType = m_linkType;
        pkt.data = data;
        pkt.recordOffset = m_offset;
        // Where the next record starts: the stream's position when it can say
        // (libpcap skips bytes past the snapshot length without reporting them).
        FILE *fp = pcap_file(m_pcap);
        const long pos = fp ? std::ftell(fp) : -1;
        m_offset = pos >= 0 ? uint64_t(pos) : m_offset + 16 + uint64_t(hdr->caplen);
        return true;
    }
    if (rc == PCAP_ERROR)
        stopAt(m_offset, QString::fromLocal8Bit(pcap_geterr(m_pcap)));
    return false;
}

} // namespace packetlens
