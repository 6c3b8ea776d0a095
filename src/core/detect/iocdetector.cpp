// SPDX-License-Identifier: GPL-3.0-or-later
#include "iocdetector.h"

namespace packetlens {

IocDetector::IocDetector(const DetectionSettings &s) : m_iocs(s.iocs) {}

void IocDetector::hit(const PacketContext &pc, const std::string &host, const QString &indicator, const QString &how)
{
    if (m_hits.size() >= 10000 && !m_hits.count({host, indicator}))
        return;
    Hit &h = m_hits[{host, indicator}];
    if (h.count == 0) {
        h.firstNs = pc.tsNs;
        h.how = how;
    }
    h.count++;
    h.lastNs = pc.tsNs;
    addEvidence(h.evidence, pc.number);
}

void IocDetector::onPacket(const PacketContext &pc)
{
    if (m_iocs.isEmpty())
        return;
    const DecodedPacket &d = *pc.d;
    if (d.src.isValid()) {
        if (m_iocs.matchesIp(d.dst))
            hit(pc, d.src.toString(), QString::fromStdString(d.dst.toString()), QStringLiteral("traffic to a listed address"));
        else if (m_iocs.matchesIp(d.src))
            hit(pc, d.dst.toString(), QString::fromStdString(d.src.toString()), QStringLiteral("traffic from a listed address"));
    }
    QString name, how;
    if ((d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr) && !d.dns.isResponse && !d.dns.qname.empty()) {
        name = QString::fromStdString(d.dns.qname);
        how = QStringLiteral("DNS query for a listed domain");
    } else if (d.httpMessage && d.http.isRequest && !d.http.host.empty()) {
        name = QString::fromStdString(d.http.host).section(QLatin1Char(':'), 0, 0);
        how = QStringLiteral("HTTP request to a listed domain");
    } else if (d.app == Proto::Tls && !d.tls.sni.empty()) {
        name = QString::fromStdString(d.tls.sni);
        how = QStringLiteral("TLS connection to a listed domain");
    }
    if (!name.isEmpty()) {
        const QString dom = m_iocs.matchingDomain(name);
        if (!dom.isEmpty())
            hit(pc, d.src.toString(), dom, how);
    }
}

void IocDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[key, h] : m_hits) {
        Finding f;
        f.category = QStringLiteral("ioc_match");
        f.severity = Severity::High;
        f.confidence = 0.9;
        f.source = QString::fromStdString(key.first);
        f.targets = {key.second};
        f.firstNs = h.firstNs;
        f.lastNs = h.lastNs;
        f.count = h.count;
        f.summary = QStringLiteral("%1: %2 %3 (%4 packets)").arg(f.source, h.how, key.second).arg(h.count);
        f.threshold = QStringLiteral("any match with the indicator lists");
        f.packets = h.evidence;
        f.metrics = QJsonObject{{QStringLiteral("indicator"), key.second}, {QStringLiteral("match"), h.how}};
        f.mitre = {};
        f.recommendation = QStringLiteral("Investigate %1 for compromise: it communicated with the listed indicator %2.")
                               .arg(f.source, key.second);
        f.matchKey = key.second;
        out.push_back(f);
    }
}

} // namespace packetlens
