// The detail view's JSON pretty-printer: it re-indents tokens and keeps the
// message exactly as written (member order, number spelling, big integers,
// escapes), and it refuses anything that is not one JSON object or array,
// so such values are shown as plain text instead.

#include <string>

#include "browse/json_pretty.h"
#include "unit_test.h"

using namespace kafkascope::browse;

namespace {

std::string pretty(std::string_view in) { return pretty_json(in).value_or("<not json>"); }

}  // namespace

TEST_CASE(members_keep_their_order_and_numbers_their_spelling) {
    EXPECT_EQ(pretty(R"({"z":1,"a":5.00,"id":12345678901234567890123,"e":-1.5E+10,"n":[true,false,null]})"),
              std::string("{\n"
                          "    \"z\": 1,\n"
                          "    \"a\": 5.00,\n"
                          "    \"id\": 12345678901234567890123,\n"
                          "    \"e\": -1.5E+10,\n"
                          "    \"n\": [\n"
                          "        true,\n"
                          "        false,\n"
                          "        null\n"
                          "    ]\n"
                          "}\n"));
}

TEST_CASE(strings_keep_their_escapes_and_spaces) {
    EXPECT_EQ(pretty(R"(["a \"q\" \\ \/ \u00e9\ud83d\ude00 \n", "  , : { ] "])"),
              std::string("[\n    \"a \\\"q\\\" \\\\ \\/ \\u00e9\\ud83d\\ude00 \\n\",\n    \"  , : { ] \"\n]\n"));
}

TEST_CASE(empty_containers_and_nesting) {
    EXPECT_EQ(pretty(" { \"a\" : { } , \"b\" : [ ] , \"c\" : [ [ 0 ] ] } \n"),
              std::string("{\n    \"a\": {},\n    \"b\": [],\n    \"c\": [\n        [\n            0\n        ]\n    ]\n}\n"));
    EXPECT_EQ(pretty("[]"), std::string("[]\n"));
    EXPECT_EQ(pretty_json("[1,2]", 2).value_or(""), std::string("[\n  1,\n  2\n]\n"));
}

TEST_CASE(only_whitespace_between_tokens_changes) {
    const std::string doc = R"({"order":{"id":"o-1","lines":[{"sku":"S1","qty":2,"price":9.990},{"sku":"S2","qty":1,"price":0.5e-3}],)"
                            R"("note":"two\tlines\nhere","paid":true,"coupon":null},"v":[[],{},[{}],-0,0.0]})";
    const auto out = pretty_json(doc);
    EXPECT_TRUE(out.has_value());
    // `doc` has no raw whitespace, not even in its strings: all of the
    // output's whitespace was added between tokens.
    std::string tokens = *out;
    std::erase_if(tokens, [](char c) { return c == ' ' || c == '\n'; });
    EXPECT_EQ(tokens, doc);
    EXPECT_EQ(pretty(*out), *out);  // idempotent
}

TEST_CASE(anything_but_one_object_or_array_is_refused) {
    for (std::string_view bad : {"", "   ", "42", "\"text\"", "true", "{", "[1,]", "[,1]", "{\"a\"}", "{\"a\":}",
                                 "{a:1}", "{\"a\":1,}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]", "[tru]",
                                 "[\"unterminated]", "[\"bad \\x escape\"]", "[\"\\u12G4\"]", "[\"tab\there\"]",
                                 "[1] [2]", "[1] x", "{\"a\":1]", "[1}", "[NaN]", "['single']"}) {
        if (pretty_json(bad)) kafkascope::test::report_failure(__FILE__, __LINE__, "accepted: " + std::string(bad));
        EXPECT_TRUE(!pretty_json(bad).has_value());
    }
}

TEST_CASE(deep_nesting_is_refused_without_recursion) {
    // (Trailing spaces make room under the growth bound for the indentation.)
    const std::string ok =
        std::string(kMaxPrettyJsonDepth, '[') + std::string(kMaxPrettyJsonDepth, ']') + std::string(16 * 1024, ' ');
    EXPECT_TRUE(pretty_json(ok).has_value());
    const std::string deep(1'000'000, '[');
    EXPECT_TRUE(!pretty_json(deep).has_value());
    const std::string too_deep = std::string(kMaxPrettyJsonDepth + 1, '[') + "1" + std::string(kMaxPrettyJsonDepth + 1, ']');
    EXPECT_TRUE(!pretty_json(too_deep).has_value());
}

TEST_CASE(output_growth_is_bounded) {
    // 255 levels deep, then 20,000 tiny values: a kilobyte of indentation each.
    std::string hostile(kMaxPrettyJsonDepth - 1, '[');
    for (int i = 0; i < 20'000; ++i) hostile += i ? ",0" : "0";
    hostile += std::string(kMaxPrettyJsonDepth - 1, ']');
    EXPECT_TRUE(!pretty_json(hostile).has_value());
    // Ordinary nesting stays well inside the bound.
    std::string matrix = "[";
    for (int i = 0; i < 20'000; ++i) matrix += i ? ",[1,2,3]" : "[1,2,3]";
    matrix += "]";
    const auto pretty = pretty_json(matrix);
    EXPECT_TRUE(pretty.has_value());
    EXPECT_TRUE(pretty->size() <= matrix.size() * kMaxPrettyJsonGrowth);
}
