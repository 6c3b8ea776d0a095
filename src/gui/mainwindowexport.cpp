// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's exports of the current capture's report (JSON, HTML,
// ZIP bundle with evidence), written off the GUI thread.
#include "mainwindow.h"

#include "appsettings.h"
#include "capturetab.h"
#include "i18n.h"

#include "core/export/bundle.h"
#include "core/report/errortext.h"
#include "core/export/htmlreport.h"
#include "core/report/reportjson.h"
#include "core/util/filewrite.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace packetlens::gui {

void MainWindow::exportCurrent(const QString &kind)
{
    CaptureTab *t = currentCapture();
    if (!t || !t->hasReport())
        return;
    const QString base = QFileInfo(t->path()).completeBaseName();
    const QString dir = AppSettings::lastDirectory();
    QString filter, suffix, title;
    if (kind == QLatin1String("json")) {
        filter = tr("JSON report (*.json)");
        suffix = QStringLiteral(".json");
        title = tr("Export the report of %1 as JSON");
    } else if (kind == QLatin1String("html")) {
        filter = tr("HTML report (*.html)");
        suffix = QStringLiteral(".html");
        title = tr("Export the report of %1 as HTML");
    } else {
        filter = tr("ZIP bundle (*.zip)");
        suffix = QStringLiteral("-bundle.zip");
        title = tr("Export %1 as a ZIP bundle (report and evidence packets)");
    }
    const QString out = QFileDialog::getSaveFileName(this, title.arg(t->title()), QDir(dir).filePath(base + suffix), filter);
    if (out.isEmpty())
        return;
    AppSettings::setLastDirectory(QFileInfo(out).absolutePath()); // the next export (or Open) starts there
    const Report report = *t->report();
    const QString capture = t->path();
    const QString lang = currentLanguage();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, out] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (error.isEmpty())
            setStatus(tr("Exported %1").arg(out));
        else
            showError(tr("Export failed"), localizedError(error, currentLanguage()));
    });
    // Exports read the capture (evidence) and write files: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([kind, report, capture, lang, out]() -> QString {
        if (kind == QLatin1String("zip")) {
            QString error;
            return writeBundle(report, capture, out, &error) ? QString() : error;
        }
        const QByteArray bytes = kind == QLatin1String("json") ? ReportJson::toBytes(report, true)
                                                               : HtmlReport::render(report, lang).toUtf8();
        QString error;
        return writeWholeFile(out, bytes, &error) ? QString() : error;
    }));
}

} // namespace packetlens::gui
