// SPDX-License-Identifier: GPL-3.0-or-later
// PortDetector's findings: the severity a port-number alarm deserves from what
// corroborates it.
#include "portdetector.h"

namespace packetlens {

namespace {

const char *scopeText(detect::Scope s)
{
    switch (s) {
    case detect::Scope::Loopback: return "on this host (loopback)";
    case detect::Scope::LinkLocal: return "on the local link";
    case detect::Scope::Private: return "inside the network";
    case detect::Scope::Public: return "with the outside";
    }
    return "";
}

// A port number alone is policy information: low when the traffic crosses to
// the outside, info when it stays inside.
Severity portOnly(detect::Scope s) { return s == detect::Scope::Public ? Severity::Low : Severity::Info; }

} // namespace

void PortDetector::finish(std::vector<Finding> &out)
{
    raiseSuspicious(out);
    raiseMismatches(out);
}

void PortDetector::raiseSuspicious(std::vector<Finding> &out)
{
    for (auto &[key, s] : m_suspicious) {
        Finding f;
        f.category = QStringLiteral("suspicious_port");
        const int port = std::get<2>(key);
        const bool corroborated = s.payload != detect::BackdoorPayload::None;
        f.severity = corroborated ? Severity::High : portOnly(s.scope);
        f.confidence = corroborated ? 0.9 : 0.3;
        f.source = QString::fromStdString(std::get<0>(key));
        f.targets = {QString::fromStdString(std::get<1>(key))};
        f.ports = {port};
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = s.count;
        const Message payload = message(detect::backdoorPayloadId(s.payload));
        const Message what = corroborated ? message("port.with", {phraseArg(payload)}) : message("port.only_sign");
        f.setSummary(message("port.summary", {f.source, qint64(s.bytes), f.targets.first(), QString::number(port), s.detail, qint64(s.count),
                                              s.count == 1 ? QString() : QStringLiteral("s"), phraseArg(what)}));
        f.setThreshold(message("port.threshold"));
        std::sort(s.evidence.begin(), s.evidence.end());
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("bytes"), qint64(s.bytes)},
                                {QStringLiteral("connections"), qint64(s.count)},
                                {QStringLiteral("scope"), QLatin1String(scopeText(s.scope))}};
        if (corroborated)
            f.metrics.insert(QStringLiteral("payload"), renderMessage(payload, QStringLiteral("en")));
        f.mitre = {QStringLiteral("T1571")};
        f.setRecommendation(message(corroborated ? "port.recommendation.corroborated" : "port.recommendation", {f.source, f.targets.first(), QString::number(port)}));
        out.push_back(f);
    }
}

void PortDetector::raiseMismatches(std::vector<Finding> &out)
{
    for (auto &[key, s] : m_mismatch) {
        Finding f;
        f.category = QStringLiteral("protocol_mismatch");
        const QString proto = std::get<3>(key);
        const int port = std::get<2>(key);
        // On the port of another well-known service (HTTP to 22) it is worth a
        // look; elsewhere (an application's API on a high port) policy information.
        const bool local = s.scope == detect::Scope::Loopback || s.scope == detect::Scope::LinkLocal;
        f.severity = s.otherService && !local ? Severity::Medium : port < 1024 ? portOnly(s.scope) : Severity::Info;
        f.confidence = s.otherService ? 0.8 : 0.4;
        f.source = QString::fromStdString(std::get<0>(key));
        f.targets = {QString::fromStdString(std::get<1>(key))};
        f.ports = {port};
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = s.count;
        f.setSummary(message("mismatch.summary", {f.source, proto, f.targets.first(), QString::number(port), qint64(s.count),
                                                  s.count == 1 ? QString() : QStringLiteral("s"), s.detail}));
        f.setThreshold(message("mismatch.threshold", {proto}));
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("protocol"), proto}, {QStringLiteral("messages"), qint64(s.count)},
                                {QStringLiteral("first_message"), s.detail},
                                {QStringLiteral("other_service_port"), s.otherService},
                                {QStringLiteral("scope"), QLatin1String(scopeText(s.scope))}};
        f.mitre = {QStringLiteral("T1571")};
        f.setRecommendation(message("mismatch.recommendation", {f.targets.first(), QString::number(port), f.source, proto}));
        out.push_back(f);
    }
}

} // namespace packetlens
