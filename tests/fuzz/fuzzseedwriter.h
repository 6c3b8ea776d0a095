// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

namespace packetlens::fuzz {

// Writes seed files under OUT/<target>/, one per distinct content, at most
// kMaxPerTarget per target (the same captures' packets would otherwise give
// thousands of near-copies).
class SeedWriter
{
public:
    static constexpr int kMaxPerTarget = 600;
    explicit SeedWriter(const QString &outDir) : m_out(outDir) {}

    void add(const QString &target, const QByteArray &bytes);
    // A capture file as capture/analyze seeds, and its packets as the
    // decoder, app and DNS/HTTP/TLS targets' seeds.
    void addCapture(const QString &path);
    void printCounts() const;

private:
    void addPackets(const QString &path);
    QString m_out;
    QHash<QString, int> m_counts;
    QSet<QByteArray> m_seen;
};

} // namespace packetlens::fuzz
