// Connection::open: dial (TCP or TLS), the ApiVersions handshake, then SASL.
// The framing lives in framed_connection.cpp, the handshake's decisions in
// api_versions_negotiation.cpp, TLS in tls_transport.cpp, SASL in sasl/.
#include "net/connection.h"

#include <algorithm>
#include <variant>

#include "net/api_versions_negotiation.h"
#include "net/framed_connection.h"
#include "net/sasl/sasl_authenticator.h"
#include "net/tcp_transport.h"
#include "net/tls_transport.h"

// GCC 12 inlines asio's awaitable frame allocation into long coroutines and
// then reports a false -Wmismatched-new-delete (as in consumer/group_membership.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace kafkascope::net {
namespace {

struct Dialled {
    std::shared_ptr<Transport> transport;
    std::shared_ptr<TlsTransport> tls;  // same object when TLS, else null
    ConnectionSecurity security;
};

asio::awaitable<Result<Dialled>> dial(asio::any_io_executor executor, BrokerAddress address,
                                      ConnectionOptions options) {
    Dialled out;
    const SecurityConfig& security = options.security;
    out.security.protocol = security.protocol;
    if (!security.uses_tls()) {
        auto transport = co_await connect_tcp(executor, address, options.connect_timeout);
        if (!transport) co_return std::move(transport).error();
        out.transport = std::move(transport).value();
        co_return out;
    }
    auto tls = co_await connect_tls(executor, address, options.connect_timeout, security.tls);
    if (!tls) co_return std::move(tls).error();
    out.tls = std::move(tls).value();
    out.transport = out.tls;
    const auto info = out.tls->session_info();
    out.security.tls_version = info.version;
    out.security.tls_cipher = info.cipher;
    out.security.hostname_verified = security.tls.verify_hostname;
    if (!security.tls.verify_hostname) {
        out.security.warnings.push_back(
            "hostname verification is off for broker " + address.to_string() +
            ": any server with a certificate from a trusted CA can pose as it "
            "(ssl.endpoint.identification.algorithm=none)");
    }
    co_return out;
}

// The first request failed: say why in terms of security settings when
// that is the likely cause.
Error explain_first_failure(Error error, const Dialled& dialled, const BrokerAddress& address,
                            const SecurityConfig& security) {
    if (dialled.tls) {
        if (auto tls_error = explain_tls_read_error(dialled.tls->last_read_error(), address)) return *tls_error;
        return error;
    }
    if (error.code == client_errc::connection_closed || error.code == client_errc::request_timeout) {
        error.message += "; if this listener expects TLS, set security.protocol to " +
                         std::string(security.uses_sasl() ? "SASL_SSL" : "SSL");
    }
    return error;
}

}  // namespace

asio::awaitable<Result<protocol::Bytes>> Connection::round_trip_gather(protocol::Bytes request,
                                                                     std::vector<RequestSlice> slices,
                                                                     bool expect_response,
                                                                     std::chrono::milliseconds timeout) {
    protocol::Bytes joined;
    std::size_t total = request.size();
    for (const RequestSlice& s : slices) total += s.bytes ? s.bytes->size() : 0;
    joined.reserve(total);
    std::size_t from = 0;
    for (const RequestSlice& s : slices) {
        const std::size_t at = std::min(s.at, request.size());
        joined.insert(joined.end(), request.begin() + static_cast<std::ptrdiff_t>(from),
                      request.begin() + static_cast<std::ptrdiff_t>(at));
        if (s.bytes) joined.insert(joined.end(), s.bytes->begin(), s.bytes->end());
        from = std::max(from, at);
    }
    joined.insert(joined.end(), request.begin() + static_cast<std::ptrdiff_t>(from), request.end());
    co_return co_await round_trip(std::move(joined), expect_response, timeout);
}

asio::awaitable<Result<std::shared_ptr<Connection>>> Connection::open(asio::any_io_executor executor,
                                                                      BrokerAddress address,
                                                                      ConnectionOptions options) {
    const std::string broker = address.to_string();
    if (auto valid = options.security.validate(); !valid) {
        co_return Error(valid.error().code, "broker " + broker + ": " + valid.error().message);
    }
    auto dialled = co_await dial(executor, address, options);
    if (!dialled) co_return std::move(dialled).error();
    auto connection = FramedConnection::start(executor, dialled->transport, address, options);
    connection->security_ = dialled->security;

    std::int16_t version = protocol::kApiVersionsApi.versions.max;
    for (;;) {
        auto request = protocol::encode_request(make_api_versions_request(version), version,
                                                options.client_id);
        if (!request) {
            connection->close();
            co_return Error(request.error().code, "broker " + broker + ": " + request.error().message);
        }
        auto response = co_await connection->round_trip(std::move(request).value(), true,
                                                        options.request_timeout);
        if (!response) {
            connection->close();
            co_return explain_first_failure(std::move(response).error(), *dialled, address, options.security);
        }
        auto verdict = judge_api_versions_response(*response, version, broker);
        if (auto* retry = std::get_if<RetryApiVersionsAt>(&verdict)) {
            version = retry->version;  // strictly lower each time, so this ends
            continue;
        }
        if (auto* error = std::get_if<Error>(&verdict)) {
            connection->close();
            co_return std::move(*error);
        }
        connection->versions_ = std::get<ApiVersionTable>(std::move(verdict));
        connection->api_versions_version_ = version;
        break;
    }

    if (options.security.uses_sasl()) {
        const SaslSettings& sasl = options.security.sasl;
        auto authenticated = co_await sasl::authenticate(connection, sasl);
        if (!authenticated) {
            connection->close();
            co_return std::move(authenticated).error();
        }
        connection->security_.sasl_mechanism = std::string(to_string(sasl.mechanism));
        if (sasl.mechanism != SaslMechanism::oauthbearer) connection->security_.sasl_user = sasl.username;
    }
    co_return std::shared_ptr<Connection>(std::move(connection));
}

}  // namespace kafkascope::net
