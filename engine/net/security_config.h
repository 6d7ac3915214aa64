#pragma once
// How a connection proves who it talks to and who it is: TLS settings, SASL
// settings and the Kafka security.protocol that combines them. Plain values,
// carried in net::ConnectionOptions and kafkascope::EngineOptions; the
// properties file format (client_properties.h) reads and writes them.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "net/secret_string.h"

namespace kafkascope::net {

enum class SecurityProtocol { plaintext, ssl, sasl_plaintext, sasl_ssl };
enum class SaslMechanism { plain, scram_sha_256, scram_sha_512, oauthbearer };

// Kafka's spellings: "PLAINTEXT", "SASL_SSL", "SCRAM-SHA-256", ...
std::string_view to_string(SecurityProtocol protocol) noexcept;
std::string_view to_string(SaslMechanism mechanism) noexcept;
// Case-insensitive; an error lists the accepted names.
Result<SecurityProtocol> parse_security_protocol(std::string_view text);
Result<SaslMechanism> parse_sasl_mechanism(std::string_view text);

struct TlsSettings {
    // PEM file (or directory of hashed certificates) of the CAs to trust;
    // empty: the system trust store.
    std::string ca_location;
    // Client certificate for mutual TLS: a PEM certificate (chain) with the
    // key in key_location (or in the same file), or a PKCS#12 bundle
    // (.p12/.pfx) holding both. Empty: no client certificate.
    std::string certificate_location;
    std::string key_location;
    SecretString key_password;  // for an encrypted PEM key or the PKCS#12 bundle
    // Check that the broker's certificate names the host we dialled. Turning
    // it off is explicit and reported as a warning on every connection.
    bool verify_hostname = true;

    friend bool operator==(const TlsSettings&, const TlsSettings&) = default;
};

class OAuthTokenCache;  // net/sasl/oauthbearer_token.h

struct SaslSettings {
    SaslMechanism mechanism = SaslMechanism::plain;
    std::string username;
    SecretString password;
    // OAUTHBEARER: a static token, or a command whose stdout is the token
    // (run through /bin/sh, again before the last token expires).
    SecretString oauth_token;
    std::string oauth_token_command;
    // Lifetime assumed for a token that carries no "exp" claim.
    std::chrono::seconds oauth_default_lifetime{3600};
    // Shared by every copy of these settings (every connection of one
    // engine), so a command runs once per token lifetime, not per broker.
    std::shared_ptr<OAuthTokenCache> token_cache;

    friend bool operator==(const SaslSettings& a, const SaslSettings& b) {
        return a.mechanism == b.mechanism && a.username == b.username && a.password == b.password &&
               a.oauth_token == b.oauth_token && a.oauth_token_command == b.oauth_token_command &&
               a.oauth_default_lifetime == b.oauth_default_lifetime;
    }
};

struct SecurityConfig {
    SecurityProtocol protocol = SecurityProtocol::plaintext;
    TlsSettings tls;
    SaslSettings sasl;

    bool uses_tls() const noexcept {
        return protocol == SecurityProtocol::ssl || protocol == SecurityProtocol::sasl_ssl;
    }
    bool uses_sasl() const noexcept {
        return protocol == SecurityProtocol::sasl_plaintext || protocol == SecurityProtocol::sasl_ssl;
    }
    // Settings that cannot work together, named: SASL without a username,
    // OAUTHBEARER without a token or command, a key without a certificate...
    Status validate() const;

    friend bool operator==(const SecurityConfig&, const SecurityConfig&) = default;
};

}  // namespace kafkascope::net
