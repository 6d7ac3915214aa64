#pragma once
// A small streaming JSON writer for the CLI's --json output: objects, arrays,
// strings (escaped), numbers, booleans and null, pretty-printed with two
// spaces so diffs of the output stay readable.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace kafkascope::cli {

class JsonWriter {
public:
    // Pretty by default; compact writes a whole document on one line (for
    // one-line-per-record output such as produce --json).
    enum class Style { pretty, compact };
    explicit JsonWriter(std::ostream& out, Style style = Style::pretty) : out_(out), style_(style) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view s);
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(std::int64_t n);
    JsonWriter& value(bool b);
    JsonWriter& null();
    JsonWriter& value(const std::optional<std::string>& s) { return s ? value(std::string_view(*s)) : null(); }
    JsonWriter& value(const std::vector<std::int32_t>& ids);

    template <class T>
    JsonWriter& field(std::string_view name, const T& v) {
        key(name);
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) return value(static_cast<std::int64_t>(v));
        else return value(v);
    }

private:
    void before_value();
    void newline();

    std::ostream& out_;
    std::vector<bool> first_;  // per open container: no element written yet
    bool after_key_ = false;
    Style style_ = Style::pretty;
};

std::string json_escape(std::string_view s);

}  // namespace kafkascope::cli
