// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"

#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace packetlens::gui {

// The report's DNS, HTTP and TLS sections: totals, then the top queried
// names, NXDOMAIN names, response codes and query types; status codes,
// methods, hosts and user agents; server names (SNI) and versions. Each row
// double-clicked (or "Show packets") filters the packet list to the packets
// it counts, with Wireshark's field names.
class AppSummaryPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int FilterRole = Qt::UserRole + 1;
    static constexpr int CountRole = Qt::UserRole + 2;

    explicit AppSummaryPage(QWidget *parent = nullptr);
    void setReport(const Report &report);
    void retranslate();
    QTreeWidget *tree() const { return m_tree; }

signals:
    void filterRequested(const QString &filter);
    void statusMessage(const QString &text);

private:
    void rebuild();
    void addDns(const DnsSection &dns);
    void addHttp(const HttpSection &http);
    void addTls(const TlsSection &tls);
    QTreeWidgetItem *addGroup(QTreeWidgetItem *parent, const QString &title, const QString &unit,
                              const std::vector<NamedCount> &rows, const std::function<QString(const QString &)> &filter);
    void showPackets(QTreeWidgetItem *item);

    std::optional<Report> m_report;
    QTreeWidget *m_tree = nullptr;
    QLabel *m_note = nullptr;
    QPushButton *m_packetsButton = nullptr;
};

// The display filters of the summary's rows: the packets each row counts.
namespace SummaryFilters {
QString quoted(const QString &text); // "text" with \" and \\ escaped
QString dnsName(const QString &name);
QString dnsNxdomainName(const QString &name);
QString dnsRcode(const QString &rcodeName);  // "" when not a known code
QString dnsQueryType(const QString &typeName); // "" when not a known type
QString httpStatus(const QString &code);
QString httpMethod(const QString &method);
QString httpHost(const QString &host);
QString httpUserAgent(const QString &agent);
QString tlsServerName(const QString &sni);
QString tlsVersion(const QString &versionName); // "" when not a known version
} // namespace SummaryFilters

} // namespace packetlens::gui
