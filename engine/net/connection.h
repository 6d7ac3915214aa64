#pragma once
// One TCP connection to one broker, owned by the engine thread.
//
// It frames requests (4-byte size), assigns correlation ids, pipelines any
// number of requests, matches responses by correlation id, and gives every
// request its own deadline. When the socket dies, every request in flight
// fails at once with an error naming the broker and the API. The first
// exchange is always ApiVersions; its answer (the broker's version ranges)
// decides the version of every later request: min(our max, broker max), or a
// clear error when the ranges do not meet.
//
// Not thread-safe: call it from the engine's io_context thread only.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>

#include "core/result.h"
#include "net/api_version_table.h"
#include "net/broker_address.h"
#include "net/security_config.h"
#include "protocol/bytes.h"
#include "protocol/frame.h"

namespace kafkascope::net {

struct ConnectionOptions {
    std::string client_id = "kafkascope";
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds request_timeout{30'000};
    std::size_t max_response_bytes = 256u << 20;  // larger size prefixes are refused
    // PLAINTEXT by default; TLS and SASL settings otherwise (security_config.h).
    SecurityConfig security;
};

// How a connection is secured, for diagnostics: what TLS agreed on and which
// SASL mechanism authenticated it. Never holds a secret.
struct ConnectionSecurity {
    SecurityProtocol protocol = SecurityProtocol::plaintext;
    std::string tls_version;     // "TLSv1.3"; empty without TLS
    std::string tls_cipher;      // "TLS_AES_256_GCM_SHA384"
    bool hostname_verified = false;
    std::string sasl_mechanism;  // "SCRAM-SHA-512"; empty without SASL
    std::string sasl_user;       // empty for OAUTHBEARER or without SASL
    std::vector<std::string> warnings;  // e.g. hostname verification turned off
};

// A large part of a request sent from where it already lives rather than
// copied into the request: `bytes` goes out right after byte `at` of the
// request (Produce record batches, which are kept for retries anyway).
struct RequestSlice {
    std::size_t at = 0;
    std::shared_ptr<const protocol::Bytes> bytes;
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    // Resolves, connects within connect_timeout (plus the TLS handshake when
    // options.security says so), then negotiates ApiVersions (retrying with a
    // lower ApiVersions version on UNSUPPORTED_VERSION), then authenticates
    // with SASL when options.security says so.
    static asio::awaitable<Result<std::shared_ptr<Connection>>> open(asio::any_io_executor executor,
                                                                     BrokerAddress address,
                                                                     ConnectionOptions options);
    virtual ~Connection() = default;

    // Sends a described request at the negotiated version and decodes the
    // response. `timeout` overrides options.request_timeout when set.
    template <class Request>
    asio::awaitable<Result<protocol::response_t<Request>>> send(
        const Request& request, std::optional<std::chrono::milliseconds> timeout = {});

    // The same at a version the caller chose (at most the negotiated one), for
    // requests whose layout depends on it: Fetch v13+ and OffsetFetch /
    // OffsetCommit v10 name topics by id only.
    template <class Request>
    asio::awaitable<Result<protocol::response_t<Request>>> send_at(
        const Request& request, std::int16_t version,
        std::optional<std::chrono::milliseconds> timeout = {});

    // Version this connection would use for an API, or an error that names
    // our range and the broker's.
    Result<std::int16_t> version_for(const protocol::ApiSpec& api) const {
        return versions_.choose(api, address_.to_string());
    }

    // Raw exchange: `request` is header + body as protocol::encode_request
    // makes it; the correlation id inside is overwritten. Returns the response
    // bytes after the correlation id. With expect_response false (Produce
    // acks=0) it completes once written, with empty bytes.
    virtual asio::awaitable<Result<protocol::Bytes>> round_trip(protocol::Bytes request,
                                                                bool expect_response,
                                                                std::chrono::milliseconds timeout) = 0;

    // round_trip with `slices` spliced into `request` (ascending `at`, each at
    // most request.size()). This default joins them and calls round_trip;
    // FramedConnection writes them in place, in one gathered write.
    virtual asio::awaitable<Result<protocol::Bytes>> round_trip_gather(protocol::Bytes request,
                                                                       std::vector<RequestSlice> slices,
                                                                       bool expect_response,
                                                                       std::chrono::milliseconds timeout);

    virtual void close() = 0;
    virtual bool is_open() const = 0;

    const BrokerAddress& address() const { return address_; }
    const ApiVersionTable& versions() const { return versions_; }
    const ConnectionOptions& options() const { return options_; }
    // The ApiVersions version the handshake ended with (-1 before it).
    std::int16_t api_versions_version() const { return api_versions_version_; }
    const ConnectionSecurity& security() const { return security_; }

protected:
    Connection(BrokerAddress address, ConnectionOptions options)
        : address_(std::move(address)), options_(std::move(options)) {}

    BrokerAddress address_;
    ConnectionOptions options_;
    ApiVersionTable versions_;
    std::int16_t api_versions_version_ = -1;
    ConnectionSecurity security_;
};

template <class Request>
asio::awaitable<Result<protocol::response_t<Request>>> Connection::send(
    const Request& request, std::optional<std::chrono::milliseconds> timeout) {
    auto version = version_for(Request::api);
    if (!version) co_return std::move(version).error();
    co_return co_await send_at(request, *version, timeout);
}

template <class Request>
asio::awaitable<Result<protocol::response_t<Request>>> Connection::send_at(
    const Request& request, std::int16_t version, std::optional<std::chrono::milliseconds> timeout) {
    using Response = protocol::response_t<Request>;
    auto self = shared_from_this();  // keep alive across the suspension
    auto encoded = protocol::encode_request(request, version, options_.client_id);
    if (!encoded) co_return std::move(encoded).error();
    auto bytes = co_await round_trip(std::move(encoded).value(), true,
                                     timeout.value_or(options_.request_timeout));
    if (!bytes) co_return std::move(bytes).error();
    auto decoded = protocol::decode_response<Response>(*bytes, version);
    if (!decoded) {
        co_return Error(decoded.error().code,
                        "broker " + address_.to_string() + ": " + decoded.error().message);
    }
    co_return std::move(decoded).value();
}

}  // namespace kafkascope::net
