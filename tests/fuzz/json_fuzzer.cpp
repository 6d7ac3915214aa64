// libFuzzer target over the two JSON readers that see message bytes: the
// detail view's pretty-printer and the import's JSON reader (one JSON Lines
// line). Properties: no crash or sanitizer report; an accepted document
// pretty-prints to itself again and differs from the input only in
// whitespace between tokens.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "browse/json_pretty.h"
#include "browse/json_value.h"
#include "fuzz_support.h"

using namespace kafkascope::browse;

namespace {

std::string without_token_space(std::string_view in) {
    std::string out;
    bool in_string = false;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < in.size()) out += in[++i];
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out += c;
        }
    }
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)parse_json(text);
    const auto pretty = pretty_json(text);
    if (!pretty) return 0;
    if (pretty_json(*pretty) != pretty) kafkascope::fuzz::violated("pretty-printing is not idempotent");
    if (without_token_space(*pretty) != without_token_space(text)) kafkascope::fuzz::violated("pretty-printing changed a token");
    return 0;
}
