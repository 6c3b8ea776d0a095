// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectionoptions.h"

namespace packetlens::cli {

QCommandLineOption allowOption()
{
    return {QStringLiteral("allow"),
            QStringLiteral("Allow list: IPs, CIDRs, domains or finding categories whose findings are suppressed (text or CSV, one per line)."),
            QStringLiteral("FILE")};
}

QCommandLineOption iocsOption()
{
    return {QStringLiteral("iocs"),
            QStringLiteral("Block list of IPs, CIDRs, domains and file SHA-256 hashes for ioc_match (text or CSV, one per line; may be repeated)."),
            QStringLiteral("FILE")};
}

QCommandLineOption configOption()
{
    return {QStringLiteral("config"), QStringLiteral("Detection thresholds as JSON (see docs/detections.md)."), QStringLiteral("FILE")};
}

QCommandLineOption noDetectOption()
{
    return {QStringLiteral("no-detect"), QStringLiteral("Skip threat detection.")};
}

bool loadDetectionOptions(const QCommandLineParser &p, AnalyzerSettings &settings, QTextStream &err)
{
    auto detection = std::make_shared<DetectionSettings>();
    QString why;
    if (p.isSet(QStringLiteral("config")) && !detection->loadFile(p.value(QStringLiteral("config")), &why)) {
        err << "packetlens-cli: --config " << why << "\n";
        return false;
    }
    if (p.isSet(QStringLiteral("allow")) && !detection->allow.loadFile(p.value(QStringLiteral("allow")), &why)) {
        err << "packetlens-cli: --allow " << why << "\n";
        return false;
    }
    for (const QString &f : p.values(QStringLiteral("iocs"))) {
        if (!detection->iocs.loadFile(f, &why)) {
            err << "packetlens-cli: --iocs " << why << "\n";
            return false;
        }
    }
    settings.detection = detection;
    settings.detect = !p.isSet(QStringLiteral("no-detect"));
    return true;
}

} // namespace packetlens::cli
