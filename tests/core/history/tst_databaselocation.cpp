// SPDX-License-Identifier: GPL-3.0-or-later
// DatabaseLocation: what `--db` and the app's Settings accept. A value with a
// URI scheme is never a path; an unknown scheme, a password in the URI or a
// missing driver is an error that says what to do.
#include "core/history/databaselocation.h"
#include "core/history/historystore.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace packetlens;

class TestDatabaseLocation : public QObject
{
    Q_OBJECT

private slots:
    void pathsAreSqlite_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::newRow("absolute") << "/var/lib/h.sqlite" << "/var/lib/h.sqlite";
        QTest::newRow("relative") << "h.sqlite" << "h.sqlite";
        QTest::newRow("colon in a name") << "my:history.sqlite" << "my:history.sqlite";
        QTest::newRow("file URI") << "file:///tmp/h.sqlite" << "/tmp/h.sqlite";
        QTest::newRow("spaces trimmed") << "  /tmp/h.sqlite " << "/tmp/h.sqlite";
    }
    void pathsAreSqlite()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        QString why;
        const auto l = DatabaseLocation::parse(text, &why);
        QVERIFY2(l, qPrintable(why));
        QVERIFY(!l->isPostgres());
        QCOMPARE(l->path, path);
        QCOMPARE(l->driverName(), QStringLiteral("QSQLITE"));
    }

    void postgresUris()
    {
        QString why;
        auto l = DatabaseLocation::parse(QStringLiteral("postgresql://analyst@db.example:5433/packetlens"), &why);
        QVERIFY2(l, qPrintable(why));
        QVERIFY(l->isPostgres());
        QCOMPARE(l->host, QStringLiteral("db.example"));
        QCOMPARE(l->port, 5433);
        QCOMPARE(l->user, QStringLiteral("analyst"));
        QCOMPARE(l->database, QStringLiteral("packetlens"));
        QVERIFY(l->path.isEmpty());
        QVERIFY(l->options.contains(QStringLiteral("connect_timeout='10'")));
        QVERIFY(l->options.contains(QStringLiteral("application_name='packetlens'")));
        QCOMPARE(l->driverName(), QStringLiteral("QPSQL"));

        // postgres:// too, libpq's defaults left to libpq, a socket folder, options passed on.
        l = DatabaseLocation::parse(QStringLiteral("postgres:///history?host=/run/postgresql&sslmode=require&connect_timeout=3"), &why);
        QVERIFY2(l, qPrintable(why));
        QCOMPARE(l->host, QStringLiteral("/run/postgresql"));
        QCOMPARE(l->port, -1);
        QVERIFY(l->user.isEmpty());
        QCOMPARE(l->database, QStringLiteral("history"));
        QVERIFY(l->options.contains(QStringLiteral("sslmode='require'")));
        QVERIFY(l->options.contains(QStringLiteral("connect_timeout='3'")));
        QVERIFY(!l->options.contains(QStringLiteral("connect_timeout='10'")));
        l = DatabaseLocation::parse(QStringLiteral("postgresql://team%40corp@[::1]/pl%20db"), &why);
        QVERIFY2(l, qPrintable(why));
        QCOMPARE(l->user, QStringLiteral("team@corp"));
        QCOMPARE(l->host, QStringLiteral("::1"));
        QCOMPARE(l->database, QStringLiteral("pl db"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("says");
        QTest::newRow("unknown scheme") << "mysql://u@h/db" << "unknown kind of database";
        QTest::newRow("typo") << "postgresq://u@h/db" << "unknown kind of database";
        QTest::newRow("http") << "https://example.org/h.sqlite" << "unknown kind of database";
        QTest::newRow("no slashes") << "postgresql:db" << "not a PostgreSQL URI";
        QTest::newRow("password") << "postgresql://u:secret@h/db" << "~/.pgpass or PGPASSWORD";
        QTest::newRow("password parameter") << "postgresql://u@h/db?password=secret" << "~/.pgpass or PGPASSWORD";
        QTest::newRow("two path parts") << "postgresql://u@h/db/x" << "one database name";
        QTest::newRow("semicolon") << "postgresql://u@h/db?options=a;b" << "cannot hold ';'";
        QTest::newRow("empty") << "  " << "no history database";
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, says);
        QString why;
        QVERIFY(!DatabaseLocation::parse(text, &why));
        QVERIFY2(why.contains(says), qPrintable(why));
        QVERIFY2(!why.contains(QStringLiteral("secret")), "a password is never repeated in a message");
    }

    void missingDriverSaysWhatToInstall()
    {
        QString why;
        const auto pg = DatabaseLocation::parse(QStringLiteral("postgresql://u@h/db"), &why);
        QVERIFY(pg);
        QVERIFY(pg->missingDriver({QStringLiteral("QSQLITE"), QStringLiteral("QPSQL")}).isEmpty());
        QVERIFY(pg->missingDriver({QStringLiteral("QSQLITE")}).contains(QStringLiteral("libqt6sql6-psql")));
        const auto file = DatabaseLocation::parse(QStringLiteral("/tmp/h.sqlite"), &why);
        QVERIFY(file->missingDriver({QStringLiteral("QPSQL")}).contains(QStringLiteral("libqt6sql6-sqlite")));
    }

    // The bug the issue names: a URI taken for a relative path made a folder
    // named "postgresql:". HistoryStore::open refuses before touching the disk.
    void aUriIsNeverMadeIntoAFolder()
    {
        QTemporaryDir dir;
        const QString old = QDir::currentPath();
        QVERIFY(QDir::setCurrent(dir.path()));
        for (const QString &uri : {QStringLiteral("nosuch://u@h/db"), QStringLiteral("postgresql://u:pw@h/db")}) {
            HistoryStore h(uri);
            QString why;
            QVERIFY(!h.open(&why));
            QVERIFY(!why.isEmpty());
        }
        QDir::setCurrent(old);
        QVERIFY2(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty(),
                 "a folder or file was made for a URI");
    }
};

QTEST_GUILESS_MAIN(TestDatabaseLocation)
#include "tst_databaselocation.moc"
