// Saved connections: settings round trip with secrets kept out of QSettings,
// the keychain-less path, properties import / export through the manager
// dialog, per-protocol fields, and the read-only flag disabling the producer
// pane's send buttons through MainWindow.
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "bridge/engine_bridge.h"
#include "connections/connection_manager_dialog.h"
#include "connections/connection_store.h"
#include "connections/secret_store.h"
#include "dialogs/connection_dialog.h"
#include "main_window.h"
#include "net/client_properties.h"
#include "panes/producer_pane.h"
#include "browser/browser_pane.h"
#include "consumer/consumer_group_pane.h"
#include "partition_offsets/partition_offsets_pane.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {

const QString kPassword = QStringLiteral("s3cr3t-Passw0rd");
const QString kKeyPassword = QStringLiteral("key-Passphrase-42");

SavedConnection productionConnection() {
    SavedConnection c;
    c.name = QStringLiteral("prod/eu");  // a '/' must survive the settings key
    c.bootstrap = QStringLiteral("broker1.example:9093,broker2.example:9093");
    c.protocol = net::SecurityProtocol::sasl_ssl;
    c.mechanism = net::SaslMechanism::scram_sha_512;
    c.username = QStringLiteral("alice");
    c.caPath = QStringLiteral("/etc/kafka/ca.pem");
    c.certificatePath = QStringLiteral("/etc/kafka/client.pem");
    c.keyPath = QStringLiteral("/etc/kafka/client.key");
    c.verifyHostname = false;
    c.clientId = QStringLiteral("ops-console");
    c.colour = QColor(0xd6, 0x3a, 0x2f);
    c.readOnly = true;
    return c;
}

QByteArray fileContents(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll();
}

}  // namespace

class ConnectionManagerTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void saveLoadRoundTripKeepsSecretsOutOfSettings();
    void withoutKeychainSecretsAreNotKept();
    void systemKeychainWithoutSecretServiceFallsBack();
    void renameAndDelete();
    void propertiesImportExportRoundTrip();
    void importReportsBadFile();
    void securityFieldsFollowProtocol();
    void readOnlyDisablesProducerSend();
    void connectingSavedConnectionAppliesTagAndReadOnly();
    void connectionDialogOffersSavedConnections();

private:
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
};

void ConnectionManagerTest::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(settingsPath(), QSettings::IniFormat);
}

void ConnectionManagerTest::saveLoadRoundTripKeepsSecretsOutOfSettings() {
    MemorySecretStore secrets;
    ConnectionStore store(*m_settings, secrets);
    const SavedConnection saved = productionConnection();
    QCOMPARE(store.save(saved, {kPassword, kKeyPassword, QString()}), QString());

    // A fresh QSettings on the same file sees the same connection.
    QSettings reread(settingsPath(), QSettings::IniFormat);
    ConnectionStore again(reread, secrets);
    const QList<SavedConnection> loaded = again.load();
    QCOMPARE(loaded.size(), 1);
    QVERIFY(loaded.front() == saved);
    QCOMPARE(again.secrets(saved.name).password, kPassword);
    QCOMPARE(again.secrets(saved.name).keyPassword, kKeyPassword);
    QCOMPARE(secrets.size(), 2);

    const QByteArray contents = fileContents(settingsPath());
    QVERIFY(contents.contains("alice"));  // the file is the one written
    QVERIFY(!contents.contains(kPassword.toUtf8()));
    QVERIFY(!contents.contains(kKeyPassword.toUtf8()));

    // The engine gets the secrets through SecurityConfig.
    const net::SecurityConfig config = loaded.front().securityConfig(again.secrets(saved.name));
    QCOMPARE(config.protocol, net::SecurityProtocol::sasl_ssl);
    QCOMPARE(QString::fromStdString(std::string(config.sasl.password.reveal())), kPassword);
    QCOMPARE(config.tls.verify_hostname, false);
    QVERIFY(config.validate().ok());
}

void ConnectionManagerTest::withoutKeychainSecretsAreNotKept() {
    MemorySecretStore unavailable(false);
    ConnectionStore store(*m_settings, unavailable);
    const QString notice = store.save(productionConnection(), {kPassword, kKeyPassword, QString()});
    QVERIFY2(notice.contains(QStringLiteral("asked")), qPrintable(notice));  // the user is told
    QCOMPARE(store.secrets(productionConnection().name), ConnectionSecrets{});
    QCOMPARE(store.load().size(), 1);
    QVERIFY(!fileContents(settingsPath()).contains(kPassword.toUtf8()));

    // The dialog says so up front.
    ConnectionManagerDialog dialog(store);
    auto* note = dialog.findChild<QLabel*>(QStringLiteral("keychainNote"));
    QVERIFY(note);
    QVERIFY(note->isVisibleTo(&dialog));
    QVERIFY(note->text().contains(QStringLiteral("cannot be saved")));
}

