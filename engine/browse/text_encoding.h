#pragma once
// Small byte/text helpers for export, import and display: UTF-8 validation
// and base64 (standard alphabet, padded, as RFC 4648 section 4).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kafkascope::browse {

bool is_valid_utf8(std::span<const std::uint8_t> bytes) noexcept;
std::string base64_encode(std::span<const std::uint8_t> bytes);
// nullopt on a character outside the alphabet or bad padding.
std::optional<std::vector<std::uint8_t>> base64_decode(std::string_view text);

inline std::string_view as_text(std::span<const std::uint8_t> bytes) noexcept {
    return std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}
inline std::span<const std::uint8_t> as_bytes(std::string_view text) noexcept {
    return std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
}

}  // namespace kafkascope::browse
