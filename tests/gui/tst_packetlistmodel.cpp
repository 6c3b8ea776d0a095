// SPDX-License-Identifier: GPL-3.0-or-later
// The packet list model over compact records: rows appended while loading,
// filter and sort results swapped in, text made on demand, checked by
// QAbstractItemModelTester.
#include "packetjobs.h"
#include "packetlistmodel.h"
#include "packetspool.h"
#include "recordstore.h"

#include "core/decode/packetdecoder.h"
#include "core/inspect/displayfilter.h"
#include "core/inspect/packetsummary.h"
#include "support/packetbuilder.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::test;

class TstPacketListModel : public QObject
{
    Q_OBJECT

    std::shared_ptr<PacketSpool> m_spool;
    std::shared_ptr<RecordStore> m_records;
    QStringList m_addresses;

    void addPacket(const QByteArray &frame, int64_t ts)
    {
        DecodedPacket d;
        PacketDecoder().decode(1, reinterpret_cast<const uint8_t *>(frame.constData()), uint32_t(frame.size()), uint32_t(frame.size()), d);
        PacketRecord r;
        r.tsNs = ts;
        r.spool = m_spool->append(1, reinterpret_cast<const uint8_t *>(frame.constData()), uint32_t(frame.size()));
        r.proto = uint8_t(packetTopProtocol(d));
        r.len = uint32_t(frame.size());
        auto intern = [this](const QString &a) {
            qsizetype i = m_addresses.indexOf(a);
            if (i < 0) {
                m_addresses << a;
                i = m_addresses.size() - 1;
            }
            return uint32_t(i + 1);
        };
        r.src = intern(packetSource(d));
        r.dst = intern(packetDestination(d));
        QVERIFY(m_records->append(r));
    }

    PacketSource source() const { return {m_records, m_spool, m_addresses}; }

private slots:
    void init()
    {
        m_spool = std::make_shared<PacketSpool>();
        QString error;
        QVERIFY2(m_spool->open(&error), qPrintable(error));
        m_records = std::make_shared<RecordStore>();
        m_addresses.clear();
    }

    void recordIsCompact()
    {
        QCOMPARE(sizeof(PacketRecord), size_t(28));
    }

    void appendFilterSort()
    {
        PacketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSource(source());
        QCOMPARE(model.rowCount(), 0);
        // 300 packets: every third is DNS, the others TCP with growing length.
        for (int i = 0; i < 300; ++i) {
            if (i % 3 == 0)
                addPacket(PacketBuilder::udpFrame(QStringLiteral("10.0.0.%1").arg(i % 7 + 1), 5000, QStringLiteral("10.0.0.53"), 53,
                                                  PacketBuilder::dnsQuery(uint16_t(i), QStringLiteral("host%1.example").arg(i))),
                          int64_t(i) * 1000000);
            else
                addPacket(PacketBuilder::tcpFrame(QStringLiteral("10.0.1.%1").arg(i % 5 + 1), uint16_t(40000 + i), QStringLiteral("10.0.2.1"), 443,
                                                  tcpflags::Ack, 1, 1, QByteArray(i % 50, 'p')),
                          int64_t(i) * 1000000);
            if (i % 100 == 99) {
                m_spool->flush();
                model.setAddresses(m_addresses);
                model.recordsAppended(m_records->size());
            }
        }
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(model.index(0, 4).data().toString(), QStringLiteral("DNS"));
        QCOMPARE(model.index(1, 4).data().toString(), QStringLiteral("TCP"));
        QCOMPARE(model.index(3, 6).data().toString(), QStringLiteral("Standard query 0x0003 A host3.example"));
        QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("10.0.1.2"));

