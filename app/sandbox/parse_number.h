#pragma once

#include <charconv>
#include <concepts>
#include <optional>
#include <string_view>
#include <system_error>

namespace kafkascope::sandbox {

// Whole-token integer parsing with a range check; used for both command-line
// options and control commands so "12abc", "" and out-of-range values are
// rejected the same way everywhere.
template <std::integral T>
std::optional<T> parse_number(std::string_view text, T min, T max) {
    T value{};
    const char* first = text.data();
    const char* last = text.data() + text.size();
    const auto [end, ec] = std::from_chars(first, last, value);
    if (text.empty() || ec != std::errc{} || end != last || value < min || value > max) {
        return std::nullopt;
    }
    return value;
}

}  // namespace kafkascope::sandbox
