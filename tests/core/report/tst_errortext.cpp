// SPDX-License-Identifier: GPL-3.0-or-later
// The core's error texts: English as the CLI, the REST API and the report say
// it, and the app's Russian made back from that English (issue #21).
#include "core/capture/captureopener.h"
#include "core/report/catalogrow.h"
#include "core/report/errortext.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace packetlens;

namespace {
const QString kRu = QStringLiteral("ru");

// A row's text with %N replaced by `args` (the test's own rendering).
QString fill(const char *pattern, const QStringList &args)
{
    QString out = QString::fromUtf8(pattern);
    for (int k = 9; k >= 1; --k)
        out.replace(QStringLiteral("%%1").arg(k), args.value(k - 1));
    return out;
}
} // namespace

class TestErrorText : public QObject
{
    Q_OBJECT

private slots:
    void englishIsTheCatalogueText()
    {
        QCOMPARE(errorText("error.file.cannot_read", {QStringLiteral("/tmp/a.pcap"), QStringLiteral("Permission denied")}),
                 QStringLiteral("/tmp/a.pcap cannot be read: Permission denied"));
        QCOMPARE(errorText("error.capture.head", {QStringLiteral("3c 21 44 4f "), QStringLiteral("<!DO")}),
                 QStringLiteral("starts with 3c 21 44 4f ('<!DO')"));
        // Arguments are put in as they are: no digit grouping, no %N read in them.
        QCOMPARE(errorText("error.decompress.size", {QStringLiteral("1073741824")}),
                 QStringLiteral("decompressed size exceeds the limit of 1073741824 bytes"));
        QCOMPARE(errorText("error.file.missing", {QStringLiteral("x%2y")}), QStringLiteral("x%2y: no such file"));
    }

    // Every row said in English with plain arguments comes back as its Russian
    // row with the same arguments: no two rows are confused.
    void everyRowComesBackInRussian()
    {
        int rows = 0;
        for (const CatalogueRow &row : errorCatalogueRows()) {
            const QString id = QString::fromLatin1(row.id);
            if (id == QLatin1String("error.at"))
                continue; // "%1: %2" takes whatever no other row fits (below)
            const QStringList args = {QStringLiteral("‹one›"), QStringLiteral("‹two›"), QStringLiteral("‹three›")};
            const QString english = errorText(row.id, args);
            QCOMPARE(english, fill(row.en, args));
            QCOMPARE(localizedError(english, QStringLiteral("en")), english);
            QVERIFY2(localizedError(english, kRu) == fill(row.ru, args), qPrintable(id + QStringLiteral(": ") + localizedError(english, kRu)));
            ++rows;
        }
        QVERIFY(rows > 60);
    }

    // Errors inside errors, and lists of them, are translated all the way down;
    // what the catalogue does not know (a system's words) stays as it is.
    void nestedErrorsAndLists()
    {
        const QString entries = QStringLiteral("a.txt: ")
                                + errorText("error.capture.not_capture_entry", {errorText("error.capture.head", {QStringLiteral("3c 21 "), QStringLiteral("<!")})})
                                + QStringLiteral("; b.zip: ") + errorText("error.zip.nested") + QStringLiteral("; c.pcap: ")
                                + errorText("error.zip.password_default");
        const QString english = errorText("error.zip.no_capture", {QStringLiteral("/x/y.zip"), errorText("error.zip.entries", {entries})});
        QCOMPARE(english, QStringLiteral("/x/y.zip holds no pcap or pcapng capture (entries: a.txt: not a capture (starts with 3c 21 ('<!')); "
                                         "b.zip: nested archive, not opened; c.pcap: encrypted; the password 'infected' did not open it)"));
        QCOMPARE(localizedError(english, kRu),
                 QStringLiteral("в /x/y.zip нет захвата pcap или pcapng (элементы: a.txt: не захват (начинается с 3c 21 ('<!')); "
                                "b.zip: вложенный архив, не открывается; c.pcap: зашифрован; пароль 'infected' не подошёл)"));
        const QString stopped = errorText("error.capture.stopped", {QStringLiteral("4096"), errorText("error.pcap.cut_record", {QStringLiteral("60"), QStringLiteral("12")}),
                                                                    QStringLiteral("37")});
        QCOMPARE(localizedError(stopped, kRu),
                 QStringLiteral("чтение остановлено на байте 4096: файл обрезан: из 60 байт пакета прочитано только 12; пакеты до этого места "
                                "проанализированы (37 шт.)"));
        QCOMPARE(localizedError(QStringLiteral("Permission denied"), kRu), QStringLiteral("Permission denied"));
        QCOMPARE(localizedError(errorText("error.file.cannot_open", {QStringLiteral("/a b"), QStringLiteral("Permission denied")}), kRu),
                 QStringLiteral("/a b не удаётся открыть: Permission denied"));
    }

    // What the opener says about real files reads in Russian.
    void openerErrorsInRussian()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString html = dir.filePath(QStringLiteral("page.pcap"));
        QFile f(html);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<!DOCTYPE html><html></html>");
        f.close();
        const CaptureProbe probe = CaptureOpener::probe(html);
        QCOMPARE(probe.error, InputError::NotACapture);
        QCOMPARE(localizedError(probe.head, kRu), QStringLiteral("начинается с 3c 21 44 4f ('<!DO')"));

        const QString cut = dir.filePath(QStringLiteral("cut.pcap"));
        QFile c(cut);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(QByteArray::fromHex("d4c3b2a1020004"));
        c.close();
        const CaptureProbe cutProbe = CaptureOpener::probe(cut);
        QVERIFY(cutProbe.truncatedHeader);
        QCOMPARE(localizedError(cutProbe.message, kRu), QStringLiteral("заголовок pcap обрезан (7 из 24 байт)"));

        CaptureOpener opener;
        QVERIFY(!opener.open(dir.filePath(QStringLiteral("missing.pcap")), OpenOptions{}));
        QCOMPARE(localizedError(opener.errorMessage(), kRu), dir.filePath(QStringLiteral("missing.pcap")) + QStringLiteral(": файл не найден"));
    }
};

QTEST_GUILESS_MAIN(TestErrorText)
#include "tst_errortext.moc"
