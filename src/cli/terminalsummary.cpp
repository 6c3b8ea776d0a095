#include "terminalsummary.h"

#include "core/util/format.h"

#include <QJsonArray>

#include <cstdio>
#include <unistd.h>

namespace packetlens::cli {

void printSummary(QTextStream &out, const QJsonObject &r, int topN)
{
    const QJsonObject cap = r.value(QStringLiteral("capture")).toObject();
    QStringList links;
    for (const QJsonValue &v : cap.value(QStringLiteral("link_types")).toArray())
        links << v.toObject().value(QStringLiteral("name")).toString();
    out << cap.value(QStringLiteral("file_name")).toString() << "\n";
    out << "  format      " << cap.value(QStringLiteral("format")).toString();
    if (cap.contains(QStringLiteral("container")))
        out << " in " << cap.value(QStringLiteral("container")).toString();
    out << "  (" << links.join(QStringLiteral(", ")) << ")\n";
    out << "  sha256      " << cap.value(QStringLiteral("sha256")).toString() << "\n";
    out << "  packets     " << qint64(cap.value(QStringLiteral("packets")).toDouble()) << "  ("
        << humanBytes(cap.value(QStringLiteral("bytes")).toDouble()) << ")\n";
    out << "  time        " << cap.value(QStringLiteral("first_ts")).toString() << " .. "
        << cap.value(QStringLiteral("last_ts")).toString() << "  ("
        << QString::number(cap.value(QStringLiteral("duration_s")).toDouble(), 'f', 3) << " s)\n";
    if (cap.value(QStringLiteral("truncated")).toBool())
        out << "  TRUNCATED   at byte " << qint64(cap.value(QStringLiteral("truncated_at")).toDouble()) << "\n";
    for (const QJsonValue &w : cap.value(QStringLiteral("warnings")).toArray())
        out << "  warning     " << w.toString() << "\n";

    out << "  protocols  ";
    int shown = 0;
    for (const QJsonValue &v : r.value(QStringLiteral("protocols")).toArray()) {
        const QJsonObject p = v.toObject();
        if (p.value(QStringLiteral("path")).toString().count(QLatin1Char(':')) > 3)
            continue;
        out << " " << p.value(QStringLiteral("name")).toString() << ":" << qint64(p.value(QStringLiteral("packets")).toDouble());
        if (++shown >= 16)
            break;
    }
    out << "\n  top talkers\n";
    int n = 0;
    for (const QJsonValue &v : r.value(QStringLiteral("endpoints")).toArray()) {
        const QJsonObject e = v.toObject();
        const double bytes = e.value(QStringLiteral("bytes_sent")).toDouble() + e.value(QStringLiteral("bytes_received")).toDouble();
        out << "    " << e.value(QStringLiteral("ip")).toString().leftJustified(40) << humanBytes(bytes) << "\n";
        if (++n >= topN)
            break;
    }
    const QJsonObject states = r.value(QStringLiteral("conversation_states")).toObject();
    out << "  conversations " << qint64(r.value(QStringLiteral("conversations_total")).toDouble());
    QStringList st;
    for (auto it = states.begin(); it != states.end(); ++it)
        st << QStringLiteral("%1:%2").arg(it.key()).arg(qint64(it.value().toDouble()));
    out << "  (" << st.join(QLatin1Char(' ')) << ")\n";
    const QJsonArray findings = r.value(QStringLiteral("findings")).toArray();
    if (findings.isEmpty()) {
        out << "  findings    none\n";
    } else {
        out << "  findings    " << findings.size() << "\n";
        int shownFindings = 0;
        for (const QJsonValue &v : findings) {
            const QJsonObject f = v.toObject();
            out << "    " << f.value(QStringLiteral("id")).toString().leftJustified(4) << " "
                << f.value(QStringLiteral("severity")).toString().toUpper().leftJustified(9)
                << f.value(QStringLiteral("category")).toString().leftJustified(22)
                << f.value(QStringLiteral("summary")).toString() << "\n";
            if (++shownFindings >= 3 * topN) {
                out << "    … " << findings.size() - shownFindings << " more in the JSON report\n";
                break;
            }
        }
        const QJsonArray sus = r.value(QStringLiteral("suspicious_ips")).toArray();
        if (!sus.isEmpty()) {
            out << "  suspicious IPs\n";
            int k = 0;
            for (const QJsonValue &v : sus) {
                const QJsonObject s = v.toObject();
                QStringList cats;
                for (const QJsonValue &c : s.value(QStringLiteral("categories")).toArray())
                    cats << c.toString();
                out << "    " << s.value(QStringLiteral("ip")).toString().leftJustified(40) << "score "
                    << s.value(QStringLiteral("score")).toInt() << "  " << cats.join(QStringLiteral(", ")) << "\n";
                if (++k >= topN)
                    break;
            }
        }
    }
    const QJsonArray anomalies = r.value(QStringLiteral("anomalies")).toArray();
    if (!anomalies.isEmpty()) {
        out << "  anomalies\n";
        for (const QJsonValue &v : anomalies) {
            const QJsonObject a = v.toObject();
            out << "    " << a.value(QStringLiteral("kind")).toString() << " [" << a.value(QStringLiteral("protocol")).toString()
                << "] x" << qint64(a.value(QStringLiteral("count")).toDouble()) << ": " << a.value(QStringLiteral("detail")).toString() << "\n";
        }
    }
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
