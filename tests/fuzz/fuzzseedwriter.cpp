// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzseedwriter.h"

#include "core/capture/captureopener.h"
#include "core/decode/packetdecoder.h"
#include "support/capturewriter.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <quazip.h>
#include <quazipfile.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>

namespace packetlens::fuzz {

namespace {
constexpr qint64 kWholeFileMax = 64 * 1024; // larger captures are cut to their first packets
constexpr int kCutPackets = 48;
constexpr int kPacketsPerSequence = 24;
constexpr int kPacketsReadPerCapture = 4000;

// The decoder targets' link-type families, in the order of their lists
// (fuzz_decode_*.cpp): a sequence's first byte is the index in its list.
struct Family
{
    const char *target;
    std::initializer_list<int> linkTypes;
};
const Family kFamilies[] = {{"decode_ethernet", {1}},
                            {"decode_sll", {113, 276}},
                            {"decode_rawip", {12, 14, 101, 228, 229}},
                            {"decode_null", {0, 108}}};

QString family(int linkType, char *index)
{
    for (const Family &f : kFamilies) {
        for (size_t i = 0; i < f.linkTypes.size(); ++i) {
            if (f.linkTypes.begin()[i] == linkType) {
                *index = char(i);
                return QLatin1String(f.target);
            }
        }
    }
    return {};
}

void appendRecord(QByteArray &seq, uint8_t step, const uint8_t *bytes, uint32_t n)
{
    n = qMin<uint32_t>(n, 0xffff);
    seq.append(char(step));
    seq.append(char(n >> 8));
    seq.append(char(n & 0xff));
    seq.append(reinterpret_cast<const char *>(bytes), qsizetype(n));
}

QByteArray zipOf(const QByteArray &capture)
{
    QBuffer buffer;
    buffer.open(QIODevice::ReadWrite);
    {
        QuaZip zip(&buffer);
        if (!zip.open(QuaZip::mdCreate))
            return {};
        for (const char *name : {"a.pcap", "notes.txt"}) {
            QuaZipFile f(&zip);
            if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(QLatin1String(name))))
                return {};
            f.write(qstrcmp(name, "a.pcap") == 0 ? capture : QByteArray("not a capture\n"));
        }
        zip.close();
    }
    return buffer.data();
}

// The application bytes of a decoded packet that belong to the parser named.
QByteArray layerBytes(const DecodedPacket &d, std::initializer_list<Proto> protos)
{
    for (int i = 0; i < d.depth; ++i) {
        for (Proto p : protos) {
            if (d.path[i] != p || d.layerAt[i] == DecodedPacket::kNotInFrame)
                continue;
            const uint32_t end = d.payload && d.payload >= d.frame ? uint32_t(d.payload - d.frame) + d.payloadLen : d.frameLen;
            const uint32_t at = d.layerAt[i];
            return at < end ? QByteArray(reinterpret_cast<const char *>(d.frame + at), qsizetype(end - at)) : QByteArray();
        }
    }
    return {};
}

// One conversation's payloads in the app target's format.
struct AppConversation
{
    uint16_t clientPort = 0;
    QByteArray seed;
    int segments = 0;
};
} // namespace

void SeedWriter::add(const QString &target, const QByteArray &bytes)
{
    if (target.isEmpty() || m_counts.value(target) >= kMaxPerTarget)
        return;
    const QByteArray id = QCryptographicHash::hash(target.toUtf8() + '\0' + bytes, QCryptographicHash::Sha1);
    if (m_seen.contains(id))
        return;
    m_seen.insert(id);
    QDir().mkpath(m_out + QLatin1Char('/') + target);
    QFile f(m_out + QLatin1Char('/') + target + QLatin1Char('/') + QString::fromLatin1(id.toHex().left(16)));
    if (f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size())
        ++m_counts[target];
}

