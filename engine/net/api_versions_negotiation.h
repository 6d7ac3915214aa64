#pragma once
// The ApiVersions handshake as pure logic (no I/O), so every broker quirk is
// testable from bytes alone. Connection::open drives it:
//
//   version = our max (v4)
//   loop: send make_api_versions_request(version)
//         judge_api_versions_response(answer, version) ->
//           ApiVersionTable         done
//           RetryApiVersionsAt{v}   send again at v (always lower: ends)
//           Error                   give up
//
// On UNSUPPORTED_VERSION (35) real brokers answer in the v0 layout and list
// their ApiVersions range, so we retry at min(our max, their max). The
// librdkafka 2.0.2 mock answers v3+ in a layout that need not decode; then v0,
// which every broker speaks, is the fallback.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.h"
#include "net/api_version_table.h"
#include "protocol/messages/api_versions.h"

namespace kafkascope::net {

inline constexpr std::string_view kClientSoftwareName = "kafkascope";
inline constexpr std::string_view kClientSoftwareVersion = "0.1.0";

struct RetryApiVersionsAt {
    std::int16_t version = 0;
};
using ApiVersionsVerdict = std::variant<ApiVersionTable, RetryApiVersionsAt, Error>;

// The request at `version`; software name and version only where the version
// carries them (v3+), since the codec refuses to drop a set field.
protocol::ApiVersionsRequest make_api_versions_request(std::int16_t version);

// `response` is what follows the correlation id of the answer to an
// ApiVersions request sent at `version`. Errors name `broker`.
ApiVersionsVerdict judge_api_versions_response(std::span<const std::uint8_t> response,
                                               std::int16_t version, const std::string& broker);

}  // namespace kafkascope::net
