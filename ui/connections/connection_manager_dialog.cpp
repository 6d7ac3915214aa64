#include "connections/connection_manager_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

#include "connections/connection_store.h"
#include "connections/secret_store.h"
#include "net/broker_address.h"

namespace kafkascope::ui {
namespace {

const QColor kError(0xc0, 0x39, 0x2b);

constexpr net::SecurityProtocol kProtocols[] = {net::SecurityProtocol::plaintext, net::SecurityProtocol::ssl,
                                                net::SecurityProtocol::sasl_plaintext,
                                                net::SecurityProtocol::sasl_ssl};
constexpr net::SaslMechanism kMechanisms[] = {net::SaslMechanism::plain, net::SaslMechanism::scram_sha_256,
                                              net::SaslMechanism::scram_sha_512, net::SaslMechanism::oauthbearer};

QString name(auto value) { return QString::fromLatin1(to_string(value)); }

QIcon tagIcon(const QColor& colour) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    if (colour.isValid()) {
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(colour.darker(130));
        painter.setBrush(colour);
        painter.drawEllipse(QRectF(1.5, 1.5, 11, 11));
    }
    return QIcon(pixmap);
}

QLineEdit* lineEdit(QWidget* parent, const char* objectName, bool secret = false) {
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(QLatin1String(objectName));
    if (secret) edit->setEchoMode(QLineEdit::Password);
    return edit;
}

}  // namespace

QList<std::pair<QString, QColor>> ConnectionManagerDialog::colourTags() {
    return {
        {tr("None"), QColor()},
        {tr("Red (production)"), QColor(0xd6, 0x3a, 0x2f)},
        {tr("Orange"), QColor(0xe6, 0x7e, 0x22)},
        {tr("Yellow"), QColor(0xf1, 0xc4, 0x0f)},
        {tr("Green"), QColor(0x2e, 0x9e, 0x5b)},
        {tr("Blue"), QColor(0x2f, 0x80, 0xed)},
        {tr("Purple"), QColor(0x8e, 0x44, 0xad)},
    };
}

