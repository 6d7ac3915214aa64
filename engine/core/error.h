#pragma once
// Errors the engine reports. Kafka's own error codes live in
// protocol/kafka_error.h; these are the client-side failures around them
// (network, deadlines, decoding), each carried with a message that names the
// broker, API or value involved so the user can act on it.

#include <string>
#include <system_error>
#include <utility>

namespace kafkascope {

enum class client_errc {
    unknown_host = 1,        // DNS gave no address
    connection_refused,      // nothing listens on host:port
    connect_timeout,         // TCP connect did not finish within the deadline
    request_timeout,         // no response within the request's deadline
    connection_closed,       // broker closed the socket (maybe mid-response)
    decode_failed,           // a response did not parse for its API and version
    unsupported_version,     // no version both we and the broker support
    frame_too_large,         // a length prefix beyond what we accept
    invalid_argument,        // bad input from the user, such as a bootstrap string
    no_broker_available,     // every broker we know failed
    unknown_topic,           // a topic that metadata does not list
    cancelled,               // engine shutting down or request superseded
    // Secure connections (net/tls_transport, net/sasl).
    tls_untrusted_certificate,  // the broker's certificate chain ends at a CA we do not trust
    tls_hostname_mismatch,      // the broker's certificate does not name the host we dialled
    tls_certificate_expired,    // a certificate in the chain is expired (or not yet valid)
    tls_handshake_failed,       // any other TLS failure (bad client certificate, protocol...)
    tls_protocol_mismatch,      // one side speaks TLS and the other plaintext
    tls_config_invalid,         // CA, certificate or key file unreadable or wrong
    sasl_mechanism_unsupported, // the broker does not enable the SASL mechanism we asked for
    authentication_failed,      // the broker rejected our credentials, or proved itself wrong
};

const std::error_category& client_category() noexcept;
std::error_code make_error_code(client_errc e) noexcept;

// An error code plus a human sentence. The code is for programs (retry or
// not), the message is for people and always says what and where.
struct Error {
    std::error_code code;
    std::string message;

    Error() = default;
    Error(std::error_code c, std::string m) : code(c), message(std::move(m)) {}
    Error(client_errc c, std::string m) : code(make_error_code(c)), message(std::move(m)) {}

    explicit operator bool() const noexcept { return static_cast<bool>(code); }
};

}  // namespace kafkascope

template <>
struct std::is_error_code_enum<kafkascope::client_errc> : std::true_type {};