// Offscreen test runs have no secret service: the real store must notice,
// say so, and keep nothing, instead of hanging or writing to QSettings.
void ConnectionManagerTest::systemKeychainWithoutSecretServiceFallsBack() {
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        QSKIP("a session bus is present; this checks the keychain-less path only");
    }
    std::unique_ptr<SecretStore> system = makeSystemSecretStore();
    ConnectionStore store(*m_settings, *system);
    QElapsedTimer timer;
    timer.start();
    const QString notice = store.save(productionConnection(), {kPassword, kKeyPassword, QString()});
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY2(!notice.isEmpty(), "saving a password without a keychain must tell the user");
    QVERIFY(!system->isAvailable());
    QVERIFY(!system->unavailableReason().isEmpty());
    QCOMPARE(store.secrets(productionConnection().name), ConnectionSecrets{});
    QVERIFY(!fileContents(settingsPath()).contains(kPassword.toUtf8()));

    ConnectionManagerDialog dialog(store);
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("keychainNote"))->isVisibleTo(&dialog));
}

void ConnectionManagerTest::renameAndDelete() {
    MemorySecretStore secrets;
    ConnectionStore store(*m_settings, secrets);
    store.save(productionConnection(), {kPassword, QString(), QString()});

    ConnectionManagerDialog dialog(store);
    QVERIFY(dialog.selectConnection(QStringLiteral("prod/eu")));
    QCOMPARE(dialog.editedSecrets().password, kPassword);
    dialog.findChild<QLineEdit*>(QStringLiteral("name"))->setText(QStringLiteral("prod-eu"));
    QVERIFY2(dialog.saveEdited(), qPrintable(dialog.messageText()));
    QCOMPARE(store.load().size(), 1);
    QCOMPARE(store.load().front().name, QStringLiteral("prod-eu"));
    QCOMPARE(store.secrets(QStringLiteral("prod-eu")).password, kPassword);
    QCOMPARE(store.secrets(QStringLiteral("prod/eu")).password, QString());

    // An unusable connection is refused with a reason.
    dialog.findChild<QLineEdit*>(QStringLiteral("bootstrap"))->setText(QStringLiteral("no-port-here"));
    QVERIFY(!dialog.saveEdited());
    QVERIFY(dialog.messageText().startsWith(QStringLiteral("Bootstrap servers:")));
    dialog.findChild<QLineEdit*>(QStringLiteral("bootstrap"))->setText(QStringLiteral("b:9092"));
    dialog.findChild<QLineEdit*>(QStringLiteral("username"))->clear();
    QVERIFY(!dialog.saveEdited());  // SASL without a username

    QVERIFY(dialog.selectConnection(QStringLiteral("prod-eu")));
    QVERIFY(dialog.deleteSelected());
    QVERIFY(store.load().isEmpty());
    QCOMPARE(secrets.size(), 0);
    QCOMPARE(dialog.list()->count(), 0);
}