ConnectionManagerDialog::ConnectionManagerDialog(ConnectionStore& store, QWidget* parent)
    : QDialog(parent), m_store(store) {
    setWindowTitle(tr("Saved connections"));
    setMinimumSize(760, 520);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("connectionList"));
    auto* newButton = new QPushButton(tr("&New"), this);
    auto* deleteButton = new QPushButton(tr("&Delete"), this);
    auto* importButton = new QPushButton(tr("&Import…"), this);
    auto* exportButton = new QPushButton(tr("E&xport…"), this);
    m_exportSecrets = new QCheckBox(tr("Include secrets in export"), this);
    m_exportSecrets->setObjectName(QStringLiteral("exportSecrets"));
    m_exportSecrets->setToolTip(tr("Writes passwords and tokens into the exported file in plain text"));

    m_name = lineEdit(this, "name");
    m_bootstrap = lineEdit(this, "bootstrap");
    m_bootstrap->setPlaceholderText(tr("host:port[,host:port…]"));
    m_clientId = lineEdit(this, "clientId");
    m_clientId->setPlaceholderText(QStringLiteral("kafkascope"));
    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocol"));
    for (const auto protocol : kProtocols) m_protocol->addItem(name(protocol));
    m_mechanism = new QComboBox(this);
    m_mechanism->setObjectName(QStringLiteral("mechanism"));
    for (const auto mechanism : kMechanisms) m_mechanism->addItem(name(mechanism));
    m_username = lineEdit(this, "username");
    m_password = lineEdit(this, "password", true);
    m_oauthToken = lineEdit(this, "oauthToken", true);
    m_caPath = lineEdit(this, "caPath");
    m_caPath->setPlaceholderText(tr("system trust store"));
    m_certificatePath = lineEdit(this, "certificatePath");
    m_keyPath = lineEdit(this, "keyPath");
    m_keyPassword = lineEdit(this, "keyPassword", true);
    m_verifyHostname = new QCheckBox(tr("Check that the certificate names the broker's host"), this);
    m_verifyHostname->setObjectName(QStringLiteral("verifyHostname"));
    m_colour = new QComboBox(this);
    m_colour->setObjectName(QStringLiteral("colour"));
    for (const auto& [label, colour] : colourTags()) m_colour->addItem(tagIcon(colour), label, colour);
    m_readOnly = new QCheckBox(tr("Read-only: disable producing, commits and offset resets"), this);
    m_readOnly->setObjectName(QStringLiteral("readOnly"));

    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);

    m_form = new QFormLayout;
    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(tr("&Bootstrap servers:"), m_bootstrap);
    m_form->addRow(tr("C&lient id:"), m_clientId);
    m_form->addRow(tr("&Security protocol:"), m_protocol);
    m_form->addRow(tr("SASL &mechanism:"), m_mechanism);
    m_form->addRow(tr("&Username:"), m_username);
    m_form->addRow(tr("&Password:"), m_password);
    m_form->addRow(tr("OAuth &token:"), m_oauthToken);
    m_form->addRow(tr("&CA certificates:"), m_caPath);
    m_form->addRow(tr("Client cer&tificate:"), m_certificatePath);
    m_form->addRow(tr("Client &key:"), m_keyPath);
    m_form->addRow(tr("Key pass&phrase:"), m_keyPassword);
    m_form->addRow(QString(), m_verifyHostname);
    m_form->addRow(tr("C&olour tag:"), m_colour);
    m_form->addRow(QString(), m_readOnly);

    auto* saveButton = new QPushButton(tr("&Save"), this);
    saveButton->setObjectName(QStringLiteral("save"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto* connectButton = buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setObjectName(QStringLiteral("connect"));

    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(newButton);
    listButtons->addWidget(deleteButton);
    auto* fileButtons = new QHBoxLayout;
    fileButtons->addWidget(importButton);
    fileButtons->addWidget(exportButton);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);
    left->addLayout(fileButtons);
    left->addWidget(m_exportSecrets);
    auto* right = new QVBoxLayout;
    right->addLayout(m_form);
    right->addWidget(m_keychainNote);
    right->addWidget(m_message);
    right->addStretch();
    right->addWidget(saveButton, 0, Qt::AlignRight);
    auto* columns = new QHBoxLayout;
    columns->addLayout(left, 1);
    columns->addLayout(right, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addWidget(buttons);

    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectionManagerDialog::onSelectionChanged);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &ConnectionManagerDialog::updateVisibleRows);
    connect(m_mechanism, &QComboBox::currentIndexChanged, this, &ConnectionManagerDialog::updateVisibleRows);
    connect(m_keyPath, &QLineEdit::textChanged, this, &ConnectionManagerDialog::updateVisibleRows);
    connect(newButton, &QPushButton::clicked, this, &ConnectionManagerDialog::newConnection);
    connect(deleteButton, &QPushButton::clicked, this, [this] {
        if (m_loadedName.isEmpty()) return;
        if (QMessageBox::question(this, tr("Delete connection"), tr("Delete “%1” and its saved passwords?").arg(m_loadedName)) ==
            QMessageBox::Yes) {
            deleteSelected();
        }
    });
    connect(saveButton, &QPushButton::clicked, this, &ConnectionManagerDialog::saveEdited);
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import client properties"), QString(),
                                                          tr("Properties (*.properties *.conf *.config);;All files (*)"));
        if (!path.isEmpty()) importProperties(path);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString suggested = (m_name->text().trimmed().isEmpty() ? QStringLiteral("client") : m_name->text().trimmed()) +
                                  QStringLiteral(".properties");
        const QString path = QFileDialog::getSaveFileName(this, tr("Export client properties"), suggested,
                                                          tr("Properties (*.properties);;All files (*)"));
        if (!path.isEmpty()) exportProperties(path, m_exportSecrets->isChecked());
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionManagerDialog::connectChosen);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionManagerDialog::reject);

    reloadList(QString());
    if (m_list->count() > 0) {
        m_list->setCurrentRow(0);
    } else {
        newConnection();
    }
    updateKeychainNote();
}

void ConnectionManagerDialog::updateKeychainNote() {
    // The keychain may only turn out to be missing on first use.
    const SecretStore& secrets = m_store.secretStore();
    if (!secrets.isAvailable()) {
        m_keychainNote->setText(tr("Passwords cannot be saved: %1. You will be asked for them each time you connect.")
                                    .arg(secrets.unavailableReason()));
    }
    m_keychainNote->setVisible(!secrets.isAvailable());
}