void SeedWriter::addCapture(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    QByteArray small;
    if (f.size() <= kWholeFileMax) {
        small = f.readAll();
    } else {
        CaptureOpener opener;
        CaptureInput input;
        if (!opener.open(path, {}) || !opener.nextInput(input))
            return;
        QList<test::TestPacket> packets;
        RawPacket p;
        int linkType = -1;
        while (packets.size() < kCutPackets && input.reader->next(p)) {
            linkType = linkType < 0 ? p.linkType : linkType;
            if (p.linkType == linkType)
                packets.append({QByteArray(reinterpret_cast<const char *>(p.data), qsizetype(p.caplen)),
                                p.tsSec * 1'000'000'000 + p.tsNsec, p.len});
        }
        small = test::CaptureWriter::pcap(packets, qMax(linkType, 0), true);
    }
    add(QStringLiteral("capture"), small);
    add(QStringLiteral("analyze"), small);
    if (m_counts.value(QStringLiteral("capture")) % 16 == 1) {
        add(QStringLiteral("capture"), test::CaptureWriter::gzip(small));
        add(QStringLiteral("capture"), zipOf(small));
        add(QStringLiteral("analyze"), zipOf(small));
    }
    addPackets(path);
}

void SeedWriter::addPackets(const QString &path)
{
    CaptureOpener opener;
    CaptureInput input;
    if (!opener.open(path, {}) || !opener.nextInput(input))
        return;
    const PacketDecoder decoder;
    DecodedPacket d;
    std::map<std::tuple<int, uint16_t, uint16_t>, AppConversation> conversations;
    QByteArray sequence;
    int inSequence = 0, linkType = -1;
    int64_t lastNs = 0;
    RawPacket p;
    for (int n = 0; n < kPacketsReadPerCapture && input.reader->next(p); ++n) {
        const int64_t ns = p.timeNs(); // (saturated: a damaged capture's seconds may be anything)
        const uint8_t step = uint8_t(std::clamp<int64_t>((ns - lastNs) / 1'000'000, 0, 127)) | (p.caplen < p.len ? 0x80 : 0);
        lastNs = ns;
        if (linkType < 0 || p.linkType == linkType) {
            if (inSequence == 0)
                sequence = QByteArray(1, char(0)); // the link type's index in its family, set when written
            linkType = p.linkType;
            appendRecord(sequence, step, p.data, p.caplen);
            if (++inSequence == kPacketsPerSequence) {
                const QString target = family(linkType, sequence.data());
                add(target, sequence);
                inSequence = 0;
            }
        }
        d.reset();
        decoder.decode(p.linkType, p.data, p.caplen, p.len, d);
        add(QStringLiteral("dns"), layerBytes(d, {Proto::Dns, Proto::Mdns, Proto::Llmnr}));
        add(QStringLiteral("http"), layerBytes(d, {Proto::Http}));
        add(QStringLiteral("tls"), layerBytes(d, {Proto::Tls}));
        if ((d.l4 != Proto::Tcp && d.l4 != Proto::Udp) || !d.payload || d.payloadLen == 0)
            continue;
        const auto key = std::make_tuple(int(d.l4), qMin(d.sport, d.dport), qMax(d.sport, d.dport));
        AppConversation &c = conversations[key];
        if (c.seed.isEmpty()) {
            c.clientPort = d.sport;
            const char head[5] = {char(d.l4 == Proto::Udp), char(d.sport >> 8), char(d.sport & 0xff),
                                  char(d.dport >> 8), char(d.dport & 0xff)};
            c.seed = QByteArray(head, 5);
        }
        if (c.segments++ < 8)
            appendRecord(c.seed, uint8_t(1 | (d.sport == c.clientPort ? 0 : 0x80)), d.payload, d.payloadLen);
    }
    if (inSequence > 0) {
        const QString target = family(linkType, sequence.data());
        add(target, sequence);
    }
    for (const auto &c : conversations)
        add(QStringLiteral("app"), c.second.seed);
}

void SeedWriter::printCounts() const
{
    for (auto it = m_counts.begin(); it != m_counts.end(); ++it)
        std::printf("fuzz-seeds: %-16s %d\n", qPrintable(it.key()), it.value());
}

} // namespace packetlens::fuzz
