// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/objects/exportobjects.h"

#include <QDialog>
#include <QFutureWatcher>

class QLabel;
class QPushButton;
class QTableWidget;

namespace packetlens::gui {

// File ▸ Export Objects ▸ HTTP / FTP-DATA / SMTP: the files the capture
// carries, with name, type by content, size and SHA-256; saved under safe
// names (never a path from the capture), an existing file never replaced.
class ObjectsDialog : public QDialog
{
    Q_OBJECT
public:
    // entry: which capture of a zip (from 0).
    ObjectsDialog(const QString &capturePath, const QString &protocol, int entry = 0, QWidget *parent = nullptr);
    int objectCount() const { return int(m_objects.size()); }
    bool isLoaded() const { return m_loaded; }
    // Saves the objects into dir; returns the names written.
    QStringList saveInto(const QString &dir, const QList<int> &rows, QString *error);

signals:
    void loaded();

private:
    void fill();
    void saveRows(bool all);

    QFutureWatcher<std::vector<CapturedObject>> m_watcher;
    std::vector<CapturedObject> m_objects;
    QString m_protocol; // "http", "ftp-data", "smtp"
    bool m_loaded = false;
    QLabel *m_summary;
    QTableWidget *m_table;
    QPushButton *m_save, *m_saveAll;
};

} // namespace packetlens::gui
