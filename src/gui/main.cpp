// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"
#include "i18n.h"
#include "mainwindow.h"
#include "screenshots.h"

#include "core/util/sha256.h"
#include "core/util/versions.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>

#include <cstring>

using namespace packetlens::gui;

namespace {
// --version answers without a display (QApplication needs one): over ssh, in scripts.
bool printedVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--version") != 0 && std::strcmp(argv[i], "-v") != 0)
            continue;
        const packetlens::LibraryVersions v = packetlens::libraryVersions();
        QTextStream(stdout) << "packetlens " << PACKETLENS_VERSION << "\n"
                            << "License GPL-3.0-or-later: <https://www.gnu.org/licenses/gpl-3.0.html>\n"
                            << "Running with Qt " << v.qt << ", " << v.libpcap << ", " << v.openssl << "\n";
        return true;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    packetlens::Sha256::prepare(); // OpenSSL set up before anything uses it (sha256.cpp)
    if (printedVersion(argc, argv))
        return 0;
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PacketLens"));
    QCoreApplication::setApplicationName(QStringLiteral("PacketLens")); // shares the CLI's data folder
    QCoreApplication::setApplicationVersion(QStringLiteral(PACKETLENS_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("org.packetlens.PacketLens"));

    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("PacketLens desktop network-traffic analyzer."));
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("files"), QStringLiteral("Captures to open (pcap, pcapng, .gz, .zip)."), QStringLiteral("[files...]"));
    const QCommandLineOption langOpt(QStringLiteral("lang"), QStringLiteral("UI language for this run: en or ru."), QStringLiteral("LANG"));
    const QCommandLineOption shotOpt(QStringLiteral("screenshots"),
                                     QStringLiteral("Open the files, wait for the analyses, save PNGs of the main views into DIR and quit."),
                                     QStringLiteral("DIR"));
    p.addOptions({langOpt, shotOpt});
    p.process(app);

    applyLanguage(p.isSet(langOpt) ? p.value(langOpt) : AppSettings::language());
    MainWindow w;
    w.show();
    w.openFiles(p.positionalArguments());
    if (p.isSet(shotOpt))
        saveScreenshotsWhenDone(&w, p.value(shotOpt));
    return app.exec();
}
