// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of BeaconDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include "core/decode/packetdecoder.h"
#include "core/detect/beacondetector.h"
#include "core/detect/detectorclone.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestBeaconDetector : public QObject
{
    Q_OBJECT
private slots:
    // A live capture's once-a-second evaluation draws up, from the
    // detector's own state (nothing copied but the pairs the open
    // conversations add to), what a copy given those conversations finds: a
    // beacon with enough contacts, one that reaches them only with its open
    // conversation, and one known only by its first contact whose open
    // conversations reach them; not a pair that stays short. The detector
    // itself is unchanged: its final findings are as without the evaluation.
    void provisionalFindingsFromOwnState()
    {
        DetectionSettings settings;
        BeaconDetector det(settings);
        const int64_t start = 1700000000ll * kS;
        uint64_t packet = 0;
        auto conv = [&](const char *src, const char *dst, int64_t ns) {
            Conv c;
            c.proto = 6;
            c.flags = OrigSyn;
            IpAddress::parse(src, c.orig);
            IpAddress::parse(dst, c.resp);
            c.origPort = 40000;
            c.respPort = 8443;
            c.firstNs = c.lastNs = ns;
            c.firstPacket = ++packet;
            c.origPackets = 3;
            return c;
        };
        std::vector<Conv> open;
        for (int i = 0; i < 12; ++i) // enough contacts already
            det.onConversation(conv("10.0.0.1", "203.0.113.1", start + i * 60 * kS));
        for (int i = 0; i < 9; ++i) // one short: its open conversation makes ten
            det.onConversation(conv("10.0.0.2", "203.0.113.2", start + i * 60 * kS));
        open.push_back(conv("10.0.0.2", "203.0.113.2", start + 9 * 60 * kS));
        det.onConversation(conv("10.0.0.3", "203.0.113.3", start)); // first contact only
        for (int i = 1; i < 10; ++i)
            open.push_back(conv("10.0.0.3", "203.0.113.3", start + i * 60 * kS));
        for (int i = 0; i < 5; ++i) // stays short
            det.onConversation(conv("10.0.0.4", "203.0.113.4", start + i * 60 * kS));
        open.push_back(conv("10.0.0.4", "203.0.113.4", start + 5 * 60 * kS));
        const Detector::OpenConversations visit = [&open](const std::function<void(const Conv &)> &f) {
            for (const Conv &c : open)
                f(c);
        };
        auto texts = [](const std::vector<Finding> &out) {
            QStringList found;
            for (const Finding &f : out)
                found << f.source + QStringLiteral(" ") + QString::number(f.count) + QStringLiteral(" ")
                             + QString::number(f.confidence, 'f', 6) + QStringLiteral(" ") + QString::number(f.packets.size())
                             + QStringLiteral(" ") + QString::number(f.firstNs) + QStringLiteral(" ") + QString::number(f.lastNs)
                             + QStringLiteral(" ") + QString::number(int(f.severity));
            found.sort();
            return found;
        };
        const int64_t end = start + 12 * 60 * kS;
        std::unique_ptr<Detector> copy = cloneDetector(det);
        visit([&copy](const Conv &c) { copy->onConversation(c); });
        copy->setCaptureSpan(start, end);
        std::vector<Finding> fromCopy;
        copy->finish(fromCopy);

        std::unique_ptr<Detector> untouched = cloneDetector(det); // as before the evaluation
        std::vector<Finding> provisional;
        QVERIFY(det.findProvisionally(visit, Detector::ProvisionalScope{SIZE_MAX, SIZE_MAX, start, end}, provisional));
        QCOMPARE(texts(provisional), texts(fromCopy));
        QCOMPARE(texts(provisional).size(), 3);
        QVERIFY(texts(provisional)[0].startsWith(QStringLiteral("10.0.0.1 12 ")));
        QVERIFY(texts(provisional)[1].startsWith(QStringLiteral("10.0.0.2 10 ")));
        QVERIFY(texts(provisional)[2].startsWith(QStringLiteral("10.0.0.3 10 ")));
        QCOMPARE(det.contactsHeld(), size_t(12 + 9 + 5)); // the open conversations were not added

        det.setCaptureSpan(start, end);
        untouched->setCaptureSpan(start, end);
        std::vector<Finding> after, without;
        det.finish(after);
        untouched->finish(without);
        QCOMPARE(texts(after), texts(without));
        QCOMPARE(texts(after).size(), 1); // only 10.0.0.1 without its open conversations
    }

    // A pair's state keeps its newest contacts only (a live capture runs for
    // hours): a beacon of 1 000 contacts, reported out of order (connections
    // end in another order than they start), holds kKeptContacts of them and
    // is scored on the newest (its period changed from 30 s to 45 s for the
    // last 128), and its finding counts all of them from the first to the last.
    void longBeaconHoldsBoundedState()
    {
        DetectionSettings settings;
        BeaconDetector det(settings);
        const int64_t start = 1700000000ll * kS;
        constexpr int kContacts = 1000, kChanged = kContacts - int(BeaconDetector::kKeptContacts);
        auto at = [&](int i) {
            const int64_t jitter = (i * 7919 % 1000) * 1000000ll; // up to 1 s
            return i < kChanged ? start + i * 30 * kS + jitter : start + kChanged * 30 * kS + (i - kChanged) * 45 * kS + jitter;
        };
        for (int block = 0; block < kContacts; block += 10)
            for (int i = std::min(block + 9, kContacts - 1); i >= block; --i) { // each block of ten backwards
                Conv c;
                c.proto = 6;
                c.flags = OrigSyn;
                IpAddress::parse("10.0.0.42", c.orig);
                IpAddress::parse("203.0.113.50", c.resp);
                c.origPort = uint16_t(40000 + i % 20000);
                c.respPort = 8443;
                c.firstNs = c.lastNs = at(i);
                c.firstPacket = uint64_t(i + 1);
                c.origPackets = 3;
                det.onConversation(c);
            }
        QCOMPARE(det.contactsHeld(), BeaconDetector::kKeptContacts);
        const int64_t last = at(kContacts - 1);
        det.setCaptureSpan(start, last);
        std::vector<Finding> out;
        det.finish(out);
        QCOMPARE(out.size(), size_t(1));
        QCOMPARE(out[0].count, uint64_t(kContacts));
        QCOMPARE(out[0].firstNs, start);
        QCOMPARE(out[0].lastNs, last);
        QCOMPARE(out[0].metrics.value(QStringLiteral("contacts")).toInt(), kContacts);
        QCOMPARE(out[0].metrics.value(QStringLiteral("coverage_score")).toDouble(), 1.0);
        QVERIFY2(qAbs(out[0].metrics.value(QStringLiteral("median_interval_s")).toDouble() - 45) < 1,
                 qPrintable(QString::number(out[0].metrics.value(QStringLiteral("median_interval_s")).toDouble())));
        QCOMPARE(out[0].packets.size(), kEvidenceCap); // the earliest contacts
        QCOMPARE(out[0].packets.front(), uint64_t(1));
    }

    // A live capture asks for provisional findings every second: with
    // thousands of beaconing pairs it draws up only those the report will
    // list (its worst sources, as the aggregation ranks them), not all of
    // them each time. Here: 8 sources beaconing to 3 servers each and a cap
    // of 5 findings a category; the provisional findings name exactly the 5
    // sources the final report lists, and the report is as without asking.
    void provisionalBeaconsOnlyWhatTheReportLists()
    {
        auto run = [](bool ask, QSet<QString> *provisional, size_t *beacons) {
            Scenario s;
            QString error;
            if (!s.det->merge(QJsonObject{{QStringLiteral("limits"), QJsonObject{{QStringLiteral("max_findings_per_category"), 5}}}}, &error))
                qFatal("%s", qPrintable(error));
            for (int i = 0; i < 16; ++i)
                for (int src = 0; src < 8; ++src)
                    for (int dst = 0; dst < 3; ++dst) {
                        // Every 30 s; later sources alternate a little off the beat (a strict ranking).
                        s.at(1700000000ll * kS + i * 30 * kS + (i % 2) * src * 50000000ll + (src * 3 + dst) * 1000000ll);
                        s.add(PB::udpFrame(QStringLiteral("10.0.1.%1").arg(10 + src), 40000, QStringLiteral("203.0.113.%1").arg(60 + dst), 9000,
                                           QByteArray(60, 'b')),
                              0);
                    }
            if (ask)
                for (const Finding &f : s.an().provisionalFindings())
                    if (f.category == QLatin1String("beaconing")) {
                        ++*beacons;
                        provisional->insert(f.source);
                    }
            s.finish();
            return s;
        };
        QSet<QString> provisional;
        size_t beacons = 0;
        const Scenario asked = run(true, &provisional, &beacons);
        const Scenario plain = run(false, nullptr, nullptr);
        QCOMPARE(beacons, size_t(15)); // 5 sources, 3 servers each
        QSet<QString> listed;
        for (const QJsonObject &f : asked.findings(QStringLiteral("beaconing")))
            listed.insert(f.value(QStringLiteral("source")).toString());
        QCOMPARE(listed.size(), 5);
        QCOMPARE(provisional, listed);
        QCOMPARE(asked.report.value(QStringLiteral("findings_omitted")).toObject().value(QStringLiteral("beaconing")).toInt(), 9);
        QCOMPARE(QJsonDocument(asked.report.value(QStringLiteral("findings")).toArray()).toJson(),
                 QJsonDocument(plain.report.value(QStringLiteral("findings")).toArray()).toJson());
    }

    void beaconingButNotNtpOrDhcp()
    {
        Scenario s;
        for (int i = 0; i < 16; ++i) {
            const int64_t jitter = (i * 7919 % 2000 - 1000) * 1000000ll; // ±1 s around 60 s
            s.at(1700000000ll * kS + i * 60 * kS + jitter);
            s.session("10.0.0.42", uint16_t(45000 + i), "203.0.113.50", 8443, "beacon", "ok");
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.42"));
        QCOMPARE(f[0].value(QStringLiteral("ports")).toArray().first().toInt(), 8443);

        Scenario benign; // NTP every 64 s and a DHCP renewal cycle
        QByteArray ntp(48, '\0');
        ntp[0] = 0x23;
        for (int i = 0; i < 20; ++i) {
            benign.at(1700000000ll * kS + i * 64 * kS);
            benign.add(PB::udpFrame("10.0.0.42", 123, "10.0.0.123", 123, ntp));
            benign.add(PB::udpFrame("10.0.0.123", 123, "10.0.0.42", 123, ntp));
            QByteArray dhcp(240, '\0');
            dhcp[0] = 1;
            benign.add(PB::udpFrame("10.0.0.42", 68, "10.0.0.1", 67, dhcp), 2 * kS);
            dhcp[0] = 2;
            benign.add(PB::udpFrame("10.0.0.1", 67, "10.0.0.42", 68, dhcp));
        }
        benign.finish();
        QVERIFY2(benign.mediumOrAbove().isEmpty(), qPrintable(benign.mediumOrAbove()));
        QVERIFY(benign.findings(QStringLiteral("beaconing")).isEmpty());
    }

    // The same timer to a peer on this host, to a tunnel's keep-alive port or
    // inside the network: never medium (loopback never at all).
    void localAndKeepAliveTimersAreNotC2()
    {
        auto every = [](Scenario &s, const QString &src, const QString &dst, uint16_t port, bool udp) {
            for (int i = 0; i < 16; ++i) {
                s.at(1700000000ll * kS + i * 30 * kS);
                if (udp)
                    s.add(PB::udpFrame(src, 40000, dst, port, QByteArray(60, 'k')));
                else
                    s.session(src, uint16_t(45000 + i), dst, port, "ping", "pong");
            }
        };
        Scenario loop;
        every(loop, "127.0.0.1", "127.0.0.1", 7410, true);
        every(loop, "127.0.0.1", "127.0.0.1", 9999, false);
        loop.finish();
        QVERIFY(loop.findings(QStringLiteral("beaconing")).isEmpty());

        Scenario tunnel;
        every(tunnel, "10.0.0.42", "198.51.100.7", 4500, true);  // IPsec NAT-T keep-alive
        every(tunnel, "10.0.0.42", "198.51.100.8", 7351, true);  // Meraki cloud tunnel
        tunnel.finish();
        QVERIFY(tunnel.findings(QStringLiteral("beaconing")).isEmpty());

        Scenario inside;
        every(inside, "10.0.0.42", "10.0.9.10", 12380, true);
        inside.finish();
        const auto f = inside.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("low"));
    }

    // Five hosts checking in with one server on the same timer are a fleet of
    // agents (low); one host alone to the outside stays medium or more.
    void fleetCheckInIsLow()
    {
        Scenario s;
        for (int host = 1; host <= 5; ++host)
            for (int i = 0; i < 16; ++i) {
                s.at(1700000000ll * kS + i * 60 * kS + host * kS);
                s.session(QStringLiteral("10.0.1.%1").arg(host), uint16_t(45000 + i), "203.0.113.80", 8443, "hello", "ok");
            }
        s.finish();
        const auto f = s.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 5);
        for (const auto &x : f)
            QCOMPARE(x.value(QStringLiteral("severity")).toString(), QStringLiteral("low"));
    }
};

QTEST_GUILESS_MAIN(TestBeaconDetector)
#include "tst_beacondetector.moc"
