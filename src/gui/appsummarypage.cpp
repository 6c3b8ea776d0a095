// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsummarypage.h"
#include "findingspage.h"

#include "core/analysis/appstats.h"

#include <QHBoxLayout>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace packetlens::gui {

namespace SummaryFilters {

QString quoted(const QString &text)
{
    QString s = text;
    s.replace(u'\\', QStringLiteral("\\\\")).replace(u'"', QStringLiteral("\\\""));
    return u'"' + s + u'"';
}

// The report keeps names (dnsTypeName, ...): the code each stands for, the
// lowest when two codes share a name, made once.
template<typename NameOf>
QHash<QString, int> codesByName(int limit, NameOf nameOf)
{
    QHash<QString, int> out;
    for (int code = 0; code < limit; ++code) {
        const QString name = nameOf(code);
        if (!out.contains(name))
            out.insert(name, code);
    }
    return out;
}

// Queries count the names; NXDOMAIN and codes count responses.
QString dnsName(const QString &name)
{
    return QStringLiteral("dns.flags.response == 0 && dns.qry.name == %1").arg(quoted(name));
}

QString dnsNxdomainName(const QString &name)
{
    return QStringLiteral("dns.flags.response == 1 && dns.flags.rcode == 3 && dns.qry.name == %1").arg(quoted(name));
}

QString dnsRcode(const QString &rcodeName)
{
    static const QHash<QString, int> codes = codesByName(24, dnsRcodeName);
    const auto it = codes.find(rcodeName);
    return it == codes.end() ? QString() : QStringLiteral("dns.flags.response == 1 && dns.flags.rcode == %1").arg(*it);
}

QString dnsQueryType(const QString &typeName)
{
    static const QHash<QString, int> types = codesByName(65536, dnsTypeName);
    const auto it = types.find(typeName);
    return it == types.end() ? QString() : QStringLiteral("dns.flags.response == 0 && dns.qry.type == %1").arg(*it);
}

QString httpStatus(const QString &code)
{
    bool ok = false;
    const int n = code.toInt(&ok);
    return ok ? QStringLiteral("http.response.code == %1").arg(n) : QString();
}

QString httpMethod(const QString &method)
{
    return QStringLiteral("http.request.method == %1").arg(quoted(method));
}

QString httpHost(const QString &host)
{
    return QStringLiteral("http.host == %1").arg(quoted(host));
}

QString httpUserAgent(const QString &agent)
{
    return QStringLiteral("http.user_agent == %1").arg(quoted(agent));
}

QString tlsServerName(const QString &sni)
{
    return QStringLiteral("tls.handshake.extensions_server_name == %1").arg(quoted(sni));
}

// A ServerHello's version: supported_versions when it has one (TLS 1.3),
// else the hello's own, as the report counts it.
QString tlsVersion(const QString &versionName)
{
    static const QHash<QString, int> versions = codesByName(0x10000, [](int v) { return tlsVersionName(uint16_t(v)); });
    const auto it = versions.find(versionName);
    if (it == versions.end())
        return {};
    const QString hex = QStringLiteral("0x%1").arg(*it, 4, 16, QLatin1Char('0'));
    return QStringLiteral("tls.handshake.type == 2 && (tls.handshake.extensions.supported_version == %1 || "
                          "(!tls.handshake.extensions.supported_version && tls.handshake.version == %1))")
        .arg(hex);
}

} // namespace SummaryFilters

AppSummaryPage::AppSummaryPage(QWidget *parent) : QWidget(parent)
{
    m_tree = new QTreeWidget(this);
    m_tree->setObjectName(QStringLiteral("appSummaryTree"));
    m_tree->setColumnCount(2);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    QHBoxLayout *buttons = makePacketsFooter(this, &m_note, &m_packetsButton, QStringLiteral("summaryPacketsButton"));
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addWidget(m_tree, 1);
    lay->addLayout(buttons);
    connect(m_tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *i) { showPackets(i); });
    connect(m_packetsButton, &QPushButton::clicked, this, [this] { showPackets(m_tree->currentItem()); });
    retranslate();
}

void AppSummaryPage::setReport(const Report &report)
{
    m_report = report;
    rebuild();
}

void AppSummaryPage::retranslate()
{
    m_tree->setHeaderLabels({tr("Name"), tr("Count")});
    m_note->setText(tr("Double-click a row to show the packets it counts in the packet list."));
    m_packetsButton->setText(tr("Show packets"));
    rebuild();
}

