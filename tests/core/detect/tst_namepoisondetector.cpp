// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of NamePoisonDetector: Responder answering LLMNR and
// broadcast NBT-NS lookups for every name, and hosts that answer for their
// own name only, or a WINS server answering unicast lookups, that must not fire.
#include "core/detect/namepoisondetector.h"
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

namespace {
void put16(QByteArray &b, uint16_t v)
{
    b.append(char(v >> 8));
    b.append(char(v));
}

// An NBT-NS name query (broadcast or not) or a positive answer naming `ip`.
QByteArray nbns(uint16_t id, const QByteArray &name, bool response, bool broadcast, const QByteArray &ip = {})
{
    QByteArray b;
    put16(b, id);
    put16(b, response ? 0x8500 : broadcast ? 0x0110 : 0x0100);
    put16(b, response ? 0 : 1);
    put16(b, response ? 1 : 0);
    put16(b, 0);
    put16(b, 0);
    QByteArray padded = name.toUpper().leftJustified(15, ' ') + char(0x20);
    b.append(char(32));
    for (char c : padded) {
        b.append(char('A' + ((uint8_t(c) >> 4) & 0x0f)));
        b.append(char('A' + (uint8_t(c) & 0x0f)));
    }
    b.append(char(0));
    put16(b, 0x20); // NB
    put16(b, 1);
    if (response) {
        b.append(QByteArray::fromHex("000493e0")); // TTL
        put16(b, 6);
        put16(b, 0);
        b.append(ip);
    }
    return b;
}

// A lookup of `name` by `asker` (LLMNR to the multicast group) answered by `responder`.
void llmnr(Scenario &s, const QString &asker, const QString &responder, uint16_t id, const QString &name)
{
    s.add(PB::udpFrame(asker, 50000, QStringLiteral("224.0.0.252"), 5355, PB::dnsQuery(id, name)), 100000000);
    s.add(PB::udpFrame(responder, 5355, asker, 50000, PB::dnsResponse(id, name, 0, responder)), 1000000);
}
} // namespace

