// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "appsettings.h"
#include "ui_settingsdialog.h"

#include "core/detect/detectionsettings.h"
#include "core/history/databaselocation.h"

#include <QSqlDatabase>

#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace packetlens::gui {

namespace {
constexpr int kKeyRole = Qt::UserRole + 1;

QString valueText(const QJsonValue &v)
{
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts << QString::number(x.toDouble());
        return parts.join(QStringLiteral(", "));
    }
    return QString::number(v.toDouble());
}
} // namespace

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::SettingsDialog>())
{
    m_ui->setupUi(this);
    m_ui->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_ui->languageCombo->addItem(QStringLiteral("Русский"), QStringLiteral("ru"));
    m_ui->languageCombo->setCurrentIndex(AppSettings::language() == QLatin1String("ru") ? 1 : 0);
    m_ui->timeCombo->addItem(tr("Seconds since the first packet"), true);
    m_ui->timeCombo->addItem(tr("Date and time (UTC)"), false);
    m_ui->timeCombo->setCurrentIndex(AppSettings::relativeTime() ? 0 : 1);
    m_ui->dbEdit->setText(AppSettings::databasePath());
    m_ui->storageEdit->setText(AppSettings::storageFolder());
    m_ui->allowEdit->setPlainText(AppSettings::allowList());
    m_ui->iocList->addItems(AppSettings::iocFiles());

    DetectionSettings d;
    QString why;
    const QJsonDocument doc = QJsonDocument::fromJson(AppSettings::detectionOverrides().toUtf8());
    if (doc.isObject())
        d.merge(doc.object(), &why);
    loadThresholds(d.values());
    m_ui->thresholdTree->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->resetDefaults, &QPushButton::clicked, this, [this] { loadThresholds(DetectionSettings::defaults()); });
    connect(m_ui->dbBrowse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getSaveFileName(this, tr("History database"), m_ui->dbEdit->text(),
                                                       tr("SQLite databases (*.sqlite *.db);;All files (*)"), nullptr,
                                                       QFileDialog::DontConfirmOverwrite);
        if (!f.isEmpty())
            m_ui->dbEdit->setText(f);
    });
    connect(m_ui->storageBrowse, &QPushButton::clicked, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Capture storage"), m_ui->storageEdit->text());
        if (!d.isEmpty())
            m_ui->storageEdit->setText(d);
    });
    connect(m_ui->iocAdd, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("IOC lists"), QString(), tr("Lists (*.txt *.csv);;All files (*)"));
        m_ui->iocList->addItems(files);
    });
    connect(m_ui->iocRemove, &QPushButton::clicked, this, [this] { qDeleteAll(m_ui->iocList->selectedItems()); });
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::loadThresholds(const QJsonObject &values)
{
    const QJsonObject defaults = DetectionSettings::defaults();
    m_ui->thresholdTree->clear();
    for (auto det = values.begin(); det != values.end(); ++det) {
        auto *top = new QTreeWidgetItem(m_ui->thresholdTree, {det.key()});
        const QJsonObject section = det.value().toObject();
        for (auto k = section.begin(); k != section.end(); ++k) {
            auto *item = new QTreeWidgetItem(top, {k.key(), valueText(k.value()),
                                                   valueText(defaults.value(det.key()).toObject().value(k.key()))});
            item->setData(0, kKeyRole, QStringList{det.key(), k.key()});
            item->setFlags(item->flags() | Qt::ItemIsEditable);
        }
        top->setExpanded(true);
    }
    m_ui->thresholdTree->resizeColumnToContents(0);
}

QJsonObject SettingsDialog::overrides(QString *error) const
{
    const QJsonObject defaults = DetectionSettings::defaults();
    QJsonObject out;
    for (int i = 0; i < m_ui->thresholdTree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_ui->thresholdTree->topLevelItem(i);
        QJsonObject section;
        for (int j = 0; j < top->childCount(); ++j) {
            QTreeWidgetItem *item = top->child(j);
            const QStringList key = item->data(0, kKeyRole).toStringList();
            const QJsonValue def = defaults.value(key[0]).toObject().value(key[1]);
            const QString text = item->text(1).trimmed();
            if (text == valueText(def))
                continue;
            if (def.isArray()) {
                QJsonArray arr;
                for (const QString &p : text.split(u',', Qt::SkipEmptyParts)) {
                    bool ok = false;
                    const double v = p.trimmed().toDouble(&ok);
                    if (!ok) {
                        *error = tr("%1.%2: \"%3\" is not a number").arg(key[0], key[1], p.trimmed());
                        return {};
                    }
                    arr.append(v);
                }
                section.insert(key[1], arr);
            } else {
                bool ok = false;
                const double v = text.toDouble(&ok);
                if (!ok || v < 0) {
                    *error = tr("%1.%2: \"%3\" is not a non-negative number").arg(key[0], key[1], text);
                    return {};
                }
                section.insert(key[1], v);
            }
        }
        if (!section.isEmpty())
            out.insert(top->text(0), section);
    }
    return out;
}

void SettingsDialog::accept()
{
    QString error;
    const QJsonObject o = overrides(&error);
    if (!error.isEmpty()) {
        m_ui->errorLabel->setText(error);
        m_ui->tabs->setCurrentWidget(m_ui->detectionTab);
        return;
    }
    DetectionSettings check;
    if (!check.merge(o, &error)) {
        m_ui->errorLabel->setText(error);
        return;
    }
    // A URI is never taken for a file, and one with a password is refused:
    // the settings are a file in clear.
    const auto location = DatabaseLocation::parse(m_ui->dbEdit->text(), &error);
    if (location)
        error = location->missingDriver(QSqlDatabase::drivers());
    if (!error.isEmpty()) {
        m_ui->errorLabel->setText(tr("History database: %1").arg(error));
        m_ui->tabs->setCurrentWidget(m_ui->generalTab);
        return;
    }
    AppSettings::setDetectionOverrides(o.isEmpty() ? QString() : QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)));
    AppSettings::setLanguage(m_ui->languageCombo->currentData().toString());
    AppSettings::setRelativeTime(m_ui->timeCombo->currentData().toBool());
    AppSettings::setDatabasePath(m_ui->dbEdit->text().trimmed());
    AppSettings::setStorageFolder(m_ui->storageEdit->text().trimmed());
    AppSettings::setAllowList(m_ui->allowEdit->toPlainText());
    QStringList iocs;
    for (int i = 0; i < m_ui->iocList->count(); ++i)
        iocs << m_ui->iocList->item(i)->text();
    AppSettings::setIocFiles(iocs);
    QDialog::accept();
}

} // namespace packetlens::gui
