#pragma once
// The primitives SCRAM (RFC 5802) is built from, over OpenSSL: the hash
// function, HMAC, Hi() = PBKDF2-HMAC, and base64 as SCRAM spells it.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "protocol/bytes.h"

namespace kafkascope::net::sasl {

enum class ScramHash { sha256, sha512 };

protocol::Bytes scram_hash(ScramHash hash, std::span<const std::uint8_t> data);
protocol::Bytes scram_hmac(ScramHash hash, std::span<const std::uint8_t> key, std::span<const std::uint8_t> data);
// Hi(password, salt, iterations): PBKDF2 with HMAC-H, output as long as H.
protocol::Bytes scram_hi(ScramHash hash, std::string_view password, std::span<const std::uint8_t> salt,
                         std::uint32_t iterations);

std::string base64_encode(std::span<const std::uint8_t> data);
// Strict: only the standard alphabet with '=' padding; nullopt otherwise.
std::optional<protocol::Bytes> base64_decode(std::string_view text);

inline std::span<const std::uint8_t> as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace kafkascope::net::sasl
