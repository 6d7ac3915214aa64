// ConnectionDialog: malformed bootstrap strings are refused with a visible
// message, well-formed ones are accepted and remembered.
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "dialogs/connection_dialog.h"
#include "dialogs/recent_connections.h"

using kafkascope::ui::ConnectionDialog;
using kafkascope::ui::RecentConnections;

class ConnectionDialogTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rejectsMalformed_data();
    void rejectsMalformed();
    void acceptsWellFormed();
    void remembersRecentConnections();

private:
    // Types `text` into the bootstrap field as a user would.
    static void type(ConnectionDialog& dialog, const QString& text);
    static QLabel* errorLabel(ConnectionDialog& dialog);
    static QPushButton* okButton(ConnectionDialog& dialog);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QSettings> m_settings;
};

void ConnectionDialogTest::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_settings = std::make_unique<QSettings>(m_dir->filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
}

void ConnectionDialogTest::type(ConnectionDialog& dialog, const QString& text) {
    QLineEdit* edit = dialog.findChild<QComboBox*>()->lineEdit();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
}

QLabel* ConnectionDialogTest::errorLabel(ConnectionDialog& dialog) {
    return dialog.findChild<QLabel*>(QStringLiteral("errorLabel"));
}

QPushButton* ConnectionDialogTest::okButton(ConnectionDialog& dialog) {
    return dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
}

void ConnectionDialogTest::rejectsMalformed_data() {
    QTest::addColumn<QString>("bootstrap");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("empty") << QString() << QStringLiteral("no bootstrap servers");
    QTest::newRow("no port") << QStringLiteral("localhost") << QStringLiteral("missing ':port'");
    QTest::newRow("port out of range") << QStringLiteral("host:99999") << QStringLiteral("1 to 65535");
    QTest::newRow("empty entry") << QStringLiteral("a:1,,b:2") << QStringLiteral("empty entry");
}

void ConnectionDialogTest::rejectsMalformed() {
    QFETCH(QString, bootstrap);
    QFETCH(QString, messagePart);
    ConnectionDialog dialog(*m_settings);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    type(dialog, QStringLiteral("x"));  // so that even "" has been typed by the user
    type(dialog, bootstrap);

    QVERIFY(!dialog.isInputValid());
    QVERIFY(!okButton(dialog)->isEnabled());
    QLabel* label = errorLabel(dialog);
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(messagePart), qPrintable(label->text()));

    // Even a forced accept (Enter, a script) is refused.
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(RecentConnections(*m_settings).bootstraps().isEmpty());
}

void ConnectionDialogTest::acceptsWellFormed() {
    ConnectionDialog dialog(*m_settings);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    type(dialog, QStringLiteral("localhost"));
    QVERIFY(errorLabel(dialog)->isVisible());
    type(dialog, QStringLiteral("127.0.0.1:9092,[::1]:9093"));

    QVERIFY(dialog.isInputValid());
    QVERIFY(!errorLabel(dialog)->isVisible());
    QVERIFY(okButton(dialog)->isEnabled());
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.bootstrap(), QStringLiteral("127.0.0.1:9092,[::1]:9093"));
    QCOMPARE(dialog.clientId(), QStringLiteral("kafkascope"));
}

void ConnectionDialogTest::remembersRecentConnections() {
    for (const QString& bootstrap : {QStringLiteral("a:1"), QStringLiteral("b:2"), QStringLiteral("a:1")}) {
        ConnectionDialog dialog(*m_settings);
        dialog.setBootstrap(bootstrap);
        dialog.findChild<QLineEdit*>(QStringLiteral("clientIdEdit"))->setText(QStringLiteral("my-client"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
    QCOMPARE(RecentConnections(*m_settings).bootstraps(), QStringList({QStringLiteral("a:1"), QStringLiteral("b:2")}));

    // The next dialog offers them, newest first, and the last client id.
    ConnectionDialog dialog(*m_settings);
    auto* combo = dialog.findChild<QComboBox*>();
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(0), QStringLiteral("a:1"));
    QCOMPARE(dialog.bootstrap(), QStringLiteral("a:1"));
    QCOMPARE(dialog.clientId(), QStringLiteral("my-client"));
    QVERIFY(dialog.isInputValid());
}

QTEST_MAIN(ConnectionDialogTest)
#include "tst_connection_dialog.moc"
