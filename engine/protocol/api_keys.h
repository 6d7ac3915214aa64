#pragma once
// Kafka API keys and their names, for messages and the versions table.

#include <cstdint>
#include <string_view>

namespace kafkascope::protocol {

// Name of an API key as Apache Kafka spells it ("Metadata"), or "" if unknown.
std::string_view api_name(std::int16_t key) noexcept;

}  // namespace kafkascope::protocol