SavedConnection ConnectionManagerDialog::editedConnection() const {
    SavedConnection c;
    c.name = m_name->text().trimmed();
    c.bootstrap = m_bootstrap->text().trimmed();
    c.clientId = m_clientId->text().trimmed();
    c.protocol = kProtocols[std::max(0, m_protocol->currentIndex())];
    c.mechanism = kMechanisms[std::max(0, m_mechanism->currentIndex())];
    c.username = m_username->text().trimmed();
    c.caPath = m_caPath->text().trimmed();
    c.certificatePath = m_certificatePath->text().trimmed();
    c.keyPath = m_keyPath->text().trimmed();
    c.verifyHostname = m_verifyHostname->isChecked();
    c.colour = m_colour->currentData().value<QColor>();
    c.readOnly = m_readOnly->isChecked();
    return c;
}

ConnectionSecrets ConnectionManagerDialog::editedSecrets() const {
    return {m_password->text(), m_keyPassword->text(), m_oauthToken->text()};
}

void ConnectionManagerDialog::setEdited(const SavedConnection& c, const ConnectionSecrets& secrets) {
    m_name->setText(c.name);
    m_bootstrap->setText(c.bootstrap);
    m_clientId->setText(c.clientId);
    m_protocol->setCurrentIndex(static_cast<int>(std::find(std::begin(kProtocols), std::end(kProtocols), c.protocol) -
                                                 std::begin(kProtocols)));
    m_mechanism->setCurrentIndex(static_cast<int>(
        std::find(std::begin(kMechanisms), std::end(kMechanisms), c.mechanism) - std::begin(kMechanisms)));
    m_username->setText(c.username);
    m_password->setText(secrets.password);
    m_oauthToken->setText(secrets.oauthToken);
    m_caPath->setText(c.caPath);
    m_certificatePath->setText(c.certificatePath);
    m_keyPath->setText(c.keyPath);
    m_keyPassword->setText(secrets.keyPassword);
    m_verifyHostname->setChecked(c.verifyHostname);
    int colourIndex = 0;
    const auto tags = colourTags();
    for (int i = 0; i < tags.size(); ++i) {
        if (tags[i].second == c.colour) colourIndex = i;
    }
    m_colour->setCurrentIndex(colourIndex);
    m_readOnly->setChecked(c.readOnly);
    updateVisibleRows();
}

void ConnectionManagerDialog::newConnection() {
    m_loadedName.clear();
    {
        const QSignalBlocker blocker(m_list);
        m_list->clearSelection();
        m_list->setCurrentRow(-1);
    }
    setEdited(SavedConnection{}, ConnectionSecrets{});
    showMessage(QString(), false);
    m_name->setFocus();
}

bool ConnectionManagerDialog::selectConnection(const QString& name) {
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->text() == name) {
            m_list->setCurrentRow(i);
            onSelectionChanged();  // also when the row was current already
            return true;
        }
    }
    return false;
}

void ConnectionManagerDialog::onSelectionChanged() {
    const QListWidgetItem* item = m_list->currentItem();
    if (!item) return;
    const auto connection = m_store.find(item->text());
    if (!connection) return;
    m_loadedName = connection->name;
    setEdited(*connection, m_store.secrets(connection->name));
    showMessage(QString(), false);
    updateKeychainNote();
}

QString ConnectionManagerDialog::problem() const {
    const SavedConnection c = editedConnection();
    if (c.name.isEmpty()) return tr("Give the connection a name.");
    const auto parsed = net::parse_bootstrap(c.bootstrap.toStdString());
    if (!parsed) return tr("Bootstrap servers: %1").arg(QString::fromStdString(parsed.error().message));
    // Secrets may legitimately be missing here (asked for when connecting),
    // so check the rest with stand-ins for them.
    const QString standIn = QStringLiteral("x");
    const auto valid = c.securityConfig({standIn, standIn, standIn}).validate();
    if (!valid) return QString::fromStdString(valid.error().message);
    return {};
}