void AppSummaryPage::rebuild()
{
    m_tree->clear();
    if (!m_report) {
        new QTreeWidgetItem(m_tree, {tr("DNS, HTTP and TLS are summed up when the analysis ends.")});
        return;
    }
    addDns(m_report->dns);
    addHttp(m_report->http);
    addTls(m_report->tls);
}

QTreeWidgetItem *AppSummaryPage::addGroup(QTreeWidgetItem *parent, const QString &title, const QString &unit,
                                          const std::vector<NamedCount> &rows, const std::function<QString(const QString &)> &filter)
{
    if (rows.empty())
        return nullptr;
    auto *group = new QTreeWidgetItem(parent, {title, unit});
    group->setFirstColumnSpanned(false);
    for (const NamedCount &r : rows) {
        auto *item = new QTreeWidgetItem(group, {r.name, QLocale().toString(r.count)});
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        item->setData(0, CountRole, r.count);
        const QString f = filter(r.name);
        item->setData(0, FilterRole, f);
        item->setToolTip(0, f.isEmpty() ? r.name : tr("%1\nFilter: %2").arg(r.name, f));
    }
    group->setExpanded(true);
    return group;
}

void AppSummaryPage::addDns(const DnsSection &dns)
{
    auto *top = new QTreeWidgetItem(m_tree, {tr("DNS: %1 queries, %2 responses, %3 NXDOMAIN, %4 distinct names")
                                                 .arg(dns.queries).arg(dns.responses).arg(dns.nxdomain).arg(dns.uniqueNames)});
    top->setFirstColumnSpanned(true);
    top->setExpanded(true);
    if (dns.queries + dns.responses == 0)
        new QTreeWidgetItem(top, {tr("no DNS, mDNS or LLMNR messages")});
    addGroup(top, tr("Queried names"), tr("queries"), dns.topNames, SummaryFilters::dnsName);
    addGroup(top, tr("NXDOMAIN names"), tr("responses"), dns.topNxdomainNames, SummaryFilters::dnsNxdomainName);
    addGroup(top, tr("Response codes"), tr("responses"), dns.rcodes, SummaryFilters::dnsRcode);
    addGroup(top, tr("Query types"), tr("queries"), dns.queryTypes, SummaryFilters::dnsQueryType);
}

void AppSummaryPage::addHttp(const HttpSection &http)
{
    auto *top = new QTreeWidgetItem(m_tree, {tr("HTTP: %1 requests, %2 responses").arg(http.requests).arg(http.responses)});
    top->setFirstColumnSpanned(true);
    top->setExpanded(true);
    if (http.requests + http.responses == 0)
        new QTreeWidgetItem(top, {tr("no HTTP/1.x messages (HTTPS is counted under TLS)")});
    addGroup(top, tr("Status codes"), tr("responses"), http.statusCodes, SummaryFilters::httpStatus);
    addGroup(top, tr("Methods"), tr("requests"), http.methods, SummaryFilters::httpMethod);
    addGroup(top, tr("Hosts"), tr("requests"), http.topHosts, SummaryFilters::httpHost);
    addGroup(top, tr("User agents"), tr("requests"), http.topUserAgents, SummaryFilters::httpUserAgent);
}

void AppSummaryPage::addTls(const TlsSection &tls)
{
    auto *top = new QTreeWidgetItem(m_tree, {tr("TLS: %1 records, %2 ClientHellos, %3 ServerHellos")
                                                 .arg(tls.records).arg(tls.clientHellos).arg(tls.serverHellos)});
    top->setFirstColumnSpanned(true);
    top->setExpanded(true);
    if (tls.records == 0)
        new QTreeWidgetItem(top, {tr("no TLS records")});
    addGroup(top, tr("Server names (SNI)"), tr("ClientHellos"), tls.topSni, SummaryFilters::tlsServerName);
    addGroup(top, tr("Versions (negotiated)"), tr("ServerHellos"), tls.versions, SummaryFilters::tlsVersion);
}

void AppSummaryPage::showPackets(QTreeWidgetItem *item)
{
    if (!item)
        return;
    const QString f = item->data(0, FilterRole).toString();
    if (f.isEmpty()) {
        if (item->childCount() == 0 && item->parent())
            emit statusMessage(tr("No display filter selects this row's packets"));
        return;
    }
    emit filterRequested(f);
}

} // namespace packetlens::gui
