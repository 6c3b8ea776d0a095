// SPDX-License-Identifier: GPL-3.0-or-later
#include "vethnamespace.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>

#include <atomic>

namespace packetlens::test {

namespace {
std::atomic<int> g_next{0};

QString macOf(const QString &ifName, const QString &ns)
{
    QString out;
    QStringList args;
    if (!ns.isEmpty())
        args << QStringLiteral("netns") << QStringLiteral("exec") << ns << QStringLiteral("cat");
    const QString path = QStringLiteral("/sys/class/net/%1/address").arg(ifName);
    if (ns.isEmpty()) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).trimmed() : QString();
    }
    args << path;
    VethNamespace::run(QStringLiteral("ip"), args, &out);
    return out.trimmed();
}
} // namespace

VethNamespace::VethNamespace()
{
    const qint64 pid = QCoreApplication::applicationPid();
    const int n = g_next++;
    const QString tag = QStringLiteral("%1%2").arg(pid % 10000000).arg(QChar(u'a' + n % 26));
    ns = QStringLiteral("pl") + tag;
    hostIf = QStringLiteral("plh") + tag;
    nsIf = QStringLiteral("pln") + tag;
    const int a = 100 + int((pid + n) % 150);
    net = QStringLiteral("10.%1.0.0/16").arg(a);
    hostIp = QStringLiteral("10.%1.0.1").arg(a);
    nsIp = QStringLiteral("10.%1.0.2").arg(a);
    replayNet = QStringLiteral("10.%1.128.0/17").arg(a);
}

VethNamespace::~VethNamespace()
{
    destroy();
}

bool VethNamespace::run(const QString &program, const QStringList &args, QString *output, int timeoutMs)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    const bool ok = p.waitForFinished(timeoutMs) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (output)
        *output = QString::fromLocal8Bit(p.readAll());
    return ok;
}

bool VethNamespace::create(QString *error)
{
    const QString ip = QStringLiteral("ip");
    // A leftover of the same names (a killed run with this pid) goes first.
    run(ip, {QStringLiteral("link"), QStringLiteral("del"), hostIf});
    run(ip, {QStringLiteral("netns"), QStringLiteral("del"), ns});
    const QList<QStringList> steps = {
        {QStringLiteral("netns"), QStringLiteral("add"), ns},
        {QStringLiteral("link"), QStringLiteral("add"), hostIf, QStringLiteral("type"), QStringLiteral("veth"),
         QStringLiteral("peer"), QStringLiteral("name"), nsIf, QStringLiteral("netns"), ns},
        {QStringLiteral("addr"), QStringLiteral("add"), hostIp + QStringLiteral("/16"), QStringLiteral("dev"), hostIf},
        {QStringLiteral("-n"), ns, QStringLiteral("addr"), QStringLiteral("add"), nsIp + QStringLiteral("/16"), QStringLiteral("dev"), nsIf},
    };
    m_created = true;
    for (const QStringList &s : steps)
        if (!run(ip, s, error))
            return false;
    // No IPv6 (router solicitations, MLD): the pair carries the test's packets only.
    run(QStringLiteral("sysctl"), {QStringLiteral("-qw"), QStringLiteral("net.ipv6.conf.%1.disable_ipv6=1").arg(hostIf)});
    exec({QStringLiteral("sysctl"), QStringLiteral("-qw"), QStringLiteral("net.ipv6.conf.%1.disable_ipv6=1").arg(nsIf)});
    exec({QStringLiteral("sysctl"), QStringLiteral("-qw"), QStringLiteral("net.ipv6.conf.lo.disable_ipv6=1")});
    if (!run(ip, {QStringLiteral("link"), QStringLiteral("set"), hostIf, QStringLiteral("up")}, error)
        || !run(ip, {QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), nsIf, QStringLiteral("up")}, error)
        || !run(ip, {QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), QStringLiteral("lo"), QStringLiteral("up")}, error))
        return false;
    hostMac = macOf(hostIf, QString());
    nsMac = macOf(nsIf, ns);
    return !hostMac.isEmpty() && !nsMac.isEmpty();
}

bool VethNamespace::exec(const QStringList &command, QString *output, int timeoutMs) const
{
    return run(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + command, output, timeoutMs);
}

bool VethNamespace::removeLink(QString *error)
{
    return run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("del"), hostIf}, error);
}

void VethNamespace::destroy()
{
    if (!m_created)
        return;
    run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("del"), hostIf});
    run(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("del"), ns});
    m_created = false;
}

} // namespace packetlens::test