void ConnectionManagerTest::propertiesImportExportRoundTrip() {
    const QString source = m_dir->filePath(QStringLiteral("staging.properties"));
    {
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write("# kcat style\n"
                   "bootstrap.servers=kafka-a:9094,kafka-b:9094\n"
                   "security.protocol=SASL_SSL\n"
                   "sasl.mechanisms=SCRAM-SHA-256\n"
                   "sasl.username=bob\n"
                   "sasl.password=" + kPassword.toUtf8() + "\n"
                   "ssl.ca.location=/tmp/ca.pem\n"
                   "ssl.certificate.location=/tmp/client.pem\n"
                   "ssl.key.location=/tmp/client.key\n"
                   "ssl.key.password=" + kKeyPassword.toUtf8() + "\n"
                   "ssl.endpoint.identification.algorithm=none\n"
                   "client.id=staging-tool\n");
    }
    MemorySecretStore secrets;
    ConnectionStore store(*m_settings, secrets);
    ConnectionManagerDialog dialog(store);
    QVERIFY2(dialog.importProperties(source), qPrintable(dialog.messageText()));
    const SavedConnection imported = dialog.editedConnection();
    QCOMPARE(imported.name, QStringLiteral("staging"));
    QCOMPARE(imported.bootstrap, QStringLiteral("kafka-a:9094,kafka-b:9094"));
    QCOMPARE(imported.protocol, net::SecurityProtocol::sasl_ssl);
    QCOMPARE(imported.mechanism, net::SaslMechanism::scram_sha_256);
    QCOMPARE(imported.username, QStringLiteral("bob"));
    QCOMPARE(imported.keyPath, QStringLiteral("/tmp/client.key"));
    QCOMPARE(imported.verifyHostname, false);
    QCOMPARE(imported.clientId, QStringLiteral("staging-tool"));
    QCOMPARE(dialog.editedSecrets().password, kPassword);
    QCOMPARE(dialog.editedSecrets().keyPassword, kKeyPassword);

    // Without secrets: everything else survives a re-parse, secrets do not.
    const QString bare = m_dir->filePath(QStringLiteral("bare.properties"));
    QVERIFY(dialog.exportProperties(bare, false));
    QVERIFY(!fileContents(bare).contains(kPassword.toUtf8()));
    QVERIFY(!fileContents(bare).contains(kKeyPassword.toUtf8()));
    const auto bareParsed = net::read_client_properties_file(bare.toStdString());
    QVERIFY(bareParsed.ok());
    ConnectionSecrets bareSecrets;
    SavedConnection fromBare = SavedConnection::fromProperties(*bareParsed, &bareSecrets);
    fromBare.name = imported.name;
    QVERIFY(fromBare == imported);
    QCOMPARE(bareSecrets, ConnectionSecrets{});

    // With secrets (the box ticked): the file parses back to the original.
    const QString full = m_dir->filePath(QStringLiteral("full.properties"));
    QVERIFY(dialog.exportProperties(full, true));
    // A file with passwords in it is for its owner only.
    QCOMPARE(QFile(full).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions{});
    const auto original = net::read_client_properties_file(source.toStdString());
    const auto exported = net::read_client_properties_file(full.toStdString());
    QVERIFY(original.ok());
    QVERIFY(exported.ok());
    QVERIFY(original->security == exported->security);
    QCOMPARE(exported->bootstrap, original->bootstrap);
    QCOMPARE(exported->client_id, original->client_id);

    // Saved, the import lands in the list without its secrets in QSettings.
    QVERIFY(dialog.saveEdited());
    QCOMPARE(dialog.list()->count(), 1);
    QVERIFY(!fileContents(settingsPath()).contains(kPassword.toUtf8()));
}

void ConnectionManagerTest::importReportsBadFile() {
    const QString path = m_dir->filePath(QStringLiteral("broken.properties"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Text));
        file.write("bootstrap.servers=a:9092\nsecurity.protocol=CARRIER_PIGEON\n");
    }
    MemorySecretStore secrets;
    ConnectionStore store(*m_settings, secrets);
    ConnectionManagerDialog dialog(store);
    QVERIFY(!dialog.importProperties(path));
    QVERIFY2(dialog.messageText().contains(QStringLiteral("security.protocol")), qPrintable(dialog.messageText()));
    QVERIFY(!dialog.importProperties(m_dir->filePath(QStringLiteral("missing.properties"))));
    QVERIFY(dialog.messageText().startsWith(QStringLiteral("Cannot import")));
}

void ConnectionManagerTest::securityFieldsFollowProtocol() {
    MemorySecretStore secrets;
    ConnectionStore store(*m_settings, secrets);
    ConnectionManagerDialog dialog(store);
    auto* protocol = dialog.findChild<QComboBox*>(QStringLiteral("protocol"));
    auto* mechanism = dialog.findChild<QComboBox*>(QStringLiteral("mechanism"));
    auto* username = dialog.findChild<QLineEdit*>(QStringLiteral("username"));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("password"));
    auto* token = dialog.findChild<QLineEdit*>(QStringLiteral("oauthToken"));
    auto* ca = dialog.findChild<QLineEdit*>(QStringLiteral("caPath"));
    QVERIFY(protocol && mechanism && username && password && token && ca);

    protocol->setCurrentText(QStringLiteral("PLAINTEXT"));
    QVERIFY(!username->isVisibleTo(&dialog));
    QVERIFY(!ca->isVisibleTo(&dialog));
    protocol->setCurrentText(QStringLiteral("SSL"));
    QVERIFY(!username->isVisibleTo(&dialog));
    QVERIFY(ca->isVisibleTo(&dialog));
    protocol->setCurrentText(QStringLiteral("SASL_PLAINTEXT"));
    QVERIFY(username->isVisibleTo(&dialog));
    QVERIFY(password->isVisibleTo(&dialog));
    QVERIFY(!token->isVisibleTo(&dialog));
    QVERIFY(!ca->isVisibleTo(&dialog));
    mechanism->setCurrentText(QStringLiteral("OAUTHBEARER"));
    QVERIFY(!password->isVisibleTo(&dialog));
    QVERIFY(token->isVisibleTo(&dialog));
    protocol->setCurrentText(QStringLiteral("SASL_SSL"));
    QVERIFY(token->isVisibleTo(&dialog));
    QVERIFY(ca->isVisibleTo(&dialog));
}

