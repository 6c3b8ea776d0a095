// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectsdialog.h"

#include "appsettings.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace packetlens::gui {

ObjectsDialog::ObjectsDialog(const QString &capturePath, const QString &protocol, int entry, QWidget *parent) : QDialog(parent), m_protocol(protocol)
{
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(tr("Export Objects: %1 — %2").arg(protocol.toUpper(), QFileInfo(capturePath).fileName()));
    resize(900, 480);
    m_summary = new QLabel(tr("Reading the capture…"), this);
    m_table = new QTableWidget(0, 7, this);
    m_table->setObjectName(QStringLiteral("objectsTable"));
    m_table->setHorizontalHeaderLabels({tr("Packet"), tr("Hostname"), tr("Content type"), tr("Size"), tr("File name"), tr("Type"), QStringLiteral("SHA-256")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_save = new QPushButton(tr("Save…"), this);
    m_saveAll = new QPushButton(tr("Save All…"), this);
    m_save->setEnabled(false);
    m_saveAll->setEnabled(false);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(m_save);
    row->addWidget(m_saveAll);
    row->addWidget(buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_save, &QPushButton::clicked, this, [this] { saveRows(false); });
    connect(m_saveAll, &QPushButton::clicked, this, [this] { saveRows(true); });
    connect(&m_watcher, &QFutureWatcher<std::vector<CapturedObject>>::finished, this, [this] {
        m_objects = m_watcher.result();
        m_loaded = true;
        fill();
        emit loaded();
    });
    m_watcher.setFuture(QtConcurrent::run([capturePath, protocol, entry] {
        std::vector<CapturedObject> objects;
        carveObjects(capturePath, {protocol}, objects, nullptr, entry);
        return objects;
    }));
}

void ObjectsDialog::fill()
{
    m_summary->setText(m_objects.empty() ? tr("No objects of this protocol in the capture.") : tr("%n object(s)", nullptr, int(m_objects.size())));
    m_table->setRowCount(int(m_objects.size()));
    for (int i = 0; i < int(m_objects.size()); ++i) {
        const CapturedObject &o = m_objects[size_t(i)];
        const QStringList cells = {QString::number(o.frame), o.host, o.contentType, QLocale().formattedDataSize(o.data.size()),
                                   o.safeName, o.type, o.sha256};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    m_save->setEnabled(!m_objects.empty());
    m_saveAll->setEnabled(!m_objects.empty());
}

QStringList ObjectsDialog::saveInto(const QString &dir, const QList<int> &rows, QString *error)
{
    ObjectNames taken(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot));
    QStringList written;
    for (int row : rows) {
        const CapturedObject &o = m_objects.at(size_t(row));
        const QString name = safeObjectName(o.name, taken);
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::NewOnly) || f.write(o.data) != o.data.size() || !f.flush()) {
            if (error)
                *error = tr("Could not write %1: %2").arg(f.fileName(), f.errorString());
            break;
        }
        written << name;
    }
    return written;
}

void ObjectsDialog::saveRows(bool all)
{
    QList<int> rows;
    for (int i = 0; i < int(m_objects.size()); ++i)
        if (all || m_table->selectionModel()->isRowSelected(i, {}))
            rows << i;
    if (rows.isEmpty())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save %n %1 object(s) into", nullptr, int(rows.size())).arg(m_protocol.toUpper()),
                                                          AppSettings::lastDirectory());
    if (dir.isEmpty())
        return;
    AppSettings::setLastDirectory(dir);
    QString error;
    const QStringList written = saveInto(dir, rows, &error);
    if (!error.isEmpty())
        QMessageBox::warning(this, windowTitle(), error);
    m_summary->setText(tr("Saved %n file(s) into %1.", nullptr, int(written.size())).arg(dir));
}

} // namespace packetlens::gui
