// SPDX-License-Identifier: GPL-3.0-or-later
#include "terminalsummary.h"

#include "core/report/timeformat.h"
#include "core/util/format.h"

#include <algorithm>

#include <cstdio>
#include <unistd.h>

namespace packetlens::cli {

namespace {
QString timestampText(const std::optional<int64_t> &ns, int digits)
{
    return ns ? isoTimestamp(*ns, digits) : QString();
}

void printCapture(QTextStream &out, const CaptureSection &cap)
{
    QStringList links;
    for (const LinkTypeCount &l : cap.linkTypes)
        links << l.name;
    out << cap.fileName << "\n";
    out << "  format      " << cap.format;
    if (!cap.container.isEmpty())
        out << " in " << cap.container;
    out << "  (" << links.join(QStringLiteral(", ")) << ")\n";
    out << "  sha256      " << cap.sha256 << "\n";
    out << "  packets     " << cap.packets << "  (" << humanBytes(double(cap.bytes)) << ")\n";
    out << "  time        " << timestampText(cap.firstNs, cap.timeDigits) << " .. " << timestampText(cap.lastNs, cap.timeDigits)
        << "  (" << QString::number(cap.durationS, 'f', 3) << " s)\n";
    if (cap.truncated)
        out << "  TRUNCATED   at byte " << cap.truncatedAt.value_or(0) << "\n";
    for (const QString &w : cap.warnings)
        out << "  warning     " << w << "\n";
}

void printTraffic(QTextStream &out, const Report &r, int topN)
{
    out << "  protocols  ";
    int shown = 0;
    for (const ProtocolNode &p : r.protocols) {
        if (p.path.count(QLatin1Char(':')) > 3)
            continue;
        out << " " << p.name << ":" << p.packets;
        if (++shown >= 16)
            break;
    }
    out << "\n  top talkers\n";
    int n = 0;
    for (const Endpoint &e : r.endpoints) {
        out << "    " << e.ip.leftJustified(40) << humanBytes(double(e.bytesSent) + double(e.bytesReceived)) << "\n";
        if (++n >= topN)
            break;
    }
    out << "  conversations " << r.conversationsTotal;
    // By state name, as the JSON report lists them.
    std::vector<NamedCount> states = r.conversationStates;
    std::sort(states.begin(), states.end(), [](const NamedCount &a, const NamedCount &b) { return a.name < b.name; });
    QStringList st;
    for (const NamedCount &c : states)
        st << QStringLiteral("%1:%2").arg(c.name).arg(c.count);
    out << "  (" << st.join(QLatin1Char(' ')) << ")\n";
}

void printFindings(QTextStream &out, const Report &r, int topN)
{
    const std::vector<ReportFinding> &findings = r.findings();
    if (findings.empty()) {
        out << "  findings    none\n";
        return;
    }
    out << "  findings    " << findings.size() << "\n";
    int shownFindings = 0;
    for (const ReportFinding &f : findings) {
        out << "    " << f.id.leftJustified(4) << " " << severityName(f.severity).toUpper().leftJustified(9)
            << f.category.leftJustified(22) << f.summary << "\n";
        if (++shownFindings >= 3 * topN) {
            out << "    … " << qsizetype(findings.size()) - shownFindings << " more in the JSON report\n";
            break;
        }
    }
    if (r.detection.suspiciousIps.empty())
        return;
    out << "  suspicious IPs\n";
    int k = 0;
    for (const SuspiciousIp &s : r.detection.suspiciousIps) {
        out << "    " << s.ip.leftJustified(40) << "score " << s.score << "  " << s.categories.join(QStringLiteral(", ")) << "\n";
        if (++k >= topN)
            break;
    }
}

// Network health: response-time medians and the worst items (Expert Information).
void printHealth(QTextStream &out, const Report &r, int topN)
{
    const HealthSection &h = r.health;
    if (!h.present)
        return;
    out << "  health      " << h.items.size() << " item(s)";
    const auto median = [&out](const char *name, const LatencyStats &s) {
        if (s.count)
            out << "  " << name << " median " << QString::number(s.medianS * 1000, 'f', 1) << " ms";
    };
    median("tcp rtt", h.latency.tcpHandshake);
    median("dns", h.latency.dns);
    median("http", h.latency.http);
    out << "\n";
    int shown = 0;
    for (const HealthItem &i : h.items) {
        out << "    " << i.severity.toUpper().leftJustified(9) << i.summary << "\n";
        if (++shown >= topN) {
            out << "    … " << qsizetype(h.items.size()) - shown << " more in the JSON report\n";
            break;
        }
    }
}

void printAnomalies(QTextStream &out, const Report &r)
{
    if (r.anomalies.empty())
        return;
    out << "  anomalies\n";
    for (const Anomaly &a : r.anomalies)
        out << "    " << a.kind << " [" << a.protocol << "] x" << a.count << ": " << a.detail << "\n";
}
} // namespace

void printSummary(QTextStream &out, const Report &r, int topN)
{
    printCapture(out, r.capture);
    printTraffic(out, r, topN);
    printFindings(out, r, topN);
    printHealth(out, r, topN);
    printAnomalies(out, r);
    out.flush();
}

ProgressLine::ProgressLine() : m_enabled(isatty(STDERR_FILENO)) {}

void ProgressLine::update(const QString &name, uint64_t packets, uint64_t pos, uint64_t total)
{
    if (!m_enabled)
        return;
    const double frac = total ? double(pos) / double(total) : 0.0;
    const int width = 30;
    const int filled = int(frac * width);
    std::fprintf(stderr, "\r%-30.30s [%-*s] %3d%%  %llu packets", name.toLocal8Bit().constData(), width,
                 QByteArray(filled, '#').constData(), int(frac * 100), (unsigned long long)packets);
    std::fflush(stderr);
    m_dirty = true;
}

void ProgressLine::clear()
{
    if (m_enabled && m_dirty) {
        std::fprintf(stderr, "\r%*s\r", 80, "");
        std::fflush(stderr);
    }
    m_dirty = false;
}

} // namespace packetlens::cli