void ConnectionManagerTest::readOnlyDisablesProducerSend() {
    EngineBridge bridge;
    MainWindow window(bridge, *m_settings);
    auto* send = window.producerPane()->findChild<QPushButton*>(QStringLiteral("sendOnce"));
    auto* sendCopies = window.producerPane()->findChild<QPushButton*>(QStringLiteral("sendCopies"));
    QVERIFY(send && sendCopies);
    QVERIFY(send->isEnabled());
    QSignalSpy spy(&window, &MainWindow::readOnlyChanged);

    window.setReadOnly(true);
    QVERIFY(window.isReadOnly());
    QVERIFY(!send->isEnabled());
    QVERIFY(!sendCopies->isEnabled());
    QCOMPARE(spy.count(), 1);
    QVERIFY(!window.producerPane()->sendOnce());  // refused even when called directly
    QVERIFY(window.producerPane()->messageText().contains(QStringLiteral("read-only")));
    QVERIFY(window.windowTitle().contains(QStringLiteral("read-only")));

    // The other writing panes follow: commits, auto-commit, dead letters,
    // re-produce and import.
    auto* groupPane = window.findChild<ConsumerGroupPane*>();
    auto* offsetsPane = window.findChild<PartitionOffsetsPane*>();
    auto* browserPane = window.findChild<BrowserPane*>();
    QVERIFY(groupPane && offsetsPane && browserPane);
    QVERIFY(groupPane->isReadOnly() && offsetsPane->isReadOnly() && browserPane->isReadOnly());
    auto* autoCommit = groupPane->findChild<QCheckBox*>(QStringLiteral("autoCommitCheck"));
    QVERIFY(autoCommit && !autoCommit->isEnabled());
    QVERIFY(!groupPane->commitAllFetched());
    QVERIFY(!groupPane->sendFailedToDeadLetter());
    for (QPushButton* b : offsetsPane->findChildren<QPushButton*>()) {
        if (b->text() == QStringLiteral("Commit")) QVERIFY(!b->isEnabled());
    }

    window.setReadOnly(false);
    QVERIFY(send->isEnabled());
    QVERIFY(autoCommit->isEnabled());
    QVERIFY(!groupPane->isReadOnly() && !offsetsPane->isReadOnly() && !browserPane->isReadOnly());
    QCOMPARE(spy.count(), 2);
}

void ConnectionManagerTest::connectingSavedConnectionAppliesTagAndReadOnly() {
    EngineBridge bridge;
    MainWindow window(bridge, *m_settings);
    SavedConnection c = productionConnection();
    // Nothing listens here; the engine is created and the title updated
    // without touching the network on this thread.
    c.bootstrap = QStringLiteral("127.0.0.1:1");
    QVERIFY(window.connectToSaved(c, {kPassword, QString(), QString()}));
    QVERIFY(window.isReadOnly());
    QCOMPARE(window.connectionTag(), c.name);
    QVERIFY(window.windowTitle().contains(QStringLiteral("[prod/eu]")));
    auto* tag = window.statusBar()->findChild<QLabel*>(QStringLiteral("connectionTag"));
    QVERIFY(tag);
    QVERIFY(tag->isVisibleTo(&window));
    QVERIFY(tag->styleSheet().contains(c.colour.name()));
    QVERIFY(!window.producerPane()->findChild<QPushButton*>(QStringLiteral("sendOnce"))->isEnabled());

    // Contradictory security settings are refused with the engine's reason.
    SavedConnection broken = c;
    broken.username.clear();
    QVERIFY(!window.connectToSaved(broken, {kPassword, QString(), QString()}));
    QVERIFY2(window.statusText().contains(QStringLiteral("Cannot connect")), qPrintable(window.statusText()));
}

void ConnectionManagerTest::connectionDialogOffersSavedConnections() {
    ConnectionDialog dialog(*m_settings);
    auto* button = dialog.findChild<QPushButton*>(QStringLiteral("savedConnections"));
    QVERIFY(button);
    button->click();
    QCOMPARE(dialog.result(), ConnectionDialog::ManageSavedConnections);
}

QTEST_MAIN(ConnectionManagerTest)
#include "tst_connection_manager.moc"
