// SPDX-License-Identifier: GPL-3.0-or-later
#include "filterbar.h"

#include "core/inspect/displayfilter.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace packetlens::gui {

namespace {
const QString kInvalidStyle = QStringLiteral("QLineEdit { background: rgba(211, 47, 47, 70); }");
const QString kValidStyle = QStringLiteral("QLineEdit { background: rgba(56, 142, 60, 50); }");
} // namespace

FilterBar::FilterBar(QWidget *parent) : QWidget(parent)
{
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("filterEdit"));
    m_edit->setClearButtonEnabled(true);
    m_apply = new QToolButton(this);
    m_apply->setObjectName(QStringLiteral("filterApply"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("filterStatus"));
    auto *bar = new QHBoxLayout(this);
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_edit, 1);
    bar->addWidget(m_apply);
    bar->addWidget(m_status);
    connect(m_edit, &QLineEdit::returnPressed, this, [this] { emit applyRequested(m_edit->text()); });
    connect(m_apply, &QToolButton::clicked, this, [this] { emit applyRequested(m_edit->text()); });
    // While typing: colour and reason at once; a cleared filter clears its error.
    connect(m_edit, &QLineEdit::textChanged, this, [this](const QString &t) { validate(t); });
    retranslate();
}

QString FilterBar::text() const
{
    return m_edit->text();
}

bool FilterBar::setText(const QString &text)
{
    if (m_edit->text() != text)
        m_edit->setText(text);
    return validate(text);
}

bool FilterBar::validate(const QString &text)
{
    const DisplayFilter f = DisplayFilter::parse(text);
    m_edit->setStyleSheet(text.trimmed().isEmpty() ? QString() : f.isValid() ? kValidStyle : kInvalidStyle);
    m_edit->setToolTip(f.isValid() ? QString() : f.error());
    m_status->setText(f.isValid() ? m_lastStatus : tr("Invalid filter: %1").arg(f.error()));
    return f.isValid();
}

void FilterBar::setStatus(const QString &status)
{
    m_lastStatus = status;
    if (DisplayFilter::parse(m_edit->text()).isValid())
        m_status->setText(status);
}

void FilterBar::focus()
{
    m_edit->setFocus();
    m_edit->selectAll();
}

void FilterBar::retranslate()
{
    m_edit->setPlaceholderText(tr("Display filter, e.g. dns || tcp.port==443 && ip.addr==10.0.0.0/8 — or \"text\" to search Info (Ctrl+F)"));
    m_apply->setText(tr("Apply"));
    validate(m_edit->text());
}

} // namespace packetlens::gui
