#pragma once
// Sending a group request at a capped version. Connection::send uses the
// highest version both sides know, but OffsetFetch and OffsetCommit v10
// (Kafka 4.2) name topics by id only, which a name-based caller cannot
// fill; capping at v9 keeps names valid on every broker that speaks v10.
// The encoder refuses values in fields a version lacks, so callers pick the
// version first (request_version) and fill the layout of that version.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>

#include <asio/awaitable.hpp>

#include "core/result.h"
#include "net/connection.h"
#include "protocol/frame.h"

namespace kafkascope::consumer {

// The negotiated version of `api` on `conn`, at most `max_version`.
inline Result<std::int16_t> request_version(const net::Connection& conn, const protocol::ApiSpec& api,
                                            std::int16_t max_version) {
    auto version = conn.version_for(api);
    if (!version) return std::move(version).error();
    return std::min(*version, max_version);
}

template <class Request>
asio::awaitable<Result<protocol::response_t<Request>>> send_at(std::shared_ptr<net::Connection> conn,
                                                               const Request& request, std::int16_t v) {
    using Response = protocol::response_t<Request>;
    auto encoded = protocol::encode_request(request, v, conn->options().client_id);
    if (!encoded) co_return std::move(encoded).error();
    auto bytes = co_await conn->round_trip(std::move(encoded).value(), true, conn->options().request_timeout);
    if (!bytes) co_return std::move(bytes).error();
    auto decoded = protocol::decode_response<Response>(*bytes, v);
    if (!decoded) {
        co_return Error(decoded.error().code, "broker " + conn->address().to_string() + ": " +
                                                  decoded.error().message);
    }
    co_return std::move(decoded).value();
}

}  // namespace kafkascope::consumer
