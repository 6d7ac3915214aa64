#pragma once
// The version to send a group request at (with Connection::send_at).
// Connection::send uses the highest version both sides know, but OffsetFetch and OffsetCommit v10
// (Kafka 4.2) name topics by id only, which a name-based caller cannot
// fill; capping at v9 keeps names valid on every broker that speaks v10.
// The encoder refuses values in fields a version lacks, so callers pick the
// version first (request_version) and fill the layout of that version.

#include <algorithm>
#include <cstdint>

#include "core/result.h"
#include "net/connection.h"

namespace kafkascope::consumer {

// The negotiated version of `api` on `conn`, at most `max_version`.
inline Result<std::int16_t> request_version(const net::Connection& conn, const protocol::ApiSpec& api,
                                            std::int16_t max_version) {
    auto version = conn.version_for(api);
    if (!version) return std::move(version).error();
    return std::min(*version, max_version);
}

}  // namespace kafkascope::consumer
