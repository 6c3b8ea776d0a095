// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturehelper.h"
#include "core/report/errortext.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <pcap/pcap.h>

namespace packetlens {

namespace {
const QString kProgram = QStringLiteral("packetlens-capture");

// libpcap's DLT_ value for a LINKTYPE_ value (they differ for raw IP only here).
int dltOf(int linkType)
{
    return linkType == 101 ? DLT_RAW : linkType;
}

bool runnable(const QString &path)
{
    const QFileInfo fi(path);
    return fi.isFile() && fi.isExecutable();
}
} // namespace

QString CaptureHelper::locate()
{
    const QString env = qEnvironmentVariable("PACKETLENS_CAPTURE_HELPER");
    if (!env.isEmpty())
        return runnable(env) ? QFileInfo(env).absoluteFilePath() : QString();
    if (QCoreApplication::instance()) {
        const QDir dir(QCoreApplication::applicationDirPath());
        for (const QString &candidate : {dir.filePath(kProgram), dir.filePath(QStringLiteral("../capturehelper/") + kProgram)})
            if (runnable(candidate))
                return QFileInfo(candidate).absoluteFilePath();
    }
#ifdef PACKETLENS_CAPTURE_HELPER_BUILD
    if (runnable(QStringLiteral(PACKETLENS_CAPTURE_HELPER_BUILD)))
        return QStringLiteral(PACKETLENS_CAPTURE_HELPER_BUILD);
#endif
    return QStandardPaths::findExecutable(kProgram);
}

bool CaptureHelper::interfaces(QList<CaptureInterface> *out, QString *error)
{
    const QString helper = locate();
    if (helper.isEmpty()) {
        *error = errorText("error.live.helper_missing", {kProgram});
        return false;
    }
    QProcess p;
    p.start(helper, {QStringLiteral("-D")});
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        errorOf(p.exitCode(), QString::fromLocal8Bit(p.readAllStandardError()), error);
        if (error->isEmpty())
            *error = errorText("error.live.list_failed", {helper});
        return false;
    }
    out->clear();
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 5 || f[0].isEmpty())
            continue;
        CaptureInterface i;
        i.name = QString::fromLocal8Bit(f[0]);
        i.description = QString::fromLocal8Bit(f[1]);
        i.flags = QString::fromLatin1(f[2]).split(u',', Qt::SkipEmptyParts);
        i.linkType = f[3].toInt();
        if (const char *name = i.linkType >= 0 ? pcap_datalink_val_to_name(dltOf(i.linkType)) : nullptr)
            i.linkTypeName = QString::fromLatin1(name);
        i.addresses = QString::fromLatin1(f[4]).split(u',', Qt::SkipEmptyParts);
        out->append(i);
    }
    return true;
}

LiveError CaptureHelper::errorOf(int exitCode, const QString &errorOutput, QString *message)
{
    // The helper's last "error:<kind>:<message>" line says what went wrong.
    QString kind, text;
    for (const QString &line : errorOutput.split(u'\n', Qt::SkipEmptyParts)) {
        if (!line.startsWith(QLatin1String("error:")))
            continue;
        const int colon = line.indexOf(u':', 6);
        kind = line.mid(6, colon - 6);
        text = colon > 0 ? line.mid(colon + 1) : line.mid(6);
    }
    *message = text;
    if (exitCode == 0 && kind.isEmpty())
        return LiveError::None;
    if (kind == QLatin1String("permission") || exitCode == 2)
        return LiveError::NoPermission;
    if (kind == QLatin1String("nodevice") || exitCode == 3)
        return LiveError::NoSuchInterface;
    if (kind == QLatin1String("filter") || exitCode == 4)
        return LiveError::BadFilter;
    if (kind == QLatin1String("ifdown") || exitCode == kExitInterfaceDown)
        return LiveError::InterfaceDown;
    if (message->isEmpty())
        *message = exitCode < 0 ? errorText("error.live.helper_killed") : errorText("error.live.helper_failed", {QString::number(exitCode)});
    return LiveError::Failed;
}

bool checkCaptureFilter(const QString &filter, int linkType, int snaplen, QString *error)
{
    if (filter.trimmed().isEmpty())
        return true;
    pcap_t *dead = pcap_open_dead(linkType >= 0 ? dltOf(linkType) : DLT_EN10MB, snaplen);
    if (!dead) {
        *error = errorText("error.live.filter_unchecked");
        return false;
    }
    bpf_program prog{};
    const bool ok = pcap_compile(dead, &prog, filter.toLocal8Bit().constData(), 1, PCAP_NETMASK_UNKNOWN) == 0;
    if (ok)
        pcap_freecode(&prog);
    else
        *error = QString::fromLocal8Bit(pcap_geterr(dead));
    pcap_close(dead);
    return ok;
}

} // namespace packetlens
