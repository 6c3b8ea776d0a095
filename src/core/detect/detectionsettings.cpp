// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectionsettings.h"
#include "core/report/errortext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace packetlens {

QJsonObject DetectionSettings::defaults()
{
    // Sources and reasons for each value: docs/detections.md.
    return QJsonObject{
        {QStringLiteral("port_scan"), QJsonObject{{QStringLiteral("min_ports"), 15}, {QStringLiteral("window_s"), 300}}},
        {QStringLiteral("host_sweep"), QJsonObject{{QStringLiteral("min_hosts"), 25}, {QStringLiteral("window_s"), 300}}},
        {QStringLiteral("syn_flood"), QJsonObject{{QStringLiteral("min_rate"), 256}, {QStringLiteral("min_syns"), 50},
                                                  {QStringLiteral("max_answered_ratio"), 0.2}}},
        {QStringLiteral("tcp_flood"), QJsonObject{{QStringLiteral("min_rate"), 250}, {QStringLiteral("high_rate"), 1000},
                                                  {QStringLiteral("min_packets"), 300}, {QStringLiteral("max_reply_ratio"), 0.2}}},
        {QStringLiteral("udp_flood"), QJsonObject{{QStringLiteral("min_rate"), 250}, {QStringLiteral("high_rate"), 1000},
                                                  {QStringLiteral("min_packets"), 300},
                                                  {QStringLiteral("max_reply_ratio"), 0.2}}},
        {QStringLiteral("icmp_flood"), QJsonObject{{QStringLiteral("min_rate"), 100}, {QStringLiteral("min_packets"), 100},
                                                   {QStringLiteral("max_reply_ratio"), 0.2}}},
        {QStringLiteral("ddos"), QJsonObject{{QStringLiteral("min_sources"), 50}, {QStringLiteral("min_rate"), 250},
                                             {QStringLiteral("high_rate"), 500},
                                             {QStringLiteral("min_packets"), 1000}, {QStringLiteral("max_reply_ratio"), 0.2}}},
        {QStringLiteral("dns_tunneling"), QJsonObject{{QStringLiteral("min_unique_subdomains"), 100},
                                                      {QStringLiteral("long_label"), 48},
                                                      {QStringLiteral("min_entropy"), 3.8},
                                                      {QStringLiteral("min_suspicious_names"), 10},
                                                      {QStringLiteral("txt_null_ratio"), 0.5},
                                                      {QStringLiteral("min_queries_for_ratio"), 20}}},
        {QStringLiteral("dga"), QJsonObject{{QStringLiteral("min_domains"), 25}, {QStringLiteral("window_s"), 600}}},
        {QStringLiteral("icmp_tunneling"), QJsonObject{{QStringLiteral("min_packets"), 20}, {QStringLiteral("min_bytes"), 10000},
                                                       {QStringLiteral("differing_reply_ratio"), 0.5}}},
        {QStringLiteral("beaconing"), QJsonObject{{QStringLiteral("min_contacts"), 10}, {QStringLiteral("min_score"), 0.8},
                                                  {QStringLiteral("contact_gap_s"), 2}, {QStringLiteral("min_interval_s"), 5}}},
        {QStringLiteral("brute_force"), QJsonObject{{QStringLiteral("min_failures"), 30}, {QStringLiteral("window_s"), 1800},
                                                    {QStringLiteral("short_session_packets"), 100},
                                                    {QStringLiteral("short_session_s"), 60}}},
        {QStringLiteral("arp_spoofing"), QJsonObject{{QStringLiteral("gratuitous_burst"), 10}, {QStringLiteral("burst_window_s"), 10}}},
        {QStringLiteral("name_poisoning"), QJsonObject{{QStringLiteral("min_names"), 3}}},
        {QStringLiteral("malformed_traffic"), QJsonObject{{QStringLiteral("min_packets"), 5}}},
        {QStringLiteral("suspicious_port"), QJsonObject{{QStringLiteral("ports"),
            QJsonArray{1337, 1234, 2745, 3127, 4444, 5554, 6666, 6667, 6668, 6669, 9001, 9030, 12345, 12346, 20034, 27374, 31337, 54320, 65506}}}},
        {QStringLiteral("limits"), QJsonObject{{QStringLiteral("max_tracked"), 50000}, {QStringLiteral("max_findings_per_category"), 100}}},
    };
}

DetectionSettings::DetectionSettings() : m_values(defaults()) {}

namespace {
constexpr double kMaxSetting = 1e9; // a billion seconds is 1e18 ns: still fits in 64 bits
} // namespace

bool DetectionSettings::merge(const QJsonObject &user, QString *error)
{
    for (auto it = user.begin(); it != user.end(); ++it) {
        if (!m_values.contains(it.key())) {
            *error = errorText("error.settings.unknown_detector", {it.key()});
            return false;
        }
        QJsonObject section = m_values.value(it.key()).toObject();
        const QJsonObject given = it.value().toObject();
        for (auto k = given.begin(); k != given.end(); ++k) {
            if (!section.contains(k.key())) {
                *error = errorText("error.settings.unknown_setting", {it.key(), k.key()});
                return false;
            }
            if (section.value(k.key()).type() != k.value().type()) {
                *error = errorText("error.settings.wrong_type", {it.key(), k.key()});
                return false;
            }
            // Every threshold is a count, a rate, a ratio, a score or a time:
            // the detectors turn them into integers and nanoseconds, which a
            // negative or huge value would not fit (-5 labels, 1e308 s).
            const double v = k.value().toDouble();
            if (k.value().isDouble() && !(v >= 0 && v <= kMaxSetting)) {
                *error = errorText("error.settings.range", {it.key(), k.key(), QString::number(qint64(kMaxSetting))});
                return false;
            }
            section.insert(k.key(), k.value());
        }
        m_values.insert(it.key(), section);
    }
    return true;
}

bool DetectionSettings::loadFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &pe);
    if (!doc.isObject()) {
        *error = errorText("error.settings.not_object", {path, pe.errorString()});
        return false;
    }
    QString why;
    if (!merge(doc.object(), &why)) {
        *error = QStringLiteral("%1: %2").arg(path, why);
        return false;
    }
    return true;
}

double DetectionSettings::number(const char *detector, const char *key) const
{
    return m_values.value(QLatin1String(detector)).toObject().value(QLatin1String(key)).toDouble();
}

} // namespace packetlens
