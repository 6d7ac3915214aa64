#pragma once
// Hex helpers for the protocol tests: fixtures and expected frames are
// written as hex strings, and failures print hex so a diff is readable.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "protocol/bytes.h"

namespace kafkascope::test {

// Spaces are ignored so expected values can be grouped by field ("0001 ff").
// Throws std::invalid_argument on anything else that is not a hex digit pair.
protocol::Bytes from_hex(std::string_view hex);
std::string to_hex(std::span<const std::uint8_t> bytes);
// Normalises a spaced expectation ("0012 0003 00") for comparing with to_hex().
std::string hex(std::string_view spaced);

}  // namespace kafkascope::test
