// Helper for the durability test: writes analyses in a loop and prints the id
// of each one after its write was committed ("acknowledged"), until killed.
#include "core/history/historystore.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cstdio>

using namespace packetlens;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 1;
    HistoryStore store(QString::fromLocal8Bit(argv[1]));
    QString why;
    if (!store.open(&why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    for (int i = 0;; ++i) {
        HistoryStore::CaptureInfo c;
        c.sha256 = QStringLiteral("%1").arg(qulonglong(QCoreApplication::applicationPid()) * 1000000 + i, 64, 10, QLatin1Char('0'));
        c.name = QStringLiteral("stress-%1.pcap").arg(i);
        const qint64 cap = store.upsertCapture(c, &why);
        const qint64 id = store.beginAnalysis(cap, QStringLiteral("stress"), QStringLiteral("h"), &why);
        QJsonArray findings;
        for (int f = 0; f < 5; ++f)
            findings.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("F%1").arg(f + 1)},
                                        {QStringLiteral("category"), QStringLiteral("port_scan")},
                                        {QStringLiteral("severity"), QStringLiteral("high")},
                                        {QStringLiteral("source"), QStringLiteral("10.0.0.%1").arg(f)}});
        const QJsonObject report{{QStringLiteral("schema"), QStringLiteral("packetlens.report/1")},
                                 {QStringLiteral("capture"), QJsonObject{{QStringLiteral("packets"), i}}},
                                 {QStringLiteral("findings"), findings},
                                 {QStringLiteral("padding"), QString(2000, QLatin1Char('x'))}};
        if (id < 0 || !store.finishAnalysis(id, report, &why)) {
            std::fprintf(stderr, "%s\n", qPrintable(why));
            return 3;
        }
        std::printf("%lld\n", id);
        std::fflush(stdout);
    }
}
