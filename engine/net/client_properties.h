#pragma once
// librdkafka / kcat style client properties ("key=value" lines, '#' and '!'
// comments), shared by kafkascope-cli (-X, -F) and the GUI's connection
// import/export. Keys understood:
//
//   bootstrap.servers (metadata.broker.list)   client.id   socket.timeout.ms
//   security.protocol         PLAINTEXT | SSL | SASL_PLAINTEXT | SASL_SSL
//   sasl.mechanism(s)         PLAIN | SCRAM-SHA-256 | SCRAM-SHA-512 | OAUTHBEARER
//   sasl.username  sasl.password
//   sasl.jaas.config          Java style: username="..." password="..." are taken
//   sasl.oauthbearer.token            a static OAUTHBEARER token (ours)
//   sasl.oauthbearer.token.command    a shell command printing the token (ours);
//                                     run again before the token expires
//   ssl.ca.location  ssl.certificate.location  ssl.key.location  ssl.key.password
//   ssl.keystore.location / ssl.keystore.password   a PKCS#12 client bundle
//   ssl.endpoint.identification.algorithm   https (default) | none
//
// Secret keys (sasl.password, ssl.key.password, ssl.keystore.password,
// sasl.oauthbearer.token, the password inside sasl.jaas.config) are written
// out only when asked for.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "net/security_config.h"

namespace kafkascope::net {

struct ClientProperties {
    std::string bootstrap;
    std::string client_id;  // empty: the program's default
    std::optional<std::chrono::milliseconds> socket_timeout;
    SecurityConfig security;
    // Keys this program does not use, kept in order (lenient parsing only).
    std::vector<std::pair<std::string, std::string>> ignored;

    friend bool operator==(const ClientProperties&, const ClientProperties&) = default;
};

enum class UnknownKeys { reject, keep };

// Sets one property. Errors name the key and, for a bad value, what is
// accepted, and never echo the value of a secret key.
Status apply_client_property(ClientProperties& properties, std::string_view key, std::string_view value,
                             UnknownKeys unknown = UnknownKeys::reject);

// Applies every line of a properties text on top of `properties` (later
// keys win, as with repeated -X). Errors name the line number.
Status apply_client_properties_text(ClientProperties& properties, std::string_view text,
                                    UnknownKeys unknown = UnknownKeys::reject);
// The same for a file; errors also name the file.
Status apply_client_properties_file(ClientProperties& properties, const std::string& path,
                                    UnknownKeys unknown = UnknownKeys::reject);

// Fresh properties from a text or a file.
Result<ClientProperties> parse_client_properties(std::string_view text, UnknownKeys unknown = UnknownKeys::reject);
Result<ClientProperties> read_client_properties_file(const std::string& path,
                                                     UnknownKeys unknown = UnknownKeys::reject);

enum class Secrets { omit, include };
// One "key=value" line per set property, in a fixed order; secrets only
// with Secrets::include (a comment says when they were left out).
std::string write_client_properties(const ClientProperties& properties, Secrets secrets = Secrets::omit);

bool is_secret_property(std::string_view key);

}  // namespace kafkascope::net
