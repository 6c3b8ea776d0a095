// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverpanel.h"

#include "appsettings.h"

#include "server/restserver.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QToolButton>

namespace packetlens::gui {

namespace {
const QString kPortKey = QStringLiteral("server/port");
}

ServerPanel::ServerPanel(QWidget *parent) : QDockWidget(parent), m_server(new RestServer(this))
{
    setObjectName(QStringLiteral("serverPanel"));
    auto *w = new QWidget(this);
    m_state = new QLabel(w);
    m_state->setObjectName(QStringLiteral("serverState"));
    m_portLabel = new QLabel(w);
    m_port = new QSpinBox(w);
    m_port->setRange(1, 65535);
    m_port->setValue(QSettings().value(kPortKey, 8080).toInt());
    m_toggle = new QPushButton(w);
    m_toggle->setObjectName(QStringLiteral("serverToggle"));
    m_urlLabel = new QLabel(w);
    m_url = new QLineEdit(w);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setReadOnly(true);
    m_copyUrl = new QPushButton(w);
    m_keyLabel = new QLabel(w);
    m_key = new QLineEdit(w);
    m_key->setObjectName(QStringLiteral("serverKey"));
    m_key->setReadOnly(true);
    m_key->setEchoMode(QLineEdit::Password);
    m_key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_showKey = new QToolButton(w);
    m_showKey->setCheckable(true);
    m_copyKey = new QPushButton(w);
    m_copyKey->setObjectName(QStringLiteral("serverCopyKey"));
    m_log = new QPlainTextEdit(w);
    m_log->setObjectName(QStringLiteral("serverLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *grid = new QGridLayout(w);
    grid->addWidget(m_state, 0, 0, 1, 2);
    grid->addWidget(m_portLabel, 0, 2);
    grid->addWidget(m_port, 0, 3);
    grid->addWidget(m_toggle, 0, 4);
    grid->addWidget(m_urlLabel, 1, 0);
    grid->addWidget(m_url, 1, 1, 1, 3);
    grid->addWidget(m_copyUrl, 1, 4);
    grid->addWidget(m_keyLabel, 2, 0);
    grid->addWidget(m_key, 2, 1, 1, 2);
    grid->addWidget(m_showKey, 2, 3);
    grid->addWidget(m_copyKey, 2, 4);
    grid->addWidget(m_log, 3, 0, 1, 5);
    grid->setColumnStretch(1, 1);
    setWidget(w);

    connect(m_toggle, &QPushButton::clicked, this, [this] {
        if (isRunning()) {
            stop();
            return;
        }
        QString error;
        if (!start(&error))
            m_log->appendPlainText(tr("Could not start: %1").arg(error));
    });
    connect(m_showKey, &QToolButton::toggled, this, [this](bool on) { m_key->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_copyKey, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_key->text()); });
    connect(m_copyUrl, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_url->text()); });
    connect(m_server, &RestServer::requestLogged, this, [this](const QString &line) {
        m_log->appendPlainText(QStringLiteral("%1  %2").arg(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss")), line));
    });
    retranslate();
}

ServerPanel::~ServerPanel() = default;

bool ServerPanel::start(QString *error)
{
    RestServerOptions o;
    o.port = quint16(m_port->value());
    o.dbPath = AppSettings::databasePath();
    o.storageDir = AppSettings::storageFolder();
    if (!m_server->start(o, error)) {
        updateState();
        return false;
    }
    QSettings().setValue(kPortKey, m_port->value());
    m_log->appendPlainText(tr("Serving %1").arg(m_server->url().toString()));
    updateState();
    emit runningChanged(true);
    return true;
}

void ServerPanel::stop()
{
    m_server->stop();
    m_log->appendPlainText(tr("Stopped"));
    updateState();
    emit runningChanged(false);
}

bool ServerPanel::isRunning() const
{
    return m_server->isRunning();
}

QString ServerPanel::url() const
{
    return m_server->isRunning() ? m_server->url().toString() : QString();
}

QString ServerPanel::apiKey() const
{
    return m_server->apiKey();
}

void ServerPanel::updateState()
{
    const bool on = m_server->isRunning();
    m_state->setText(on ? tr("<b>Running</b> — local REST API (see docs/rest-api.md)") : tr("Stopped"));
    m_toggle->setText(on ? tr("Stop server") : tr("Start server"));
    m_port->setEnabled(!on);
    m_url->setText(url());
    m_key->setText(on ? m_server->apiKey() : QString());
    m_copyKey->setEnabled(on);
    m_copyUrl->setEnabled(on);
}

void ServerPanel::retranslate()
{
    setWindowTitle(tr("REST API server"));
    m_portLabel->setText(tr("Port:"));
    m_urlLabel->setText(tr("URL:"));
    m_keyLabel->setText(tr("API key:"));
    m_showKey->setText(tr("Show"));
    m_copyKey->setText(tr("Copy key"));
    m_copyUrl->setText(tr("Copy URL"));
    m_log->setPlaceholderText(tr("Requests answered by the server appear here."));
    updateState();
}

} // namespace packetlens::gui
