#include "explaindialog.h"

#include "ui_explaindialog.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace packetlens::gui {

ExplainDialog::ExplainDialog(const QJsonObject &f, QWidget *parent) : QDialog(parent), m_ui(std::make_unique<Ui::ExplainDialog>())
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Explain %1").arg(f.value(QStringLiteral("id")).toString()));
    m_ui->summaryLabel->setText(QStringLiteral("<b>%1</b>").arg(f.value(QStringLiteral("summary")).toString().toHtmlEscaped()));
    m_ui->categoryValue->setText(f.value(QStringLiteral("category")).toString());
    m_ui->severityValue->setText(f.value(QStringLiteral("severity")).toString());
    m_ui->confidenceValue->setText(QString::number(f.value(QStringLiteral("confidence")).toDouble(), 'f', 2));
    m_ui->thresholdValue->setText(f.value(QStringLiteral("threshold")).toString());
    m_ui->timeValue->setText(tr("%1 to %2").arg(f.value(QStringLiteral("first_ts")).toString(), f.value(QStringLiteral("last_ts")).toString()));
    QStringList mitre;
    for (const QJsonValue &v : f.value(QStringLiteral("mitre_attack")).toArray())
        mitre << v.toString();
    m_ui->mitreValue->setText(mitre.isEmpty() ? tr("none") : mitre.join(QStringLiteral(", ")));
    const QJsonObject ev = f.value(QStringLiteral("evidence")).toObject();
    QStringList packets;
    for (const QJsonValue &v : ev.value(QStringLiteral("packets")).toArray())
        packets << QString::number(v.toInteger());
    m_ui->evidenceValue->setText(packets.isEmpty() ? tr("none") : packets.join(QStringLiteral(", ")));
    m_ui->recommendationValue->setText(f.value(QStringLiteral("recommendation")).toString());
    const QJsonObject metrics = ev.value(QStringLiteral("metrics")).toObject();
    for (auto it = metrics.begin(); it != metrics.end(); ++it) {
        const QJsonValue v = it.value();
        QString text;
        if (v.isArray() || v.isObject())
            text = QString::fromUtf8(v.isArray() ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        else if (v.isDouble())
            text = QString::number(v.toDouble(), 'g', 10);
        else
            text = v.toVariant().toString();
        m_ui->metricsTree->addTopLevelItem(new QTreeWidgetItem(QStringList{it.key(), text}));
    }
    m_ui->metricsTree->resizeColumnToContents(0);
}

ExplainDialog::~ExplainDialog() = default;

} // namespace packetlens::gui
