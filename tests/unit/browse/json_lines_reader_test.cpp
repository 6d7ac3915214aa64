// The chunked JSON Lines reader of the import job: bad lines are skipped and
// reported with their line numbers while every good line is read, blank
// lines are neither, chunks respect their size, and each message knows its
// line.

#include <sstream>
#include <string>

#include "browse/json_lines_reader.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::browse;

namespace {

std::string text_of(const std::optional<records::Bytes>& b) { return b ? std::string(b->begin(), b->end()) : "<null>"; }

}  // namespace

TEST_CASE(a_malformed_line_is_reported_by_number_and_the_rest_is_read) {
    std::istringstream in(
        "{\"key\":\"k1\",\"value\":\"v1\"}\n"
        "\n"
        "{\"key\":\"k3\",\"value\":\"v3\",\"headers\":[{\"key\":\"h\",\"value\":\"x\"}]}\n"
        "{\"key\":\"k4\",\"value\":\n"
        "{\"key\":\"k5\",\"value\":null}\n"
        "{\"value\":\"%%%\",\"value_encoding\":\"base64\"}\n"
        "{\"key\":\"k7\",\"value\":\"v7\"}");  // no final newline
    JsonLinesReader reader(in);
    JsonLinesChunk chunk = reader.next(100);
    ASSERT_EQ(chunk.messages.size(), std::size_t{4});
    EXPECT_EQ(text_of(chunk.messages[0].key), std::string("k1"));
    EXPECT_EQ(text_of(chunk.messages[1].value), std::string("v3"));
    ASSERT_EQ(chunk.messages[1].headers.size(), std::size_t{1});
    EXPECT_EQ(chunk.messages[1].headers[0].key, std::string("h"));
    EXPECT_EQ(text_of(chunk.messages[2].value), std::string("<null>"));
    EXPECT_EQ(text_of(chunk.messages[3].key), std::string("k7"));
    EXPECT_EQ(chunk.message_lines, (std::vector<std::size_t>{1, 3, 5, 7}));
    ASSERT_EQ(chunk.errors.size(), std::size_t{2});
    EXPECT_EQ(chunk.errors[0].line, std::size_t{4});
    EXPECT_TRUE(chunk.errors[0].message.rfind("line 4: ", 0) == 0);
    EXPECT_EQ(chunk.errors[1].line, std::size_t{6});
    EXPECT_EQ(chunk.errors[1].message, std::string("line 6: \"value\" is not valid base64"));
    EXPECT_TRUE(reader.at_end());
    EXPECT_EQ(reader.lines_read(), std::size_t{7});
    EXPECT_TRUE(reader.next(100).messages.empty());
}

TEST_CASE(chunks_hold_at_most_the_asked_number_of_messages) {
    std::string text;
    for (int i = 0; i < 10; ++i) text += "{\"value\":\"m" + std::to_string(i) + "\"}\n";
    std::istringstream in(text);
    JsonLinesReader reader(in);
    std::vector<std::string> seen;
    std::size_t chunks = 0;
    for (;;) {
        JsonLinesChunk chunk = reader.next(4);
        if (chunk.messages.empty() && chunk.errors.empty()) break;
        ++chunks;
        EXPECT_TRUE(chunk.messages.size() <= 4);
        for (const auto& m : chunk.messages) seen.push_back(text_of(m.value));
    }
    EXPECT_EQ(chunks, std::size_t{3});
    ASSERT_EQ(seen.size(), std::size_t{10});
    EXPECT_EQ(seen.front(), std::string("m0"));
    EXPECT_EQ(seen.back(), std::string("m9"));
}
