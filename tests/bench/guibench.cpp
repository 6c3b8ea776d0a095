// SPDX-License-Identifier: GPL-3.0-or-later
// GUI figures for `make bench` (printed, never asserted): opens a capture in
// the real main window (offscreen) and measures the time from opening to the
// first rows in the packet list, the longest stall of the GUI thread during
// the whole load (a 2 ms timer records event-loop latency), the packet
// list's memory per packet, and the full load time.
#include "appsettings.h"
#include "capturetab.h"
#include "mainwindow.h"
#include "packetlistmodel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>

using namespace packetlens::gui;

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
    if (argc < 2) {
        std::fprintf(stderr, "usage: packetlens-guibench CAPTURE\n");
        return 1;
    }
    const QString capture = QString::fromLocal8Bit(argv[1]);
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PacketLensBench"));
    QCoreApplication::setApplicationName(QStringLiteral("PacketLensBench"));
    QTemporaryDir dir;
    AppSettings::setDatabasePath(dir.filePath(QStringLiteral("history.sqlite"))); // a fresh history: no cached report

    MainWindow w;
    w.resize(1400, 900);
    w.show();

    // Event-loop latency: the largest gap between ticks of a 2 ms timer.
    constexpr int kTickMs = 2;
    QElapsedTimer clock;
    qint64 lastTick = -1, worstGap = 0, worstAt = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(kTickMs);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (lastTick >= 0 && now - lastTick > worstGap) {
            worstGap = now - lastTick;
            worstAt = now;
        }
        lastTick = now;
    });

    const long rssBefore = rssKiB();
    qint64 firstRowsNs = -1, finishedNs = -1;
    QTimer::singleShot(200, [&] {
        clock.start();
        ticker.start();
        if (!w.openCapture(capture)) {
            std::fprintf(stderr, "cannot open %s\n", argv[1]);
            QApplication::exit(2);
            return;
        }
        CaptureTab *tab = w.captureTabs().first();
        QObject::connect(tab->packetModel(), &QAbstractItemModel::rowsInserted, [&] {
            if (firstRowsNs < 0)
                firstRowsNs = clock.nsecsElapsed();
        });
    });
    QObject::connect(&w, &MainWindow::analysisFinished, [&](const QString &, bool ok) {
        finishedNs = clock.nsecsElapsed();
        ticker.stop();
        // Let the last queued work run, then report.
        QTimer::singleShot(100, [&, ok] {
            CaptureTab *tab = w.captureTabs().first();
            const double packets = tab->packetCount();
            QTextStream out(stdout);
            out.setRealNumberNotation(QTextStream::FixedNotation);
            out.setRealNumberPrecision(3);
            out << "gui: analysis " << (ok ? "ok" : "FAILED") << ", " << qint64(packets) << " packets\n";
            out << "gui: open to first rows:      " << double(firstRowsNs) / 1e9 << " s   (target <= 0.5 s)\n";
            out << "gui: longest GUI-thread stall: " << double(std::max<qint64>(0, worstGap - kTickMs * 1000000)) / 1e6
                << " ms (target <= 100 ms), ending at " << double(worstAt) / 1e9 << " s\n";
            out << "gui: full load:               " << double(finishedNs) / 1e9 << " s\n";
            out << "gui: packet list memory:      " << (packets > 0 ? double(tab->tableMemoryBytes()) / packets : 0.0)
                << " B/packet (target <= 32)\n";
            out << "gui: RSS growth during load:  " << double(rssKiB() - rssBefore) / 1024.0 << " MiB\n";
            out << "gui_full_load_s " << double(finishedNs) / 1e9 << "\n";
            QApplication::quit();
        });
    });
    return app.exec();
}
