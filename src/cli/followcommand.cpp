// SPDX-License-Identifier: GPL-3.0-or-later
#include "followcommand.h"

#include "exitcodes.h"

#include "core/service/streamfollow.h"

#include <QCommandLineParser>
#include <QFile>
#include <QTextStream>

namespace packetlens::cli {

int runFollow(const QStringList &args)
{
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Prints one TCP conversation's payload, both directions in order "
                                               "(tcp.stream numbered as Wireshark numbers it)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("follow"), QStringLiteral("The command."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A capture."));
    const QCommandLineOption streamOpt(QStringLiteral("stream"), QStringLiteral("The tcp.stream index (from 0)."), QStringLiteral("N"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
                                       QStringLiteral("ascii (as tshark -z follow,tcp,ascii), hex (as follow,tcp,hex) or raw (the bytes)."),
                                       QStringLiteral("FORMAT"), QStringLiteral("ascii"));
    const QCommandLineOption entryOpt(QStringLiteral("entry"), QStringLiteral("Which capture of a zip archive (from 1; default 1)."),
                                      QStringLiteral("N"), QStringLiteral("1"));
    p.addOptions({streamOpt, formatOpt, entryOpt});
    if (!p.parse(args)) {
        err << "packetlens-cli follow: " << p.errorText() << "\n";
        return Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << p.helpText();
        return Ok;
    }
    bool numeric = false;
    const qlonglong index = p.value(streamOpt).toLongLong(&numeric);
    const QString format = p.value(formatOpt);
    bool entryOk = false;
    const int entry = p.value(entryOpt).toInt(&entryOk) - 1;
    if (p.positionalArguments().size() != 2 || !numeric || index < 0 || !entryOk || entry < 0
        || !QStringList{QStringLiteral("ascii"), QStringLiteral("hex"), QStringLiteral("raw")}.contains(format)) {
        err << "usage: packetlens-cli follow FILE --stream N [--format ascii|hex|raw] [--entry N]\n";
        return Usage;
    }
    const QString path = p.positionalArguments().at(1);
    FollowedStream s;
    QString error;
    if (!followTcpStream(path, index, s, &error, entry)) {
        err << "packetlens-cli follow: " << error << "\n";
        return exitCodeFor(CaptureOpener::probe(path).error == InputError::None ? InputError::Corrupt : CaptureOpener::probe(path).error);
    }
    if (!s.found) {
        err << "packetlens-cli follow: " << path << " has no TCP stream " << index << "\n";
        return Usage;
    }
    const FollowFormat f = format == QLatin1String("hex") ? FollowFormat::Hex : format == QLatin1String("raw") ? FollowFormat::Raw : FollowFormat::Ascii;
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly) || out.write(followText(s, f)) < 0)
        return OutputFailed;
    return Ok;
}

} // namespace packetlens::cli
