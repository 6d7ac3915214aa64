#include "connections/connection_store.h"

#include <QCoreApplication>
#include <QSettings>
#include <algorithm>

#include "connections/secret_store.h"

namespace kafkascope::ui {
namespace {

const QString kGroup = QStringLiteral("connections/saved");

QString tr(const char* text) { return QCoreApplication::translate("ConnectionStore", text); }

// QSettings keys may not contain '/' or '\'; names may.
QString groupKey(const QString& name) { return QString::fromLatin1(name.toUtf8().toHex()); }

QString secretKey(const QString& name, const char* what) {
    return name + QLatin1Char('/') + QLatin1String(what);
}

const char* const kPassword = "sasl.password";
const char* const kKeyPassword = "ssl.key.password";
const char* const kOAuthToken = "sasl.oauthbearer.token";

// A hand-edited or damaged settings file falls back to the defaults.
net::SecurityProtocol protocolOr(const QString& text, net::SecurityProtocol fallback) {
    const auto parsed = net::parse_security_protocol(text.toStdString());
    return parsed ? *parsed : fallback;
}
net::SaslMechanism mechanismOr(const QString& text, net::SaslMechanism fallback) {
    const auto parsed = net::parse_sasl_mechanism(text.toStdString());
    return parsed ? *parsed : fallback;
}

QString notSavedNotice(const QString& why) {
    return tr("Passwords are not saved: %1. You will be asked for them each time you connect.").arg(why);
}

}  // namespace

ConnectionStore::ConnectionStore(QSettings& settings, SecretStore& secrets)
    : m_settings(settings), m_secrets(secrets) {}

QList<SavedConnection> ConnectionStore::load() const {
    QList<SavedConnection> connections;
    m_settings.beginGroup(kGroup);
    for (const QString& key : m_settings.childGroups()) {
        m_settings.beginGroup(key);
        SavedConnection c;
        c.name = m_settings.value(QStringLiteral("name")).toString();
        c.bootstrap = m_settings.value(QStringLiteral("bootstrap")).toString();
        c.protocol = protocolOr(m_settings.value(QStringLiteral("protocol")).toString(), net::SecurityProtocol::plaintext);
        c.mechanism = mechanismOr(m_settings.value(QStringLiteral("mechanism")).toString(), net::SaslMechanism::plain);
        c.username = m_settings.value(QStringLiteral("username")).toString();
        c.caPath = m_settings.value(QStringLiteral("caPath")).toString();
        c.certificatePath = m_settings.value(QStringLiteral("certificatePath")).toString();
        c.keyPath = m_settings.value(QStringLiteral("keyPath")).toString();
        c.verifyHostname = m_settings.value(QStringLiteral("verifyHostname"), true).toBool();
        c.clientId = m_settings.value(QStringLiteral("clientId")).toString();
        const QString colour = m_settings.value(QStringLiteral("colour")).toString();
        if (!colour.isEmpty()) c.colour = QColor::fromString(colour);
        c.readOnly = m_settings.value(QStringLiteral("readOnly"), false).toBool();
        m_settings.endGroup();
        if (!c.name.isEmpty()) connections.append(c);
    }
    m_settings.endGroup();
    std::sort(connections.begin(), connections.end(),
              [](const SavedConnection& a, const SavedConnection& b) {
                  return a.name.localeAwareCompare(b.name) < 0;
              });
    return connections;
}

std::optional<SavedConnection> ConnectionStore::find(const QString& name) const {
    for (const SavedConnection& c : load()) {
        if (c.name == name) return c;
    }
    return std::nullopt;
}

QString ConnectionStore::save(const SavedConnection& c, const ConnectionSecrets& secrets,
                              const QString& previousName) {
    if (!previousName.isEmpty() && previousName != c.name) remove(previousName);
    m_settings.beginGroup(kGroup);
    m_settings.remove(groupKey(c.name));
    m_settings.beginGroup(groupKey(c.name));
    m_settings.setValue(QStringLiteral("name"), c.name);
    m_settings.setValue(QStringLiteral("bootstrap"), c.bootstrap);
    m_settings.setValue(QStringLiteral("protocol"), QString::fromLatin1(net::to_string(c.protocol)));
    m_settings.setValue(QStringLiteral("mechanism"), QString::fromLatin1(net::to_string(c.mechanism)));
    m_settings.setValue(QStringLiteral("username"), c.username);
    m_settings.setValue(QStringLiteral("caPath"), c.caPath);
    m_settings.setValue(QStringLiteral("certificatePath"), c.certificatePath);
    m_settings.setValue(QStringLiteral("keyPath"), c.keyPath);
    m_settings.setValue(QStringLiteral("verifyHostname"), c.verifyHostname);
    m_settings.setValue(QStringLiteral("clientId"), c.clientId);
    m_settings.setValue(QStringLiteral("colour"), c.colour.isValid() ? c.colour.name() : QString());
    m_settings.setValue(QStringLiteral("readOnly"), c.readOnly);
    m_settings.endGroup();
    m_settings.endGroup();
    m_settings.sync();

    // Secrets: keep the ones this connection uses, drop the rest.
    const std::pair<const char*, QString> wanted[] = {
        {kPassword, c.needsPassword() ? secrets.password : QString()},
        {kKeyPassword, c.mayNeedKeyPassword() ? secrets.keyPassword : QString()},
        {kOAuthToken, c.needsOAuthToken() ? secrets.oauthToken : QString()},
    };
    const bool anySecret = std::any_of(std::begin(wanted), std::end(wanted),
                                       [](const auto& entry) { return !entry.second.isEmpty(); });
    if (!m_secrets.isAvailable()) return anySecret ? notSavedNotice(m_secrets.unavailableReason()) : QString();
    for (const auto& [what, value] : wanted) {
        QString error;
        if (value.isEmpty()) {
            m_secrets.remove(secretKey(c.name, what));  // nothing stored is fine
        } else if (!m_secrets.write(secretKey(c.name, what), value, &error)) {
            return notSavedNotice(error);
        }
    }
    return {};
}

void ConnectionStore::remove(const QString& name) {
    m_settings.beginGroup(kGroup);
    m_settings.remove(groupKey(name));
    m_settings.endGroup();
    m_settings.sync();
    if (!m_secrets.isAvailable()) return;
    for (const char* what : {kPassword, kKeyPassword, kOAuthToken}) m_secrets.remove(secretKey(name, what));
}

ConnectionSecrets ConnectionStore::secrets(const QString& name) const {
    ConnectionSecrets secrets;
    if (!m_secrets.isAvailable()) return secrets;
    secrets.password = m_secrets.read(secretKey(name, kPassword)).value_or(QString());
    secrets.keyPassword = m_secrets.read(secretKey(name, kKeyPassword)).value_or(QString());
    secrets.oauthToken = m_secrets.read(secretKey(name, kOAuthToken)).value_or(QString());
    return secrets;
}

}  // namespace kafkascope::ui
