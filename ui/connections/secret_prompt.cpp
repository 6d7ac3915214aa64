#include "connections/secret_prompt.h"

#include <QInputDialog>
#include <QLineEdit>

#include "connections/connection_store.h"
#include "connections/secret_store.h"

namespace kafkascope::ui {
namespace {

bool ask(QWidget* parent, const QString& title, const QString& label, QString& value) {
    bool ok = false;
    const QString text = QInputDialog::getText(parent, title, label, QLineEdit::Password, QString(), &ok);
    if (ok) value = text;
    return ok;
}

}  // namespace

bool completeSecrets(QWidget* parent, const SavedConnection& connection, ConnectionStore& store,
                     ConnectionSecrets& secrets) {
    SecretStore& keychain = store.secretStore();
    const bool kept = keychain.isAvailable();
    if (kept) {
        const ConnectionSecrets stored = store.secrets(connection.name);
        if (secrets.password.isEmpty()) secrets.password = stored.password;
        if (secrets.keyPassword.isEmpty()) secrets.keyPassword = stored.keyPassword;
        if (secrets.oauthToken.isEmpty()) secrets.oauthToken = stored.oauthToken;
    }
    // Reading may have found the keychain missing, so ask again.
    const QString notice = keychain.isAvailable()
                               ? QString()
                               : QObject::tr("No keychain: %1.\nWhat you type is used for this connection only.\n\n")
                                     .arg(keychain.unavailableReason());
    const QString title = QObject::tr("Connect to %1").arg(connection.name);
    if (connection.needsPassword() && secrets.password.isEmpty() &&
        !ask(parent, title, notice + QObject::tr("SASL password for %1:").arg(connection.username), secrets.password)) {
        return false;
    }
    if (connection.needsOAuthToken() && secrets.oauthToken.isEmpty() &&
        !ask(parent, title, notice + QObject::tr("OAUTHBEARER token:"), secrets.oauthToken)) {
        return false;
    }
    // An unencrypted key needs no passphrase, so only ask when it cannot
    // have been kept (empty is a valid answer).
    if (connection.mayNeedKeyPassword() && secrets.keyPassword.isEmpty() && !keychain.isAvailable() &&
        !ask(parent, title, notice + QObject::tr("Passphrase of %1 (leave empty when it is not encrypted):")
                                        .arg(connection.keyPath),
             secrets.keyPassword)) {
        return false;
    }
    return true;
}

}  // namespace kafkascope::ui
