// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidencepcap.h"

#include <QFile>

#include <pcap/pcap.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace packetlens {

namespace {
// pcap_dump() writes through stdio and reports nothing: a full disk shows
// when the stream is flushed. False with the reason then.
bool closeDump(pcap_dumper_t *dumper, QString *why)
{
    const bool ok = pcap_dump_flush(dumper) == 0 && !std::ferror(pcap_dump_file(dumper));
    if (!ok)
        *why = QString::fromLocal8Bit(std::strerror(errno));
    pcap_dump_close(dumper);
    return ok;
}
} // namespace

std::set<uint64_t> citedPackets(const Report &report)
{
    std::set<uint64_t> out;
    for (const ReportFinding &f : report.findings())
        for (qint64 p : f.evidencePackets)
            out.insert(uint64_t(p));
    return out;
}

EvidenceResult writeEvidencePcap(const QString &capturePath, const QString &captureName,
                                 const std::set<uint64_t> &packets, const QString &outPath, const OpenOptions &options)
{
    EvidenceResult r;
    CaptureOpener opener;
    if (!opener.open(capturePath, options)) {
        r.error = opener.errorMessage();
        return r;
    }
    CaptureInput input;
    bool found = false;
    while (opener.nextInput(input)) {
        if (captureName.isEmpty() || input.name == captureName) {
            found = true;
            break;
        }
    }
    if (!found) {
        r.error = QStringLiteral("%1 holds no capture named %2").arg(capturePath, captureName);
        return r;
    }
    pcap_t *dead = nullptr;
    pcap_dumper_t *dumper = nullptr;
    int linkType = -1;
    RawPacket pkt;
    uint64_t number = 0;
    const uint64_t last = packets.empty() ? 0 : *packets.rbegin();
    auto open = [&](int lt) {
        dead = pcap_open_dead_with_tstamp_precision(lt, 262144, PCAP_TSTAMP_PRECISION_NANO);
        dumper = dead ? pcap_dump_open(dead, QFile::encodeName(outPath).constData()) : nullptr;
        if (!dumper)
            r.error = QStringLiteral("cannot write %1: %2").arg(outPath, dead ? QString::fromLocal8Bit(pcap_geterr(dead)) : QStringLiteral("libpcap"));
        return dumper != nullptr;
    };
    while (number < last && input.reader->next(pkt)) {
        ++number;
        if (!packets.count(number))
            continue;
        if (linkType < 0) {
            linkType = pkt.linkType;
            if (!open(linkType))
                break;
        }
        if (pkt.linkType != linkType) { // classic pcap holds one link type
            r.skippedOtherLinkType++;
            continue;
        }
        pcap_pkthdr hdr{};
        hdr.ts.tv_sec = pkt.tsSec;
        hdr.ts.tv_usec = pkt.tsNsec; // nanoseconds: the dump was opened with NANO precision
        hdr.caplen = pkt.caplen;
        hdr.len = pkt.len;
        pcap_dump(reinterpret_cast<u_char *>(dumper), &hdr, pkt.data);
        r.written++;
    }
    if (linkType < 0 && r.error.isEmpty()) // nothing cited: still a valid, empty capture
        open(input.reader->linkTypes().empty() ? 1 : input.reader->linkTypes().front());
    QString why;
    if (dumper && !closeDump(dumper, &why) && r.error.isEmpty())
        r.error = QStringLiteral("cannot write %1: %2").arg(outPath, why);
    if (dead)
        pcap_close(dead);
    r.ok = r.error.isEmpty();
    if (!r.ok && dumper)
        QFile::remove(outPath); // no partial evidence left behind
    return r;
}

} // namespace packetlens
