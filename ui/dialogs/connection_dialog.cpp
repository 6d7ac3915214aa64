#include "dialogs/connection_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "dialogs/recent_connections.h"
#include "net/broker_address.h"

namespace kafkascope::ui {

ConnectionDialog::ConnectionDialog(QSettings& settings, QWidget* parent)
    : QDialog(parent), m_settings(settings) {
    setWindowTitle(tr("Connect to a Kafka cluster"));
    setMinimumWidth(480);

    const RecentConnections recent(m_settings);
    m_bootstrapCombo = new QComboBox(this);
    m_bootstrapCombo->setObjectName(QStringLiteral("bootstrapCombo"));
    m_bootstrapCombo->setEditable(true);
    m_bootstrapCombo->setInsertPolicy(QComboBox::NoInsert);
    m_bootstrapCombo->addItems(recent.bootstraps());
    m_bootstrapCombo->lineEdit()->setPlaceholderText(tr("host:port[,host:port…]"));
    m_bootstrapCombo->setToolTip(
        tr("Comma-separated list of brokers to start from; IPv6 addresses go in brackets, [::1]:9092"));

    m_clientIdEdit = new QLineEdit(recent.lastClientId(), this);
    m_clientIdEdit->setObjectName(QStringLiteral("clientIdEdit"));
    m_clientIdEdit->setPlaceholderText(QStringLiteral("kafkascope"));

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_errorLabel->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    QPushButton* savedButton = m_buttons->addButton(tr("Saved connections…"), QDialogButtonBox::ActionRole);
    savedButton->setObjectName(QStringLiteral("savedConnections"));
    connect(savedButton, &QPushButton::clicked, this, [this] { done(ManageSavedConnections); });

    auto* form = new QFormLayout;
    form->addRow(tr("&Bootstrap servers:"), m_bootstrapCombo);
    form->addRow(QString(), m_errorLabel);
    form->addRow(tr("C&lient id:"), m_clientIdEdit);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch();
    layout->addWidget(m_buttons);

    connect(m_bootstrapCombo, &QComboBox::editTextChanged, this, &ConnectionDialog::validate);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    validate();
}

QString ConnectionDialog::bootstrap() const { return m_bootstrapCombo->currentText().trimmed(); }

QString ConnectionDialog::clientId() const {
    const QString id = m_clientIdEdit->text().trimmed();
    return id.isEmpty() ? QStringLiteral("kafkascope") : id;
}

void ConnectionDialog::setBootstrap(const QString& text) { m_bootstrapCombo->setEditText(text); }

void ConnectionDialog::validate() {
    const auto parsed = net::parse_bootstrap(bootstrap().toStdString());
    m_errorText = parsed ? QString() : QString::fromStdString(parsed.error().message);
    // Say nothing about an empty field the user has not typed in yet; OK stays off.
    const bool pristine = bootstrap().isEmpty() && !m_bootstrapCombo->lineEdit()->isModified();
    m_errorLabel->setText(m_errorText);
    m_errorLabel->setVisible(!m_errorText.isEmpty() && !pristine);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_errorText.isEmpty());
}

void ConnectionDialog::accept() {
    validate();
    if (!isInputValid()) {
        m_errorLabel->setVisible(true);
        m_bootstrapCombo->setFocus();
        return;
    }
    RecentConnections(m_settings).remember(bootstrap(), clientId());
    QDialog::accept();
}

}  // namespace kafkascope::ui
