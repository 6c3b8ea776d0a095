// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"
#include "i18n.h"
#include "mainwindow.h"
#include "screenshots.h"

#include <QApplication>
#include <QCommandLineParser>

using namespace packetlens::gui;

int main(int argc, char *argv[])
{
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
