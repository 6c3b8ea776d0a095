// SPDX-License-Identifier: GPL-3.0-or-later
#include "iocdetector.h"

#include <algorithm>

namespace packetlens {

IocDetector::IocDetector(const DetectionSettings &s) : m_iocs(s.iocs) {}

IocDetector::Hit &IocDetector::hit(uint64_t number, int64_t tsNs, const std::string &host, const QString &indicator, const char *how)
{
    if (m_hits.size() >= 10000 && !m_hits.count({host, indicator}))
        return m_dropped;
    Hit &h = m_hits[{host, indicator}];
    if (h.count == 0) {
        h.firstNs = tsNs;
        h.how = how;
    }
    h.count++;
    h.lastNs = tsNs;
    addEvidence(h.evidence, number);
    return h;
}

void IocDetector::onPacket(const PacketContext &pc)
{
    if (m_iocs.isEmpty())
        return;
    const DecodedPacket &d = *pc.d;
    if (d.src.isValid()) {
        if (m_iocs.matchesIp(d.dst))
            hit(pc.number, pc.tsNs, d.src.toString(), QString::fromStdString(d.dst.toString()), "ioc.how.to_address");
        else if (m_iocs.matchesIp(d.src))
            hit(pc.number, pc.tsNs, d.dst.toString(), QString::fromStdString(d.src.toString()), "ioc.how.from_address");
    }
    QString name;
    const char *how = nullptr;
    if ((d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr) && !d.dns.isResponse && !d.dns.qname.empty()) {
        name = QString::fromStdString(d.dns.qname);
        how = "ioc.how.dns";
    } else if (d.httpMessage && d.http.isRequest && !d.http.host.empty()) {
        name = QString::fromStdString(d.http.host).section(QLatin1Char(':'), 0, 0);
        how = "ioc.how.http";
    } else if (d.app == Proto::Tls && !d.tls.sni.empty()) {
        name = QString::fromStdString(d.tls.sni);
        how = "ioc.how.tls";
    }
    if (!name.isEmpty()) {
        const QString dom = m_iocs.matchingDomain(name);
        if (!dom.isEmpty())
            hit(pc.number, pc.tsNs, d.src.toString(), dom, how);
    }
}

// A file whose SHA-256 is listed: blamed on the host that fetched (HTTP) or
// sent it (SMTP, FTP client); its evidence is the packet that completed it.
void IocDetector::onObject(const CapturedObject &o)
{
    if (!m_iocs.matchesSha256(o.sha256))
        return;
    if (m_files.size() < kMaxFiles)
        m_files.push_back(o);
    else
        countFile(o); // beyond what is held: counted now, out of frame order
}

void IocDetector::countFile(const CapturedObject &o)
{
    Hit &h = hit(o.frame, o.tsNs, o.client.toStdString(), o.sha256.toLower(), "ioc.how.file");
    if (&h != &m_dropped && !h.object)
        h.object = std::make_shared<const CapturedObject>(o);
}

// Files come as they complete; they are counted in frame order, after the
// packets, so a finding does not depend on when each conversation ended.
void IocDetector::countFiles()
{
    std::stable_sort(m_files.begin(), m_files.end(), [](const CapturedObject &a, const CapturedObject &b) { return a.frame < b.frame; });
    for (const CapturedObject &o : m_files)
        countFile(o);
    m_files.clear();
}

void IocDetector::describe(Finding &f, const Hit &h, const QString &indicator)
{
    const Message how = message(h.how);
    const QString howText = renderMessage(how, QStringLiteral("en")); // the metrics keep English
    if (!h.object) {
        f.setSummary(message("ioc.summary", {f.source, phraseArg(how), indicator, qint64(h.count)}));
        f.metrics = QJsonObject{{QStringLiteral("indicator"), indicator}, {QStringLiteral("match"), howText}};
        f.setRecommendation(message("ioc.recommendation", {f.source, indicator}));
        return;
    }
    const CapturedObject &o = *h.object;
    const QString proto = o.protocol.toUpper();
    f.setSummary(message("ioc.file.summary", {f.source, proto, o.name, o.type, o.size, indicator,
                                              h.count > 1 ? phraseArg(message("ioc.file.times", {qint64(h.count)})) : QJsonValue(QString())}));
    f.metrics = QJsonObject{{QStringLiteral("indicator"), indicator},
                            {QStringLiteral("match"), howText},
                            {QStringLiteral("object_name"), o.name},
                            {QStringLiteral("object_protocol"), o.protocol},
                            {QStringLiteral("object_size_bytes"), o.size},
                            {QStringLiteral("object_host"), o.host}};
    f.mitre = {QStringLiteral("T1105")};
    f.setRecommendation(message("ioc.file.recommendation", {f.source, o.name, indicator, proto, o.host}));
}

void IocDetector::finish(std::vector<Finding> &out)
{
    countFiles();
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
        f.setThreshold(message("ioc.threshold"));
        f.packets = h.evidence;
        describe(f, h, key.second);
        f.matchKey = key.second;
        out.push_back(f);
    }
}

} // namespace packetlens