        std::atomic<bool> stop{false};
        const DisplayFilter dns = DisplayFilter::parse(QStringLiteral("dns && ip.src==10.0.0.1"));
        QVERIFY(dns.isValid());
        auto rows = std::make_shared<std::vector<uint32_t>>(filterRows(model.source(), dns, 0, m_records->size(), stop));
        QCOMPARE(rows->size(), size_t(15)); // i % 3 == 0 and i % 7 == 0: i multiple of 21, 0..294
        model.setRows(rows);
        QCOMPARE(model.rowCount(), 15);
        for (int r = 0; r < model.rowCount(); ++r)
            QCOMPARE(model.index(r, 2).data().toString(), QStringLiteral("10.0.0.1"));
        // Incremental: rows of later records appended.
        model.appendRows({299});
        QCOMPARE(model.rowCount(), 16);

        // Sort by length, descending, stable (equal lengths keep packet order).
        auto sorted = sortRows(model.source(), model.currentRows(), PacketColumn::Length, true, stop);
        model.setRows(std::make_shared<std::vector<uint32_t>>(sorted));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, 5).data().toInt() >= model.index(r, 5).data().toInt());
        // Sort by source as addresses (10.0.0.9 before 10.0.0.10 would hold), on all rows.
        model.setRows(nullptr);
        QCOMPARE(model.rowCount(), 300);
        auto bySrc = sortRows(model.source(), model.currentRows(), PacketColumn::Source, false, stop);
        QCOMPARE(bySrc.size(), size_t(300));
        model.setRows(std::make_shared<std::vector<uint32_t>>(bySrc));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("10.0.0.1"));
        QCOMPARE(model.index(299, 2).data().toString(), QStringLiteral("10.0.1.5"));
        // Info sort needs decoding: still correct.
        auto byInfo = sortRows(model.source(), model.currentRows(), PacketColumn::Info, false, stop);
        model.setRows(std::make_shared<std::vector<uint32_t>>(byInfo));
        for (int r = 1; r < model.rowCount(); ++r)
            QVERIFY(model.index(r - 1, 6).data().toString() <= model.index(r, 6).data().toString());
        // A stopped job returns nothing.
        stop = true;
        QVERIFY(filterRows(model.source(), dns, 0, m_records->size(), stop).empty());
    }

    void evidenceAndTimeModes()
    {
        PacketListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < 5; ++i)
            addPacket(PacketBuilder::tcpFrame(QStringLiteral("10.0.0.1"), 1, QStringLiteral("10.0.0.2"), 2, tcpflags::Syn),
                      1735725600ll * 1000000000 + int64_t(i) * 1500000000);
        m_spool->flush();
        model.setSource(source());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(2, 1).data().toString(), QStringLiteral("3.000000"));
        model.setRelativeTime(false);
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("2025-01-01 10:00:00.000000"));
        QVERIFY(!model.index(3, 0).data(Qt::BackgroundRole).isValid());
        model.setEvidence({{4, Severity::Critical}});
        QCOMPARE(model.index(3, 0).data(Qt::BackgroundRole).value<QColor>(), severityColor(Severity::Critical));
        QCOMPARE(model.index(3, 0).data(PacketListModel::SeverityRole).toInt(), int(Severity::Critical));
        QVERIFY(!model.index(2, 0).data(PacketListModel::SeverityRole).isValid());
    }

    void spoolRoundTrip()
    {
        const QByteArray a(100, 'a'), b(3000, 'b');
        const uint64_t oa = m_spool->append(1, reinterpret_cast<const uint8_t *>(a.constData()), uint32_t(a.size()));
        const uint64_t ob = m_spool->append(113, reinterpret_cast<const uint8_t *>(b.constData()), uint32_t(b.size()));
        QVERIFY(m_spool->flush());
        PacketSpool::Packet p;
        QVERIFY(m_spool->read(ob, p));
        QCOMPARE(p.linkType, 113);
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(p.bytes.data()), qsizetype(p.bytes.size())), b);
        QVERIFY(m_spool->read(oa, p));
        QCOMPARE(p.bytes.size(), size_t(100));
        QVERIFY(!m_spool->read(ob + 1000000, p)); // past the end: no crash, no bytes
    }
};

QTEST_MAIN(TstPacketListModel)
#include "tst_packetlistmodel.moc"
