#include "connections/saved_connection.h"

namespace kafkascope::ui {
namespace {

net::SecretString secret(const QString& text) { return net::SecretString(text.toStdString()); }
QString reveal(const net::SecretString& text) { return QString::fromStdString(std::string(text.reveal())); }

}  // namespace

net::SecurityConfig SavedConnection::securityConfig(const ConnectionSecrets& secrets) const {
    net::SecurityConfig config;
    config.protocol = protocol;
    if (usesTls()) {
        config.tls.ca_location = caPath.toStdString();
        config.tls.certificate_location = certificatePath.toStdString();
        config.tls.key_location = keyPath.toStdString();
        config.tls.key_password = secret(secrets.keyPassword);
        config.tls.verify_hostname = verifyHostname;
    }
    if (usesSasl()) {
        config.sasl.mechanism = mechanism;
        config.sasl.username = username.toStdString();
        if (needsPassword()) config.sasl.password = secret(secrets.password);
        if (needsOAuthToken()) config.sasl.oauth_token = secret(secrets.oauthToken);
    }
    return config;
}

net::ClientProperties SavedConnection::toProperties(const ConnectionSecrets& secrets) const {
    net::ClientProperties properties;
    properties.bootstrap = bootstrap.toStdString();
    properties.client_id = clientId.toStdString();
    properties.security = securityConfig(secrets);
    return properties;
}

SavedConnection SavedConnection::fromProperties(const net::ClientProperties& properties, ConnectionSecrets* secrets) {
    const net::SecurityConfig& security = properties.security;
    SavedConnection connection;
    connection.bootstrap = QString::fromStdString(properties.bootstrap);
    connection.clientId = QString::fromStdString(properties.client_id);
    connection.protocol = security.protocol;
    connection.mechanism = security.sasl.mechanism;
    connection.username = QString::fromStdString(security.sasl.username);
    connection.caPath = QString::fromStdString(security.tls.ca_location);
    connection.certificatePath = QString::fromStdString(security.tls.certificate_location);
    connection.keyPath = QString::fromStdString(security.tls.key_location);
    connection.verifyHostname = security.tls.verify_hostname;
    if (secrets) {
        secrets->password = reveal(security.sasl.password);
        secrets->keyPassword = reveal(security.tls.key_password);
        secrets->oauthToken = reveal(security.sasl.oauth_token);
    }
    return connection;
}

}  // namespace kafkascope::ui
