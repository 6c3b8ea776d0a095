// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// A capture built packet by packet and analyzed as a file would be (the
// analyzer with the detection engine), for the detectors' scenario tests.
#include "core/report/reportjson.h"
#include "core/service/captureanalysis.h"
#include "support/messagecheck.h"
#include "support/packetbuilder.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#if __has_include(<QTest>) // the fuzz targets use scenarios without Qt Test
#include <QTest>
#define PACKETLENS_SCENARIO_CHECKS_MESSAGES 1
#endif

#include <memory>

namespace packetlens::test {

using PB = PacketBuilder;
using namespace tcpflags;
constexpr int64_t kS = 1000000000;

struct Scenario
{
    AnalyzerSettings settings;
    std::unique_ptr<CaptureAnalysis> a;
    int64_t ts = 1700000000ll * kS;
    uint64_t n = 0;
    std::shared_ptr<DetectionSettings> det = std::make_shared<DetectionSettings>();
    QJsonObject report;

    CaptureAnalysis &an()
    {
        if (!a) {
            settings.detection = det;
            a = std::make_unique<CaptureAnalysis>(settings);
        }
        return *a;
    }
    void at(int64_t t) { ts = t; }
    void add(const QByteArray &frame, int64_t stepNs = 1000000)
    {
        ts += stepNs;
        RawPacket p;
        p.tsSec = ts / kS;
        p.tsNsec = uint32_t(ts % kS);
        p.caplen = p.len = uint32_t(frame.size());
        p.linkType = 1;
        p.data = reinterpret_cast<const uint8_t *>(frame.constData());
        an().addPacket(p);
        ++n;
    }
    // A complete TCP session: handshake, request and response payloads, FIN.
    void session(const QString &c, uint16_t cp, const QString &s, uint16_t sp, const QByteArray &req = {},
                 const QByteArray &resp = {}, int64_t step = 1000000)
    {
        uint32_t cs = 1000, ss = 5000;
        add(PB::tcpFrame(c, cp, s, sp, Syn, cs++), step);
        add(PB::tcpFrame(s, sp, c, cp, Syn | Ack, ss++, cs), step);
        add(PB::tcpFrame(c, cp, s, sp, Ack, cs, ss), step);
        if (!req.isEmpty()) {
            add(PB::tcpFrame(c, cp, s, sp, Psh | Ack, cs, ss, req), step);
            cs += uint32_t(req.size());
        }
        if (!resp.isEmpty()) {
            add(PB::tcpFrame(s, sp, c, cp, Psh | Ack, ss, cs, resp), step);
            ss += uint32_t(resp.size());
        }
        add(PB::tcpFrame(c, cp, s, sp, Fin | Ack, cs, ss), step);
        add(PB::tcpFrame(s, sp, c, cp, Fin | Ack, ss, cs + 1), step);
        add(PB::tcpFrame(c, cp, s, sp, Ack, cs + 1, ss + 1), step);
    }
    QJsonObject finish()
    {
        CaptureMeta m;
        m.timestampDigits = 6;
        const Report r = an().finish(m);
#ifdef PACKETLENS_SCENARIO_CHECKS_MESSAGES
        for (const ReportFinding &f : r.findings()) // every scenario's findings say their texts as messages
            if (const QString problem = messageProblem(f); !problem.isEmpty())
                QTest::qFail(qPrintable(problem), __FILE__, __LINE__);
#endif
        report = ReportJson::toJson(r);
        return report;
    }
    QList<QJsonObject> findings(const QString &category) const
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : report.value(QStringLiteral("findings")).toArray())
            if (v.toObject().value(QStringLiteral("category")).toString() == category)
                out << v.toObject();
        return out;
    }
    // Nothing at medium or above (the bar for benign look-alikes).
    QString mediumOrAbove() const
    {
        QStringList bad;
        for (const QJsonValue &v : report.value(QStringLiteral("findings")).toArray()) {
            const QString sev = v.toObject().value(QStringLiteral("severity")).toString();
            if (sev == QLatin1String("medium") || sev == QLatin1String("high") || sev == QLatin1String("critical"))
                bad << v.toObject().value(QStringLiteral("summary")).toString();
        }
        return bad.join(QStringLiteral(" | "));
    }
};

// 10.x.y.z addresses numbered a (network) and b (host).
inline QString ip(int a, int b) { return QStringLiteral("10.%1.%2.%3").arg(a / 250).arg(a % 250 + 1).arg(b % 250 + 1); }

} // namespace packetlens::test
