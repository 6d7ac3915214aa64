#pragma once
// A small JSON reader for importing JSON Lines: objects, arrays, strings
// (with \u escapes, surrogate pairs included), integers, booleans, null.
// Numbers with a fraction or exponent are kept as text. Depth is bounded so
// hostile input cannot exhaust the stack; errors name the column.

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace kafkascope::browse {

struct JsonValue;
using JsonObject = std::map<std::string, JsonValue, std::less<>>;
using JsonArray = std::vector<JsonValue>;

struct JsonNumber {
    std::string text;
};

struct JsonValue {
    std::variant<std::nullptr_t, bool, std::int64_t, JsonNumber, std::string, JsonArray, JsonObject> v;

    bool is_null() const { return std::holds_alternative<std::nullptr_t>(v); }
    const std::string* string() const { return std::get_if<std::string>(&v); }
    const std::int64_t* integer() const { return std::get_if<std::int64_t>(&v); }
    const JsonArray* array() const { return std::get_if<JsonArray>(&v); }
    const JsonObject* object() const { return std::get_if<JsonObject>(&v); }
};

Result<JsonValue> parse_json(std::string_view text);

// Appends `s` as a JSON string literal (quotes included). `s` must be UTF-8;
// control characters, quote and backslash are escaped.
void append_json_string(std::string& out, std::string_view s);

}  // namespace kafkascope::browse
