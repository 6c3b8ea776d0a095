// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportobjectscommand.h"

#include "exitcodes.h"

#include "core/objects/exportobjects.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QTextStream>

namespace packetlens::cli {

namespace {
// Writes each object under a safe, new name in dir (an existing file is never replaced).
bool writeObjects(std::vector<CapturedObject> &objects, const QString &dir, QTextStream &out, QTextStream &err)
{
    ObjectNames taken(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    for (CapturedObject &o : objects) {
        o.safeName = safeObjectName(o.name, taken);
        QFile f(QDir(dir).filePath(o.safeName));
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) || f.write(o.data) != o.data.size() || !f.flush()) {
            err << "packetlens-cli export-objects: cannot write " << f.fileName() << ": " << f.errorString() << "\n";
            return false;
        }
        out << o.sha256 << "  " << o.data.size() << "  " << o.protocol << "  " << o.type << "  " << o.safeName << "\n";
    }
    return true;
}
} // namespace

int runExportObjects(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Saves the files a capture carries (HTTP bodies, FTP data, SMTP mails) under safe names "
                                               "and prints SHA-256, size, protocol, type and name of each."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("export-objects"), QStringLiteral("The command."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A capture."));
    const QCommandLineOption outOpt(QStringLiteral("out"), QStringLiteral("Folder to save into (made when missing)."), QStringLiteral("DIR"));
    const QCommandLineOption protoOpt(QStringLiteral("protocol"), QStringLiteral("http, ftp-data or smtp (default: all)."), QStringLiteral("PROTOCOL"));
    const QCommandLineOption entryOpt(QStringLiteral("entry"), QStringLiteral("Which capture of a zip archive (from 1; default 1)."),
                                      QStringLiteral("N"), QStringLiteral("1"));
    p.addOptions({outOpt, protoOpt, entryOpt});
    if (!p.parse(args)) {
        err << "packetlens-cli export-objects: " << p.errorText() << "\n";
        return Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    const QString proto = p.value(protoOpt);
    bool entryOk = false;
    const int entry = p.value(entryOpt).toInt(&entryOk) - 1;
    if (p.positionalArguments().size() != 2 || !p.isSet(outOpt) || !entryOk || entry < 0 || (!proto.isEmpty() && !objectProtocols().contains(proto))) {
        err << "usage: packetlens-cli export-objects FILE --out DIR [--protocol http|ftp-data|smtp] [--entry N]\n";
        return Usage;
    }
    const QString path = p.positionalArguments().at(1);
    std::vector<CapturedObject> objects;
    QString error;
    if (!carveObjects(path, proto.isEmpty() ? QStringList() : QStringList{proto}, objects, &error, entry)) {
        err << "packetlens-cli export-objects: " << error << "\n";
        const InputError e = CaptureOpener::probe(path).error;
        return exitCodeFor(e == InputError::None ? InputError::Corrupt : e);
    }
    if (!QDir().mkpath(p.value(outOpt))) {
        err << "packetlens-cli export-objects: cannot make " << p.value(outOpt) << "\n";
        return OutputFailed;
    }
    return writeObjects(objects, p.value(outOpt), out, err) ? Ok : OutputFailed;
}

} // namespace packetlens::cli
