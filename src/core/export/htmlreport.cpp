#include "htmlreport.h"

#include "../util/format.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace packetlens {

namespace {
const char kStyle[] = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px} h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #d8dde3;padding-bottom:4px}
.sub{color:#5b6570;margin-bottom:18px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(160px,1fr));gap:10px}
.card{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px 12px}
.card b{display:block;font-size:20px}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #d8dde3}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #eceff2;vertical-align:top}
th{background:#eef1f4;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-weight:600;font-size:12px}
.critical{background:#7b1fa2}.high{background:#c62828}.medium{background:#ef6c00}.low{background:#1565c0}.info{background:#607d8b}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.chart{background:#fff;border:1px solid #d8dde3;border-radius:6px;padding:10px}
.chart h3{margin:0 0 6px;font-size:14px}
svg text{font:11px system-ui,sans-serif;fill:#333}
code{font:12px ui-monospace,monospace;overflow-wrap:anywhere}
td code{white-space:nowrap}
.warn{color:#b45309}
@media print{body{background:#fff}.chart,.card,table{break-inside:avoid}}
@media (max-width:800px){.charts{grid-template-columns:1fr}}
)";

QString num(double v)
{
    return QString::number(qint64(std::llround(v)));
}


// Horizontal bars: label, value.
QString barChart(const QList<QPair<QString, double>> &rows, const QString &color, const QString &unit)
{
    if (rows.isEmpty())
        return QStringLiteral("<p>none</p>");
    double maxV = 1;
    for (const auto &r : rows)
        maxV = std::max(maxV, r.second);
    const int rowH = 20, labelW = 170, barW = 300;
    QString svg = QStringLiteral("<svg role=\"img\" viewBox=\"0 0 %1 %2\" width=\"100%\">").arg(labelW + barW + 90).arg(rows.size() * rowH + 4);
    int y = 2;
    for (const auto &r : rows) {
        const int w = std::max(1, int(barW * r.second / maxV));
        QString label = r.first;
        if (label.size() > 28)
            label = label.left(27) + QChar(0x2026);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" text-anchor=\"end\">%3</text>").arg(labelW - 6).arg(y + 14).arg(HtmlReport::escape(label));
        svg += QStringLiteral("<rect x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" fill=\"%5\"/>").arg(labelW).arg(y + 3).arg(w).arg(rowH - 6).arg(color);
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\">%3%4</text>").arg(labelW + w + 6).arg(y + 14).arg(num(r.second), unit);
        y += rowH;
    }
    return svg + QStringLiteral("</svg>");
}

QString timelineChart(const QJsonObject &timeline)
{
    const QJsonArray pts = timeline.value(QStringLiteral("points")).toArray();
    if (pts.isEmpty())
        return QStringLiteral("<p>none</p>");
    const int w = 500, h = 160, padL = 46, padB = 22;
    double maxP = 1;
    for (const QJsonValue &v : pts)
        maxP = std::max(maxP, v.toObject().value(QStringLiteral("packets")).toDouble());
    QString poly;
    const int n = int(pts.size());
    for (int i = 0; i < n; ++i) {
        const double x = padL + (n == 1 ? 0.0 : double(i) * (w - padL - 4) / (n - 1));
        const double y = (h - padB) - pts[i].toObject().value(QStringLiteral("packets")).toDouble() * (h - padB - 6) / maxP;
        poly += QStringLiteral("%1,%2 ").arg(x, 0, 'f', 1).arg(y, 0, 'f', 1);
    }
    const QString first = HtmlReport::escape(pts.first().toObject().value(QStringLiteral("t")).toString());
    const QString last = HtmlReport::escape(pts.last().toObject().value(QStringLiteral("t")).toString());
    return QStringLiteral("<svg role=\"img\" viewBox=\"0 0 %1 %2\" width=\"100%\">"
                          "<line x1=\"%3\" y1=\"%4\" x2=\"%1\" y2=\"%4\" stroke=\"#999\"/>"
                          "<line x1=\"%3\" y1=\"4\" x2=\"%3\" y2=\"%4\" stroke=\"#999\"/>"
                          "<text x=\"%5\" y=\"12\" text-anchor=\"end\">%6</text>"
                          "<text x=\"%5\" y=\"%4\" text-anchor=\"end\">0</text>"
                          "<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"1.5\" points=\"%7\"/>"
                          "<text x=\"%3\" y=\"%2\">%8</text><text x=\"%1\" y=\"%2\" text-anchor=\"end\">%9</text></svg>")
        .arg(w).arg(h).arg(padL).arg(h - padB).arg(padL - 4).arg(num(maxP), poly.trimmed(), first.left(19), last.left(19))
        + QStringLiteral("<p class=\"sub\">packets per %1 s</p>").arg(timeline.value(QStringLiteral("bucket_s")).toDouble());
}

QString card(const QString &title, const QString &value)
{
    return QStringLiteral("<div class=\"card\">%1<b>%2</b></div>").arg(HtmlReport::escape(title), HtmlReport::escape(value));
}
} // namespace

QString HtmlReport::escape(const QString &text)
{
    QString out = text.toHtmlEscaped();
    out.replace(QLatin1Char('\''), QStringLiteral("&#39;"));
    return out;
}

QString HtmlReport::render(const QJsonObject &r)
{
    const QJsonObject cap = r.value(QStringLiteral("capture")).toObject();
    const QString name = cap.value(QStringLiteral("file_name")).toString();
    QString h;
    h += QStringLiteral("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
                        "<title>PacketLens report: %1</title><style>%2</style></head><body><main>")
             .arg(escape(name), QString::fromLatin1(kStyle));
    h += QStringLiteral("<h1>PacketLens report</h1><div class=\"sub\">%1 &middot; %2 &middot; sha256 <code>%3</code></div>")
             .arg(escape(name), escape(cap.value(QStringLiteral("format")).toString()), escape(cap.value(QStringLiteral("sha256")).toString()));

    // Summary
    const QJsonArray findings = r.value(QStringLiteral("findings")).toArray();
    h += QStringLiteral("<div class=\"cards\">");
    h += card(QStringLiteral("Packets"), num(cap.value(QStringLiteral("packets")).toDouble()));
    h += card(QStringLiteral("Bytes"), humanBytes(cap.value(QStringLiteral("bytes")).toDouble()));
    h += card(QStringLiteral("Duration"), QStringLiteral("%1 s").arg(cap.value(QStringLiteral("duration_s")).toDouble(), 0, 'f', 1));
    h += card(QStringLiteral("Findings"), QString::number(findings.size()));
    h += card(QStringLiteral("Conversations"), num(r.value(QStringLiteral("conversations_total")).toDouble()));
    h += card(QStringLiteral("Endpoints"), num(r.value(QStringLiteral("endpoints_total")).toDouble()));
    h += QStringLiteral("</div><p class=\"sub\">%1 to %2</p>")
             .arg(escape(cap.value(QStringLiteral("first_ts")).toString()), escape(cap.value(QStringLiteral("last_ts")).toString()));
    for (const QJsonValue &w : cap.value(QStringLiteral("warnings")).toArray())
        h += QStringLiteral("<p class=\"warn\">&#9888; %1</p>").arg(escape(w.toString()));

    // Charts
    QList<QPair<QString, double>> protos;
    for (const QJsonValue &v : r.value(QStringLiteral("protocols")).toArray()) {
        const QJsonObject p = v.toObject();
        const QStringList path = p.value(QStringLiteral("path")).toString().split(QLatin1Char(':'));
        if (path.indexOf(path.last()) == path.size() - 1) {
            bool merged = false;
            for (auto &e : protos)
                if (e.first == path.last()) {
                    e.second += p.value(QStringLiteral("packets")).toDouble();
                    merged = true;
                }
            if (!merged)
                protos << qMakePair(path.last(), p.value(QStringLiteral("packets")).toDouble());
        }
    }
    std::stable_sort(protos.begin(), protos.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    QList<QPair<QString, double>> talkers, suspicious;
    for (const QJsonValue &v : r.value(QStringLiteral("endpoints")).toArray()) {
        const QJsonObject e = v.toObject();
        talkers << qMakePair(e.value(QStringLiteral("ip")).toString(),
                             e.value(QStringLiteral("bytes_sent")).toDouble() + e.value(QStringLiteral("bytes_received")).toDouble());
        if (talkers.size() >= 10)
            break;
    }
    for (const QJsonValue &v : r.value(QStringLiteral("suspicious_ips")).toArray()) {
        suspicious << qMakePair(v.toObject().value(QStringLiteral("ip")).toString(), v.toObject().value(QStringLiteral("score")).toDouble());
        if (suspicious.size() >= 10)
            break;
    }
    h += QStringLiteral("<h2>Traffic</h2><div class=\"charts\">");
    h += QStringLiteral("<div class=\"chart\"><h3>Protocols (packets)</h3>%1</div>").arg(barChart(protos.mid(0, 12), QStringLiteral("#2e7d32"), QString()));
    h += QStringLiteral("<div class=\"chart\"><h3>Traffic over time</h3>%1</div>").arg(timelineChart(r.value(QStringLiteral("timeline")).toObject()));
    h += QStringLiteral("<div class=\"chart\"><h3>Top talkers (bytes)</h3>%1</div>").arg(barChart(talkers, QStringLiteral("#1565c0"), QString()));
    h += QStringLiteral("<div class=\"chart\"><h3>Suspicious IPs (score)</h3>%1</div>").arg(barChart(suspicious, QStringLiteral("#c62828"), QString()));
    h += QStringLiteral("</div>");

    // Findings
    h += QStringLiteral("<h2>Findings</h2>");
    if (findings.isEmpty()) {
        h += QStringLiteral("<p>No findings.</p>");
    } else {
        h += QStringLiteral("<table><tr><th>ID</th><th>Severity</th><th>Category</th><th>Source</th><th>Summary</th><th>Evidence packets</th></tr>");
        for (const QJsonValue &v : findings) {
            const QJsonObject f = v.toObject();
            QStringList pk;
            for (const QJsonValue &p : f.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray()) {
                pk << QString::number(p.toInteger());
                if (pk.size() >= 12) {
                    pk << QStringLiteral("…");
                    break;
                }
            }
            const QString sev = f.value(QStringLiteral("severity")).toString();
            h += QStringLiteral("<tr><td>%1</td><td><span class=\"sev %2\">%2</span></td><td>%3</td><td><code>%4</code></td>"
                                "<td>%5<br><small>threshold: %6; MITRE %7</small><br><small>%8</small></td><td><code>%9</code></td></tr>")
                     .arg(escape(f.value(QStringLiteral("id")).toString()), escape(sev), escape(f.value(QStringLiteral("category")).toString()),
                          escape(f.value(QStringLiteral("source")).toString()), escape(f.value(QStringLiteral("summary")).toString()),
                          escape(f.value(QStringLiteral("threshold")).toString()),
                          escape(f.value(QStringLiteral("mitre_attack")).toVariant().toStringList().join(QStringLiteral(", "))),
                          escape(f.value(QStringLiteral("recommendation")).toString()), escape(pk.join(QStringLiteral(", "))));
        }
        h += QStringLiteral("</table>");
    }

    // Recommendations
    const QJsonArray recs = r.value(QStringLiteral("recommendations")).toArray();
    if (!recs.isEmpty()) {
        h += QStringLiteral("<h2>Recommendations</h2><ol>");
        for (const QJsonValue &v : recs) {
            const QJsonObject o = v.toObject();
            h += QStringLiteral("<li><span class=\"sev %1\">%1</span> <b>%2</b>: %3</li>")
                     .arg(escape(o.value(QStringLiteral("severity")).toString()), escape(o.value(QStringLiteral("category")).toString()),
                          escape(o.value(QStringLiteral("text")).toString()));
        }
        h += QStringLiteral("</ol>");
    }

    // Application summaries
    h += QStringLiteral("<h2>DNS, HTTP and TLS</h2><div class=\"charts\">");
    QList<QPair<QString, double>> names, hosts, snis;
    for (const QJsonValue &v : r.value(QStringLiteral("dns")).toObject().value(QStringLiteral("top_names")).toArray())
        names << qMakePair(v.toObject().value(QStringLiteral("name")).toString(), v.toObject().value(QStringLiteral("count")).toDouble());
    for (const QJsonValue &v : r.value(QStringLiteral("http")).toObject().value(QStringLiteral("top_hosts")).toArray())
        hosts << qMakePair(v.toObject().value(QStringLiteral("host")).toString(), v.toObject().value(QStringLiteral("count")).toDouble());
    for (const QJsonValue &v : r.value(QStringLiteral("tls")).toObject().value(QStringLiteral("top_sni")).toArray())
        snis << qMakePair(v.toObject().value(QStringLiteral("sni")).toString(), v.toObject().value(QStringLiteral("count")).toDouble());
    h += QStringLiteral("<div class=\"chart\"><h3>Top DNS names</h3>%1</div>").arg(barChart(names, QStringLiteral("#6a1b9a"), QString()));
    h += QStringLiteral("<div class=\"chart\"><h3>Top HTTP hosts</h3>%1</div>").arg(barChart(hosts, QStringLiteral("#00838f"), QString()));
    h += QStringLiteral("<div class=\"chart\"><h3>Top TLS server names</h3>%1</div>").arg(barChart(snis, QStringLiteral("#455a64"), QString()));
    h += QStringLiteral("</div>");

    // Anomalies
    const QJsonArray anomalies = r.value(QStringLiteral("anomalies")).toArray();
    h += QStringLiteral("<h2>Anomalies</h2>");
    if (anomalies.isEmpty()) {
        h += QStringLiteral("<p>None.</p>");
    } else {
        h += QStringLiteral("<table><tr><th>Kind</th><th>Protocol</th><th>Detail</th><th>Count</th><th>First packets</th></tr>");
        for (const QJsonValue &v : anomalies) {
            const QJsonObject a = v.toObject();
            QStringList pk;
            for (const QJsonValue &p : a.value(QStringLiteral("packets")).toArray()) {
                pk << QString::number(p.toInteger());
                if (pk.size() >= 10)
                    break;
            }
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td class=\"num\">%4</td><td><code>%5</code></td></tr>")
                     .arg(escape(a.value(QStringLiteral("kind")).toString()), escape(a.value(QStringLiteral("protocol")).toString()),
                          escape(a.value(QStringLiteral("detail")).toString()), num(a.value(QStringLiteral("count")).toDouble()),
                          escape(pk.join(QStringLiteral(", "))));
        }
        h += QStringLiteral("</table>");
    }
    const QJsonObject gen = r.value(QStringLiteral("generator")).toObject();
    h += QStringLiteral("<p class=\"sub\">Generated by %1 %2 &middot; schema %3</p></main></body></html>\n")
             .arg(escape(gen.value(QStringLiteral("name")).toString()), escape(gen.value(QStringLiteral("version")).toString()),
                  escape(r.value(QStringLiteral("schema")).toString()));
    return h;
}

} // namespace packetlens
