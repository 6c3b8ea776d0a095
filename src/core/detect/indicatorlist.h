// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/ipaddress.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <unordered_set>
#include <vector>

namespace packetlens {

// A list of IPs, CIDR ranges, domains (a domain matches its subdomains),
// SHA-256 hashes of files (64 hex digits) and, for allow lists, finding categories. Read from plain text or CSV (first
// field of each line; '#' starts a comment).
class IndicatorList
{
public:
    bool loadFile(const QString &path, QString *error);
    void add(const QString &entry);
    bool isEmpty() const { return m_ips.empty() && m_cidrs.empty() && m_domains.isEmpty() && m_categories.isEmpty() && m_hashes.isEmpty(); }

    bool matchesIp(const IpAddress &ip) const;
    bool matchesIpText(const QString &ip) const;
    // The listed domain that `name` is or is under, or an empty string.
    QString matchingDomain(const QString &name) const;
    // A file's SHA-256 (hex, any case) is listed.
    bool matchesSha256(const QString &hex) const { return !m_hashes.isEmpty() && m_hashes.contains(hex.toLower()); }
    bool hasHashes() const { return !m_hashes.isEmpty(); }
    bool hasCategory(const QString &category) const { return m_categories.contains(category); }
    // Changes when the entries change (for the analysis-settings hash).
    QString fingerprint() const;
    int size() const { return int(m_ips.size() + m_cidrs.size()) + int(m_domains.size() + m_categories.size() + m_hashes.size()); }

private:
    struct Cidr
    {
        IpAddress net;
        int bits = 0;
    };
    std::unordered_set<IpAddress> m_ips;
    std::vector<Cidr> m_cidrs;
    QSet<QString> m_domains;
    QSet<QString> m_categories;
    QSet<QString> m_hashes; // lower-case hex
};

} // namespace packetlens
