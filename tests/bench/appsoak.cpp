// SPDX-License-Identifier: GPL-3.0-or-later
// The app over time, for tests/bench/soak.sh (printed, not a test): the real
// main window, offscreen, opens captures one after another, waits for each
// analysis and packet list to finish, closes the tab, and prints its RSS
// every 10 rounds. soak.sh judges the series (slope, plateau).
//   packetlens-appsoak ROUNDS CAPTURE...   (captures are cycled through)
#include "../gui/guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "mainwindow.h"

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace packetlens::gui;
using namespace packetlens::gui::testing;

namespace {
long rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: packetlens-appsoak ROUNDS CAPTURE...\n");
        return 1;
    }
    const int rounds = QByteArray(argv[1]).toInt();
    QStringList captures;
    for (int i = 2; i < argc; ++i)
        captures << QString::fromLocal8Bit(argv[i]);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PacketLensSoak"));
    QCoreApplication::setApplicationName(QStringLiteral("PacketLensSoak"));
    QTemporaryDir dir;
    AppSettings::setDatabasePath(dir.filePath(QStringLiteral("history.sqlite")));
    MainWindow w;
    w.resize(1400, 900);
    w.show();

    int round = 0, failed = 0, refused = 0;
    bool opened = false;
    std::printf("round rss_kib\n");
    QTimer step; // checks the window's state every 20 ms: opens, waits, closes
    QObject::connect(&step, &QTimer::timeout, [&] {
        if (opened && !idle(w))
            return;
        if (opened) { // done: close every tab, then the next round
            if (w.captureTabs().isEmpty() || !w.captureTabs().first()->hasReport()) {
                ++failed;
                std::printf("# no report: %s\n", qPrintable(captures[round % captures.size()]));
            }
            // Every tab but the Start page, which cannot be closed (waiting
            // for the count to reach 0 spun here for ever once it existed).
            for (int i = w.tabs()->count() - 1; i >= 0; --i)
                emit w.tabs()->tabCloseRequested(i);
            for (QMessageBox *box : w.findChildren<QMessageBox *>()) // a capture that failed says so in a box
                box->deleteLater();
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
            opened = false;
            if (++round % 10 == 0) {
                std::printf("%d %ld\n", round, rssKiB());
                std::fflush(stdout);
            }
        }
        if (round >= rounds) {
            QApplication::exit(failed ? 3 : 0);
            return;
        }
        opened = w.openCapture(captures[round % captures.size()]);
        if (!opened) { // refused up front with a message (not a capture the app reads): not a failure
            std::printf("# not opened: %s\n", qPrintable(captures[round % captures.size()]));
            for (QMessageBox *box : w.findChildren<QMessageBox *>())
                box->deleteLater();
            ++refused;
            ++round;
        }
    });
    std::printf("0 %ld\n", rssKiB());
    step.start(20);
    const int rc = app.exec();
    std::printf("# %d rounds, %d without a report, %d refused on opening\n", round, failed, refused);
    return rc;
}
