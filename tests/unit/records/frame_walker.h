#pragma once
// Test-only: finds the "records" fields inside Produce requests and Fetch
// responses, so the golden tests can feed real client/broker batches to the
// records decoder without depending on the message codec. Covers Produce
// v3-v13 and Fetch v4-v18 (flexible encodings from Produce v9 / Fetch v12,
// topic ids from Produce v13 / Fetch v13). Throws std::runtime_error on a
// frame it cannot walk.

#include <cstdint>
#include <span>
#include <vector>

namespace kafkascope::test {

// `request` is the whole frame without the size prefix (header included).
std::vector<std::span<const std::uint8_t>> produce_request_records(
    std::span<const std::uint8_t> request);

// `response` likewise; the version comes from the matching request.
std::vector<std::span<const std::uint8_t>> fetch_response_records(
    std::span<const std::uint8_t> response, int version);

}  // namespace kafkascope::test
