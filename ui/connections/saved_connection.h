#pragma once
// SavedConnection: one named cluster the user keeps, everything but its
// secrets. Secrets (SASL password, TLS key passphrase, OAuth token) travel
// separately in ConnectionSecrets so they cannot be saved with the rest by
// mistake; ConnectionStore puts them in a SecretStore, never in QSettings.

#include <QColor>
#include <QString>

#include "net/client_properties.h"
#include "net/security_config.h"

namespace kafkascope::ui {

struct ConnectionSecrets {
    QString password;     // SASL PLAIN / SCRAM
    QString keyPassword;  // encrypted TLS client key
    QString oauthToken;   // SASL OAUTHBEARER

    friend bool operator==(const ConnectionSecrets&, const ConnectionSecrets&) = default;
};

struct SavedConnection {
    QString name;  // unique, what the list shows
    QString bootstrap;
    net::SecurityProtocol protocol = net::SecurityProtocol::plaintext;
    net::SaslMechanism mechanism = net::SaslMechanism::plain;
    QString username;
    QString caPath;
    QString certificatePath;
    QString keyPath;
    bool verifyHostname = true;
    QString clientId;  // empty: the program's default
    QColor colour;     // invalid: no tag
    bool readOnly = false;

    bool usesTls() const {
        return protocol == net::SecurityProtocol::ssl || protocol == net::SecurityProtocol::sasl_ssl;
    }
    bool usesSasl() const {
        return protocol == net::SecurityProtocol::sasl_plaintext || protocol == net::SecurityProtocol::sasl_ssl;
    }
    // Which secrets this connection can use with its current settings.
    bool needsPassword() const { return usesSasl() && mechanism != net::SaslMechanism::oauthbearer; }
    bool needsOAuthToken() const { return usesSasl() && mechanism == net::SaslMechanism::oauthbearer; }
    bool mayNeedKeyPassword() const { return usesTls() && !keyPath.isEmpty(); }

    // The engine's settings for this connection with these secrets.
    net::SecurityConfig securityConfig(const ConnectionSecrets& secrets) const;

    // Conversions to and from librdkafka style properties (import/export).
    net::ClientProperties toProperties(const ConnectionSecrets& secrets) const;
    static SavedConnection fromProperties(const net::ClientProperties& properties, ConnectionSecrets* secrets);

    friend bool operator==(const SavedConnection&, const SavedConnection&) = default;
};

}  // namespace kafkascope::ui
