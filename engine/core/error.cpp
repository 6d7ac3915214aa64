#include "core/error.h"

namespace kafkascope {
namespace {

class ClientCategory final : public std::error_category {
public:
    const char* name() const noexcept override { return "kafkascope"; }
    std::string message(int value) const override {
        switch (static_cast<client_errc>(value)) {
            case client_errc::unknown_host: return "unknown host";
            case client_errc::connection_refused: return "connection refused";
            case client_errc::connect_timeout: return "connect timed out";
            case client_errc::request_timeout: return "request timed out";
            case client_errc::connection_closed: return "connection closed by broker";
            case client_errc::decode_failed: return "response could not be decoded";
            case client_errc::unsupported_version: return "no common API version";
            case client_errc::frame_too_large: return "frame too large";
            case client_errc::invalid_argument: return "invalid argument";
            case client_errc::no_broker_available: return "no broker available";
            case client_errc::unknown_topic: return "unknown topic";
            case client_errc::cancelled: return "cancelled";
            case client_errc::tls_untrusted_certificate: return "broker certificate not trusted";
            case client_errc::tls_hostname_mismatch: return "broker certificate names another host";
            case client_errc::tls_certificate_expired: return "certificate expired";
            case client_errc::tls_handshake_failed: return "TLS handshake failed";
            case client_errc::tls_protocol_mismatch: return "TLS and plaintext mixed";
            case client_errc::tls_config_invalid: return "TLS settings invalid";
            case client_errc::sasl_mechanism_unsupported: return "SASL mechanism not enabled";
            case client_errc::authentication_failed: return "authentication failed";
        }
        return "unknown client error";
    }
};

}  // namespace

const std::error_category& client_category() noexcept {
    static const ClientCategory category;
    return category;
}

std::error_code make_error_code(client_errc e) noexcept {
    return {static_cast<int>(e), client_category()};
}

}  // namespace kafkascope
