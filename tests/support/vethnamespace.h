// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace packetlens::test {

// A network namespace with one end of a veth pair inside it, made for one
// test and removed with it (names unique to this process: pl<pid><n>). The
// host end and the inside end have addresses in a network of
// its own; IPv6 is off on both ends, so the only packets on the pair are the
// test's own. Needs root (CAP_NET_ADMIN) and iproute2. The pair's network is
// a 10.x.0.0/16: the host end .0.1, the inside end .0.2, and 10.x.128.0/17 for
// the addresses of a replayed capture (tcprewrite maps every address there).
class VethNamespace
{
public:
    VethNamespace();
    ~VethNamespace();
    VethNamespace(const VethNamespace &) = delete;
    VethNamespace &operator=(const VethNamespace &) = delete;

    bool create(QString *error);
    void destroy();
    // Runs a command inside the namespace; false with its output on failure.
    bool exec(const QStringList &command, QString *output = nullptr, int timeoutMs = 120000) const;
    // Removes the host end (the capture on it sees its interface go away).
    bool removeLink(QString *error);

    QString ns, hostIf, nsIf;
    QString hostIp, nsIp, net, replayNet; // "10.x.0.1", "10.x.0.2", "10.x.0.0/16", "10.x.128.0/17"
    QString hostMac, nsMac;

    // Runs a program; false with its output on failure.
    static bool run(const QString &program, const QStringList &args, QString *output = nullptr, int timeoutMs = 120000);

private:
    bool m_created = false;
};

} // namespace packetlens::test
