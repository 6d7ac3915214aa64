#include "net/sasl/sasl_authenticator.h"

#include <algorithm>

#include "net/connection.h"
#include "net/sasl/oauthbearer_token.h"
#include "net/sasl/sasl_session.h"
#include "net/sasl/scram_session.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/sasl_authenticate.h"
#include "protocol/messages/sasl_handshake.h"

namespace kafkascope::net::sasl {
namespace {

constexpr std::int16_t kUnsupportedSaslMechanism = 33;

std::string who(const Connection& connection, const SaslSettings& s) {
    std::string text = "broker " + connection.address().to_string() + ": SASL " + std::string(to_string(s.mechanism));
    if (s.mechanism != SaslMechanism::oauthbearer) text += " as user '" + s.username + "'";
    return text;
}

Result<std::unique_ptr<SaslSession>> make_session(const SaslSettings& s) {
    switch (s.mechanism) {
        case SaslMechanism::plain: return make_plain_session(s.username, s.password);
        case SaslMechanism::scram_sha_256: return make_scram_session(ScramHash::sha256, s.username, s.password);
        case SaslMechanism::scram_sha_512: return make_scram_session(ScramHash::sha512, s.username, s.password);
        case SaslMechanism::oauthbearer: {
            auto cache = s.token_cache ? s.token_cache : std::make_shared<OAuthTokenCache>();
            auto token = cache->token(s);
            if (!token) return std::move(token).error();
            return make_oauthbearer_session(std::move(token).value());
        }
    }
    return Error(client_errc::invalid_argument, "unknown SASL mechanism");
}

}  // namespace

asio::awaitable<Status> authenticate(std::shared_ptr<Connection> connection, SaslSettings settings) {
    const std::string mechanism(to_string(settings.mechanism));
    protocol::SaslHandshakeRequest handshake;
    handshake.mechanism = mechanism;
    auto offered = co_await connection->send(handshake);
    if (!offered) co_return std::move(offered).error();
    if (offered->error_code == kUnsupportedSaslMechanism) {
        std::string list;
        for (const auto& m : offered->mechanisms) list += (list.empty() ? "" : ", ") + m;
        co_return Error(client_errc::sasl_mechanism_unsupported,
                        "broker " + connection->address().to_string() + " does not enable SASL mechanism " +
                            mechanism + "; it offers " + (list.empty() ? "none" : list));
    }
    if (offered->error_code != 0) {
        co_return Error(protocol::make_kafka_error_code(offered->error_code),
                        who(*connection, settings) + ": SaslHandshake failed with " +
                            std::string(protocol::kafka_error_name(offered->error_code)));
    }

    auto session = make_session(settings);
    if (!session) co_return Error(session.error().code, who(*connection, settings) + ": " + session.error().message);
    auto token = (*session)->next({});
    for (int round = 0; token && round < 8; ++round) {
        protocol::SaslAuthenticateRequest request;
        request.auth_bytes = std::move(token).value();
        auto answer = co_await connection->send(request);
        std::fill(request.auth_bytes.begin(), request.auth_bytes.end(), 0);
        if (!answer) co_return std::move(answer).error();
        if (answer->error_code != 0) {
            const std::string reason = answer->error_message.value_or(
                std::string(protocol::kafka_error_name(answer->error_code)));
            co_return Error(client_errc::authentication_failed,
                            who(*connection, settings) + " was rejected: " + reason);
        }
        token = (*session)->next(answer->auth_bytes);
        if (token && (*session)->complete()) co_return ok_status();
    }
    if (!token) {
        co_return Error(token.error().code, who(*connection, settings) + ": " + token.error().message);
    }
    co_return Error(client_errc::authentication_failed, who(*connection, settings) + ": the exchange did not end");
}

}  // namespace kafkascope::net::sasl
