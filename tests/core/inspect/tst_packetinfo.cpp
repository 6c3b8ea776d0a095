// SPDX-License-Identifier: GPL-3.0-or-later
// The Info column and the application layer of the packet details, held
// against tshark on the shared corpus (tests/data/info_expected.tsv, derived
// by tests/tools/derive-info-expected.py) and by field names.
#include "core/inspect/packetdissection.h"
#include "core/inspect/packetsummary.h"
#include "core/service/capturewalk.h"

#include <QFile>
#include <QTest>

#include <map>

using namespace packetlens;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}

// Frame number -> the packet's details, for the listed frames of a capture.
std::map<uint64_t, QList<DissectionNode>> details(const QString &name, const QList<uint64_t> &frames)
{
    std::map<uint64_t, QList<DissectionNode>> out;
    walkCapture(corpus(name), [&](const WalkedPacket &w) {
        if (frames.contains(w.number))
            out[w.number] = dissectPacket(w.raw->linkType, w.raw->data, w.raw->caplen, w.raw->len, w.number, 0, &w.pos);
    }, nullptr);
    return out;
}

const DissectionNode *field(const QList<DissectionNode> &nodes, const QString &name)
{
    for (const DissectionNode &n : nodes) {
        if (n.field == name)
            return &n;
        if (const DissectionNode *c = field(n.children, name))
            return c;
    }
    return nullptr;
}

QString fieldText(const QString &capture, uint64_t frame, const QString &name)
{
    const auto d = details(capture, {frame});
    const DissectionNode *n = d.count(frame) ? field(d.at(frame), name) : nullptr;
    return n ? n->text : QStringLiteral("<no %1>").arg(name);
}
} // namespace

class TstPacketInfo : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        if (!QFile::exists(corpus(QStringLiteral("ftp_bruteforce_password_crack.pcap"))))
            QSKIP("the shared corpus is not there");
    }

    void infoAsTshark()
    {
        QFile f(QStringLiteral(PACKETLENS_TEST_DATA "/info_expected.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::map<QString, std::map<uint64_t, QString>> expected;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> cols = line.split('\t');
            if (cols.size() == 3 && !line.startsWith('#'))
                expected[QString::fromUtf8(cols[0])][cols[1].toULongLong()] = QString::fromUtf8(cols[2]);
        }
        QStringList mismatches;
        int compared = 0;
        for (const auto &[name, frames] : expected) {
            walkCapture(corpus(name), [&](const WalkedPacket &w) {
                auto it = frames.find(w.number);
                if (it == frames.end())
                    return;
                ++compared;
                const QString ours = packetInfo(*w.d, &w.pos);
                if (ours != it->second)
                    mismatches << QStringLiteral("%1 #%2\n  tshark: %3\n  ours:   %4").arg(name).arg(w.number).arg(it->second, ours);
            }, nullptr);
        }
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
        QCOMPARE(compared, 109);
    }

    void lineProtocolDetails()
    {
        QCOMPARE(fieldText(QStringLiteral("ftp_bruteforce_password_crack.pcap"), 4, QStringLiteral("ftp.response.code")),
                 QStringLiteral("Response code: Not logged in (530)"));
        QCOMPARE(fieldText(QStringLiteral("ftp_bruteforce_password_crack.pcap"), 11, QStringLiteral("ftp.request.arg")),
                 QStringLiteral("Request arg: merlin"));
        QCOMPARE(fieldText(QStringLiteral("smtp_auth_login_starttls_mail.pcap"), 7, QStringLiteral("smtp.req.command")),
                 QStringLiteral("Command: EHLO"));
        QCOMPARE(fieldText(QStringLiteral("http_wireshark_sample_http_cap.pcap"), 4, QStringLiteral("http.host")),
                 QStringLiteral("Host: www.ethereal.com\\r\\n"));
        QCOMPARE(fieldText(QStringLiteral("http_wireshark_sample_http_cap.pcap"), 4, QStringLiteral("http.request.uri")),
                 QStringLiteral("Request URI: /download.html"));
        QCOMPARE(fieldText(QStringLiteral("ssh_single_connection_openssh.pcap"), 4, QStringLiteral("ssh.protocol")),
                 QStringLiteral("Protocol: SSH-1.99-OpenSSH_3.9p1"));
    }

    void dnsAnswers()
    {
        const QString cap = QStringLiteral("smtp_auth_login_starttls_mail.pcap");
        QCOMPARE(fieldText(cap, 2, QStringLiteral("dns.cname")), QStringLiteral("cname: patriots.in"));
        QCOMPARE(fieldText(cap, 2, QStringLiteral("dns.a")), QStringLiteral("addr: 74.53.140.153"));
        QVERIFY(fieldText(cap, 2, QStringLiteral("dns.resp.ttl")).startsWith(QLatin1String("Time to live: ")));
        QCOMPARE(fieldText(cap, 1, QStringLiteral("dns.qry.name")), QStringLiteral("Name: mail.patriots.in"));
    }

    void tlsHellos()
    {
        const QString cap = QStringLiteral("tls_firefox_sni_www_ntop_org.pcap");
        const auto d = details(cap, {4, 6});
        QCOMPARE(field(d.at(4), QStringLiteral("tls.handshake.extensions_server_name"))->text, QStringLiteral("Server Name: www.ntop.org"));
        QCOMPARE(field(d.at(4), QStringLiteral("tls.handshake.extensions_alpn_str"))->text, QStringLiteral("ALPN Next Protocol: h2"));
        QCOMPARE(field(d.at(4), QStringLiteral("tls.handshake.ciphersuite"))->text, QStringLiteral("Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)"));
        QCOMPARE(field(d.at(6), QStringLiteral("tls.handshake.ciphersuite"))->text,
                 QStringLiteral("Cipher Suite: TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 (0xcca8)"));
    }

    void dhcpNtpIcmpTcp()
    {
        QCOMPARE(fieldText(QStringLiteral("dhcp_all_message_types.pcap"), 1, QStringLiteral("dhcp.option.dhcp")),
                 QStringLiteral("Option: (53) DHCP Message Type: Discover"));
        QVERIFY(fieldText(QStringLiteral("ntp_v3_client_sync.pcap"), 3, QStringLiteral("ntp.stratum")).startsWith(QLatin1String("Peer Clock Stratum: ")));
        QCOMPARE(fieldText(QStringLiteral("icmp_traceroute_ttl_exceeded.pcapng"), 2, QStringLiteral("icmp.code")),
                 QStringLiteral("Code: 0 (Time to live exceeded in transit)"));
        QCOMPARE(fieldText(QStringLiteral("ftp_anonymous_retr_epsv.pcap"), 9, QStringLiteral("tcp.seq")),
                 QStringLiteral("Sequence number: 17 (relative sequence number)"));
        QCOMPARE(fieldText(QStringLiteral("ftp_anonymous_retr_epsv.pcap"), 9, QStringLiteral("tcp.stream")), QStringLiteral("[Stream index: 0]"));
    }
};

QTEST_GUILESS_MAIN(TstPacketInfo)
#include "tst_packetinfo.moc"
