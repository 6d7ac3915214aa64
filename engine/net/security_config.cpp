#include "net/security_config.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace kafkascope::net {
namespace {

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
           });
}

constexpr std::array kProtocols = {SecurityProtocol::plaintext, SecurityProtocol::ssl,
                                   SecurityProtocol::sasl_plaintext, SecurityProtocol::sasl_ssl};
constexpr std::array kMechanisms = {SaslMechanism::plain, SaslMechanism::scram_sha_256,
                                    SaslMechanism::scram_sha_512, SaslMechanism::oauthbearer};

template <class Enum, std::size_t N>
Result<Enum> parse_name(std::string_view text, const std::array<Enum, N>& all, const char* what) {
    std::string accepted;
    for (Enum e : all) {
        if (same_name(text, to_string(e))) return e;
        accepted += (accepted.empty() ? "" : ", ") + std::string(to_string(e));
    }
    return Error(client_errc::invalid_argument,
                 std::string("unknown ") + what + " '" + std::string(text) + "' (expected one of " + accepted + ")");
}

}  // namespace

std::string_view to_string(SecurityProtocol protocol) noexcept {
    switch (protocol) {
        case SecurityProtocol::plaintext: return "PLAINTEXT";
        case SecurityProtocol::ssl: return "SSL";
        case SecurityProtocol::sasl_plaintext: return "SASL_PLAINTEXT";
        case SecurityProtocol::sasl_ssl: return "SASL_SSL";
    }
    return "PLAINTEXT";
}

std::string_view to_string(SaslMechanism mechanism) noexcept {
    switch (mechanism) {
        case SaslMechanism::plain: return "PLAIN";
        case SaslMechanism::scram_sha_256: return "SCRAM-SHA-256";
        case SaslMechanism::scram_sha_512: return "SCRAM-SHA-512";
        case SaslMechanism::oauthbearer: return "OAUTHBEARER";
    }
    return "PLAIN";
}

Result<SecurityProtocol> parse_security_protocol(std::string_view text) {
    return parse_name(text, kProtocols, "security.protocol");
}

Result<SaslMechanism> parse_sasl_mechanism(std::string_view text) {
    return parse_name(text, kMechanisms, "sasl.mechanism");
}

Status SecurityConfig::validate() const {
    auto bad = [](std::string why) { return Error(client_errc::invalid_argument, std::move(why)); };
    if (uses_sasl()) {
        const std::string name(to_string(sasl.mechanism));
        if (sasl.mechanism == SaslMechanism::oauthbearer) {
            if (sasl.oauth_token.empty() && sasl.oauth_token_command.empty()) {
                return bad("SASL mechanism OAUTHBEARER needs a token (sasl.oauthbearer.token) or a "
                           "command printing one (sasl.oauthbearer.token.command)");
            }
        } else {
            if (sasl.username.empty()) return bad("SASL mechanism " + name + " needs a username (sasl.username)");
            if (sasl.password.empty()) return bad("SASL mechanism " + name + " needs a password (sasl.password)");
        }
    }
    if (uses_tls()) {
        if (!tls.key_location.empty() && tls.certificate_location.empty()) {
            return bad("ssl.key.location is set but ssl.certificate.location is not: a client key needs its "
                       "certificate");
        }
    }
    return ok_status();
}

}  // namespace kafkascope::net
