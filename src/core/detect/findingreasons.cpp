// SPDX-License-Identifier: GPL-3.0-or-later
// Which of a finding's metrics made its detector fire: each category's
// metrics and the settings they are held to, next to the detectors that
// hold them (keep in step with them).
#include "findingreasons.h"

#include "detectionsettings.h"

namespace packetlens {

namespace {
// A metric held to a setting: value >= setting (atLeast) or value <= setting.
struct Rule
{
    const char *metric;
    const char *setting; // nullptr: the metric is the reason itself
    bool atLeast = true;
};

struct CategoryRules
{
    const char *category;
    const char *section; // of DetectionSettings
    std::vector<Rule> rules;
};

const std::vector<CategoryRules> &allRules()
{
    static const std::vector<CategoryRules> rules = {
        {"port_scan", "port_scan", {{"ports_failed", "min_ports"}, {"max_ports_in_window", "min_ports"}}},
        {"host_sweep", "host_sweep", {{"hosts_counted", "min_hosts"}, {"max_hosts_in_window", "min_hosts"}}},
        {"syn_flood", "syn_flood", {{"rate_pps", "min_rate"}, {"peak_window_packets", "min_syns"}, {"answered_ratio", "max_answered_ratio", false}}},
        {"udp_flood", "udp_flood", {{"rate_pps", "min_rate"}, {"peak_window_packets", "min_packets"}, {"answered_ratio", "max_reply_ratio", false}}},
        {"tcp_flood", "tcp_flood", {{"rate_pps", "min_rate"}, {"peak_window_packets", "min_packets"}}},
        {"icmp_flood", "icmp_flood", {{"rate_pps", "min_rate"}, {"peak_window_packets", "min_packets"}, {"answered_ratio", "max_reply_ratio", false}}},
        {"ddos", "ddos", {{"sources", "min_sources"}, {"rate_pps", "min_rate"}, {"packets", "min_packets"}, {"answered_ratio", "max_reply_ratio", false}}},
        {"dns_tunneling", "dns_tunneling", {{"unique_subdomains", "min_unique_subdomains"}, {"high_entropy_names", "min_suspicious_names"},
                                            {"long_labels", "min_suspicious_names"}, {"max_label_length", "long_label"}}},
        {"dga", "dga", {{"max_in_window", "min_domains"}, {"generated_looking_domains", "min_domains"}, {"nxdomain_domains", nullptr}}},
        {"icmp_tunneling", "icmp_tunneling", {{"messages", "min_packets"}, {"data_bytes", "min_bytes"}}},
        {"beaconing", "beaconing", {{"contacts", "min_contacts"}, {"score", "min_score"}, {"median_interval_s", "min_interval_s"}}},
        {"brute_force", "brute_force", {{"max_in_window", "min_failures"}, {"failed_logins", "min_failures"}, {"short_sessions", "min_failures"}}},
        {"arp_spoofing", "arp_spoofing", {{"max_in_window", "gratuitous_burst"}, {"claimants", nullptr}, {"unsolicited_replies", nullptr},
                                          {"relayed_remote_addresses", nullptr}}},
        {"name_poisoning", "name_poisoning", {{"names_answered", "min_names"}, {"hosts_answered", nullptr}, {"wpad", nullptr}}},
        {"malformed_traffic", "malformed_traffic", {{"malformed", "min_packets"}, {"impossible_flags", "min_packets"}, {"land_attack", nullptr}}},
        {"cleartext_credentials", nullptr, {{"protocol", nullptr}, {"logins", nullptr}, {"distinct_users", nullptr}}},
        {"suspicious_port", nullptr, {{"payload", nullptr}, {"connections", nullptr}, {"scope", nullptr}}},
        {"protocol_mismatch", nullptr, {{"protocol", nullptr}, {"first_message", nullptr}, {"other_service_port", nullptr}}},
        {"ioc_match", nullptr, {{"indicator", nullptr}, {"match", nullptr}, {"object_name", nullptr}}},
    };
    return rules;
}

bool isZero(const QJsonValue &v)
{
    return v.isUndefined() || v.isNull() || (v.isDouble() && v.toDouble() == 0) || (v.isBool() && !v.toBool())
           || (v.isString() && v.toString().isEmpty());
}
} // namespace

std::vector<FindingReason> findingReasons(const ReportFinding &f, const DetectionSettings &settings)
{
    std::vector<FindingReason> out;
    for (const CategoryRules &c : allRules()) {
        if (f.category != QLatin1String(c.category))
            continue;
        for (const Rule &r : c.rules) {
            const QJsonValue v = f.metrics.value(QLatin1String(r.metric));
            if (isZero(v))
                continue;
            FindingReason reason{QLatin1String(r.metric), v};
            if (r.setting && c.section) {
                reason.hasThreshold = true;
                reason.atLeast = r.atLeast;
                reason.threshold = settings.number(c.section, r.setting);
                const double x = v.toDouble();
                if (!v.isDouble() || (r.atLeast ? x < reason.threshold : x > reason.threshold))
                    continue; // measured, but not what made it fire
            }
            out.push_back(reason);
        }
    }
    return out;
}


} // namespace packetlens
