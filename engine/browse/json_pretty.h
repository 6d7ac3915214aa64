#pragma once
// Pretty-printing a message's JSON for the detail view by re-indenting its
// tokens, never by parsing into values and writing them back: a DOM round
// trip sorts members by name, turns 5.00 into 5 and rounds integers above
// 2^53 (ids, timestamps in ns), so the reader would see another message
// than the one on the broker. Here member order, number spelling and string
// escapes stay exactly as written; only whitespace between tokens changes.

#include <optional>
#include <string>
#include <string_view>

namespace kafkascope::browse {

// Containers nested deeper than this are not pretty-printed (the text is
// shown as is): each level costs indentation on every line below it.
inline constexpr std::size_t kMaxPrettyJsonDepth = 256;
inline constexpr std::size_t kMaxPrettyJsonGrowth = 16;

// `text` re-indented by `indent` spaces a level, "name": value, one member
// or element a line, empty containers as {} and [], ending in a newline.
// Nothing when `text` is not exactly one JSON object or array (RFC 8259
// grammar; surrounding whitespace allowed), nests too deep, or would grow
// past kMaxPrettyJsonGrowth times its size plus 64 KiB (deep nesting of
// tiny values: "[[[...0,0,0" indents every 0 by a kilobyte). UTF-8 is not
// checked here.
std::optional<std::string> pretty_json(std::string_view text, int indent = 4);

}  // namespace kafkascope::browse