bool ConnectionManagerDialog::saveEdited() {
    if (const QString why = problem(); !why.isEmpty()) {
        showMessage(why, true);
        return false;
    }
    const SavedConnection c = editedConnection();
    if (c.name != m_loadedName && m_store.find(c.name)) {
        showMessage(tr("A connection named “%1” exists already.").arg(c.name), true);
        return false;
    }
    const QString notice = m_store.save(c, editedSecrets(), m_loadedName);
    m_loadedName = c.name;
    reloadList(c.name);
    showMessage(notice.isEmpty() ? tr("Saved “%1”.").arg(c.name) : notice, !notice.isEmpty());
    updateKeychainNote();
    return true;
}

bool ConnectionManagerDialog::deleteSelected() {
    if (m_loadedName.isEmpty()) return false;
    const QString name = m_loadedName;
    m_store.remove(name);
    reloadList(QString());
    if (m_list->count() > 0) {
        m_list->setCurrentRow(0);
    } else {
        newConnection();
    }
    showMessage(tr("Deleted “%1”.").arg(name), false);
    return true;
}

bool ConnectionManagerDialog::importProperties(const QString& path) {
    const auto properties = net::read_client_properties_file(path.toStdString(), net::UnknownKeys::keep);
    if (!properties) {
        showMessage(tr("Cannot import: %1").arg(QString::fromStdString(properties.error().message)), true);
        return false;
    }
    ConnectionSecrets secrets;
    SavedConnection c = SavedConnection::fromProperties(*properties, &secrets);
    c.name = QFileInfo(path).completeBaseName();
    newConnection();
    setEdited(c, secrets);
    QString text = tr("Imported %1; check the settings and save.").arg(QFileInfo(path).fileName());
    if (!properties->security.sasl.oauth_token_command.empty()) {
        text += tr(" sasl.oauthbearer.token.command is not kept by saved connections.");
    }
    if (!properties->ignored.empty()) {
        QStringList keys;
        for (const auto& entry : properties->ignored) keys.append(QString::fromStdString(entry.first));
        text += tr(" Ignored: %1.").arg(keys.join(QStringLiteral(", ")));
    }
    showMessage(text, false);
    return true;
}

bool ConnectionManagerDialog::exportProperties(const QString& path, bool includeSecrets) {
    const SavedConnection c = editedConnection();
    const std::string text =
        write_client_properties(c.toProperties(editedSecrets()), includeSecrets ? net::Secrets::include : net::Secrets::omit);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        showMessage(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    if (includeSecrets) file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(text.data(), static_cast<qint64>(text.size()));
    if (!file.commit()) {
        showMessage(tr("Cannot write %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    showMessage(includeSecrets ? tr("Exported to %1, secrets included.").arg(path)
                               : tr("Exported to %1 without secrets.").arg(path),
                false);
    return true;
}

QString ConnectionManagerDialog::messageText() const { return m_message->text(); }

void ConnectionManagerDialog::reloadList(const QString& select) {
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const SavedConnection& c : m_store.load()) {
        auto* item = new QListWidgetItem(tagIcon(c.colour), c.name, m_list);
        item->setToolTip(c.readOnly ? tr("%1 · %2 · read-only").arg(c.bootstrap, name(c.protocol))
                                    : tr("%1 · %2").arg(c.bootstrap, name(c.protocol)));
        if (c.name == select) m_list->setCurrentItem(item);
    }
}

void ConnectionManagerDialog::updateVisibleRows() {
    const SavedConnection c = editedConnection();
    m_form->setRowVisible(m_mechanism, c.usesSasl());
    m_form->setRowVisible(m_username, c.usesSasl());
    m_form->setRowVisible(m_password, c.needsPassword());
    m_form->setRowVisible(m_oauthToken, c.needsOAuthToken());
    m_form->setRowVisible(m_caPath, c.usesTls());
    m_form->setRowVisible(m_certificatePath, c.usesTls());
    m_form->setRowVisible(m_keyPath, c.usesTls());
    m_form->setRowVisible(m_keyPassword, c.usesTls());
    m_form->setRowVisible(m_verifyHostname, c.usesTls());
}

void ConnectionManagerDialog::showMessage(const QString& text, bool isError) {
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, isError ? kError : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    m_message->setText(text);
}

void ConnectionManagerDialog::connectChosen() {
    if (const QString why = problem(); !why.isEmpty()) {
        showMessage(why, true);
        return;
    }
    m_chosen = editedConnection();
    m_chosenSecrets = editedSecrets();
    accept();
}

}  // namespace kafkascope::ui
