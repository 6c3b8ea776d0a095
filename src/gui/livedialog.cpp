// SPDX-License-Identifier: GPL-3.0-or-later
#include "livedialog.h"
#include "i18n.h"

#include "core/live/savedcapture.h"
#include "core/report/errortext.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace packetlens::gui {

LiveDialog::LiveDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("liveDialog"));
    setWindowTitle(tr("Start Live Capture"));
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("interfaces"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Interface"), tr("Description"), tr("Addresses"), tr("Link type")});
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("captureFilter"));
    m_filter->setPlaceholderText(tr("e.g. tcp port 443 or udp (BPF, as tcpdump takes it)"));
    m_snaplen = new QSpinBox(this);
    m_snaplen->setRange(64, 262144);
    m_snaplen->setValue(262144);
    m_promisc = new QCheckBox(tr("Promiscuous mode"), this);
    m_promisc->setChecked(true);
    m_duration = new QDoubleSpinBox(this);
    m_duration->setRange(0, 1e7);
    m_duration->setSpecialValueText(tr("no limit"));
    m_duration->setSuffix(tr(" s"));
    m_packets = new QSpinBox(this);
    m_packets->setRange(0, 2000000000);
    m_packets->setSpecialValueText(tr("no limit"));
    m_megabytes = new QDoubleSpinBox(this);
    m_megabytes->setRange(0, 1e7);
    m_megabytes->setSpecialValueText(tr("no limit"));
    m_megabytes->setSuffix(tr(" MB"));
    m_savePath = new QLineEdit(this);
    m_savePath->setPlaceholderText(tr("the app-data folder (live/)"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("liveError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(tr("Capture filter:"), m_filter);
    form->addRow(tr("Snap length:"), m_snaplen);
    form->addRow(QString(), m_promisc);
    form->addRow(tr("Stop after (duration):"), m_duration);
    form->addRow(tr("Stop after (packets):"), m_packets);
    form->addRow(tr("Stop after (size):"), m_megabytes);
    form->addRow(tr("Save packets to:"), m_savePath);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start Capture"));
    connect(buttons, &QDialogButtonBox::accepted, this, &LiveDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(m_list, 1);
    lay->addLayout(form);
    lay->addWidget(m_error);
    lay->addWidget(buttons);
    resize(720, 520);
    loadInterfaces();
}

void LiveDialog::loadInterfaces()
{
    QString why;
    if (!CaptureHelper::interfaces(&m_interfaces, &why)) {
        m_error->setText(tr("The interfaces cannot be listed: %1").arg(localizedError(why, currentLanguage())));
        m_error->show();
        return;
    }
    for (const CaptureInterface &i : std::as_const(m_interfaces)) {
        auto *item = new QTreeWidgetItem(m_list, {i.name, i.description, i.addresses.join(QStringLiteral(", ")), i.linkTypeName});
        item->setDisabled(!i.isUp() && i.name != QLatin1String("any"));
        if (!m_list->currentItem() && i.isUp() && !i.isLoopback() && i.name != QLatin1String("any"))
            m_list->setCurrentItem(item);
    }
    if (!m_list->currentItem() && m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    m_list->header()->resizeSections(QHeaderView::ResizeToContents);
}

QString LiveDialog::selectedInterface() const
{
    return m_list->currentItem() ? m_list->currentItem()->text(0) : QString();
}

int LiveDialog::selectedLinkType() const
{
    for (const CaptureInterface &i : m_interfaces)
        if (i.name == selectedInterface() && i.linkType >= 0)
            return i.linkType;
    return 1; // Ethernet
}

// Checked before anything starts: an interface chosen, the filter compiles.
void LiveDialog::accept()
{
    QString why;
    if (selectedInterface().isEmpty())
        why = tr("Choose an interface.");
    else if (!m_filter->text().trimmed().isEmpty()
             && !checkCaptureFilter(m_filter->text().trimmed(), selectedLinkType(), m_snaplen->value(), &why))
        why = tr("Invalid capture filter: %1").arg(localizedError(why, currentLanguage()));
    if (!why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        return;
    }
    QDialog::accept();
}

LiveJobSpec LiveDialog::spec() const
{
    LiveJobSpec s;
    s.live.source.kind = LiveSource::Kind::Interface;
    s.live.source.interface = selectedInterface();
    s.live.filter = m_filter->text().trimmed();
    s.live.snaplen = m_snaplen->value();
    s.live.promiscuous = m_promisc->isChecked();
    s.live.durationS = m_duration->value();
    s.live.maxPackets = quint64(m_packets->value());
    s.live.maxBytes = quint64(m_megabytes->value() * 1e6);
    s.savePath = m_savePath->text().trimmed().isEmpty() ? defaultLiveCapturePath(s.live.source.interface) : m_savePath->text().trimmed();
    return s;
}

} // namespace packetlens::gui