class TestNamePoisonDetector : public QObject
{
    Q_OBJECT
private slots:
    void responderIsFound()
    {
        Scenario s;
        const QString evil = QStringLiteral("10.0.0.66");
        const char *mistyped[] = {"fileserver1", "printr", "wpad", "sharepoint-old", "backupsrv"};
        uint16_t id = 1;
        for (int h = 10; h < 14; ++h)
            for (const char *n : mistyped)
                llmnr(s, QStringLiteral("10.0.0.%1").arg(h), evil, id++, QString::fromLatin1(n));
        // and over NBT-NS: a broadcast lookup answered by the poisoner
        for (const char *n : {"NASBOX", "OLDDC"}) {
            s.add(PB::udpFrame(QStringLiteral("10.0.0.20"), 137, QStringLiteral("10.0.0.255"), 137, nbns(id, n, false, true)), 100000000);
            s.add(PB::udpFrame(evil, 137, QStringLiteral("10.0.0.20"), 137, nbns(id, n, true, false, QByteArray::fromHex("0a000042"))),
                  1000000);
            ++id;
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("name_poisoning"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), evil);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("names_answered")).toInt(), 7);
        QCOMPARE(m.value(QStringLiteral("hosts_answered")).toInt(), 5);
        QCOMPARE(m.value(QStringLiteral("protocols")).toString(), QStringLiteral("LLMNR, NBT-NS"));
        QVERIFY(m.value(QStringLiteral("wpad")).toBool());
        QVERIFY(f[0].value(QStringLiteral("targets")).toArray().contains(QStringLiteral("nasbox")));
        const QString said = renderMessage(Message::fromJson(f[0].value(QStringLiteral("summary_message"))), QStringLiteral("ru"));
        QVERIFY2(said.contains(QStringLiteral("узел отвечает только за своё имя")), qPrintable(said));
    }

    void ownNamesAndWinsAreNotPoisoning()
    {
        Scenario s;
        uint16_t id = 1;
        // hosts answering for their own names, in any case and with a domain appended, to many askers
        for (int h = 10; h < 30; ++h) {
            llmnr(s, QStringLiteral("10.0.0.%1").arg(h), QStringLiteral("10.0.0.5"), id++, QStringLiteral("WS-ALICE"));
            llmnr(s, QStringLiteral("10.0.0.%1").arg(h), QStringLiteral("10.0.0.5"), id++, QStringLiteral("ws-alice.corp.example"));
            llmnr(s, QStringLiteral("10.0.0.%1").arg(h), QStringLiteral("10.0.0.6"), id++, QStringLiteral("printer"));
        }
        // a WINS server answering unicast lookups for many names
        for (int i = 0; i < 20; ++i) {
            const QByteArray name = QByteArray("HOST") + QByteArray::number(i);
            s.add(PB::udpFrame(QStringLiteral("10.0.0.40"), 137, QStringLiteral("10.0.0.2"), 137, nbns(id, name, false, false)), 100000000);
            s.add(PB::udpFrame(QStringLiteral("10.0.0.2"), 137, QStringLiteral("10.0.0.40"), 137,
                               nbns(id, name, true, false, QByteArray::fromHex("0a000063"))),
                  1000000);
            ++id;
        }
        // a master browser answering broadcast lookups for its own name, its
        // workgroup's browser name <1D> and __MSBROWSE__ <01>; PTR answers for its own addresses
        const QString master = QStringLiteral("10.0.0.3");
        for (int h = 50; h < 60; ++h) {
            const QString asker = QStringLiteral("10.0.0.%1").arg(h);
            const QByteArray own = nbns(id, "FILESRV", false, true);
            s.add(PB::udpFrame(asker, 137, QStringLiteral("10.0.0.255"), 137, own), 100000000);
            s.add(PB::udpFrame(master, 137, asker, 137, nbns(id, "FILESRV", true, false, QByteArray::fromHex("0a000003"))), 1000000);
            ++id;
            QByteArray wg = nbns(id, "WORKGROUP", false, true);
            wg[12 + 31] = 'B'; // suffix 0x1D
            wg[12 + 32] = 'N';
            QByteArray wgAnswer = nbns(id, "WORKGROUP", true, false, QByteArray::fromHex("0a000003"));
            wgAnswer[12 + 31] = 'B';
            wgAnswer[12 + 32] = 'N';
            s.add(PB::udpFrame(asker, 137, QStringLiteral("10.0.0.255"), 137, wg), 100000000);
            s.add(PB::udpFrame(master, 137, asker, 137, wgAnswer), 1000000);
            ++id;
            const QByteArray msbrowse("\x01\x02__MSBROWSE__\x02", 15);
            QByteArray mb = nbns(id, msbrowse, false, true), mbAnswer = nbns(id, msbrowse, true, false, QByteArray::fromHex("0a000003"));
            for (QByteArray *m : {&mb, &mbAnswer}) { // suffix 0x01
                (*m)[12 + 31] = 'A';
                (*m)[12 + 32] = 'B';
            }
            s.add(PB::udpFrame(asker, 137, QStringLiteral("10.0.0.255"), 137, mb), 100000000);
            s.add(PB::udpFrame(master, 137, asker, 137, mbAnswer), 1000000);
            ++id;
            for (const char *ptr : {"3.0.0.10.in-addr.arpa", "4.3.2.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.e.f.ip6.arpa"})
                llmnr(s, asker, master, id++, QString::fromLatin1(ptr));
        }
        s.finish();
        QVERIFY2(s.findings(QStringLiteral("name_poisoning")).isEmpty(),
                 qPrintable(QString::fromUtf8(QJsonDocument(s.findings(QStringLiteral("name_poisoning")).value(0)).toJson())));
    }

    void netbiosNamesDecode()
    {
        const QByteArray q = nbns(1, "WORKGROUP", false, true);
        QCOMPARE(NamePoisonDetector::netbiosName(reinterpret_cast<const uint8_t *>(q.constData()) + 12, size_t(q.size() - 12)),
                 std::string("workgroup"));
        const uint8_t bad[34] = {32, 'Z'};
        QVERIFY(NamePoisonDetector::netbiosName(bad, sizeof bad).empty());
    }
};

QTEST_GUILESS_MAIN(TestNamePoisonDetector)
#include "tst_namepoisondetector.moc"
