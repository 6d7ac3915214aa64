#pragma once
// Basic value types shared by the codec and its users.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace kafkascope::protocol {

using Bytes = std::vector<std::uint8_t>;

// Kafka's UUID (topic ids, KIP-516): 16 raw bytes, all zero means "none".
struct Uuid {
    std::array<std::uint8_t, 16> bytes{};

    bool is_zero() const noexcept;
    std::string to_string() const;  // Kafka prints topic ids as URL-safe base64
    friend bool operator==(const Uuid&, const Uuid&) = default;
};

// A tagged field we do not know, kept so a message round-trips unchanged.
struct UnknownTag {
    std::uint32_t tag = 0;
    Bytes data;
    friend bool operator==(const UnknownTag&, const UnknownTag&) = default;
};
using TaggedFields = std::vector<UnknownTag>;

}  // namespace kafkascope::protocol
