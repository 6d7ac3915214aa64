// JSON Lines export and import round-trip exactly (UTF-8 text, binary as
// base64, nulls, empty values, headers with null values, control characters
// and non-ASCII); CSV quoting; base64 and UTF-8 helpers; bad input gives an
// error naming the line.

#include <sstream>

#include "browse/json_value.h"
#include "browse/message_export.h"
#include "browse/message_import.h"
#include "browse/message_store.h"
#include "browse/text_encoding.h"
#include "records/record_batch_writer.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::browse;

namespace {

records::Bytes bytes(const std::string& s) { return records::Bytes(s.begin(), s.end()); }

std::vector<records::Record> awkward_records() {
    std::vector<records::Record> out;
    records::Record text;
    text.key = bytes("ключ \"quoted\"");
    text.value = bytes("line1\nline2\ttab \x01 ctrl, comma \xF0\x9F\x98\x80");
    text.headers.push_back({"trace", bytes("abc")});
    text.headers.push_back({"nullable", std::nullopt});
    text.timestamp_ms = 1'700'000'000'123;
    out.push_back(text);
    records::Record binary;
    binary.value = records::Bytes{0x00, 0xFF, 0xC3, 0x28, 0x80};  // not UTF-8
    binary.headers.push_back({std::string("\xC3\x28", 2), records::Bytes{0xFE}});
    binary.timestamp_ms = 1'700'000'000'124;
    out.push_back(binary);
    records::Record empty;
    empty.key = bytes("");
    empty.value = bytes("");
    empty.timestamp_ms = 1'700'000'000'125;
    out.push_back(empty);
    records::Record tombstone;
    tombstone.key = bytes("gone");
    tombstone.timestamp_ms = 1'700'000'000'126;
    out.push_back(tombstone);
    return out;
}

MessageStore& filled_store() {
    static MessageStore store;
    if (store.size() == 0) {
        const auto recs = awkward_records();
        records::BatchOptions options;
        options.base_offset = 40;
        auto encoded = records::write_record_batch(recs, options);
        ASSERT_TRUE(encoded.ok());
        auto decoded = records::decode_records(*encoded);
        ASSERT_TRUE(decoded.ok());
        store.append(decoded.batches.front(), 2);
    }
    return store;
}

}  // namespace

TEST_CASE(json_lines_round_trip_every_byte) {
    MessageStore& store = filled_store();
    const auto recs = awkward_records();
    ASSERT_EQ(store.size(), recs.size());
    std::string all;
    for (std::size_t i = 0; i < store.size(); ++i) all += to_json_line(store.ref(i), "src") + "\n";
    std::istringstream in(all);
    std::vector<producer::Message> back;
    ImportOptions options;
    options.keep_partitions = true;
    auto n = read_json_lines(in, options, [&](std::vector<producer::Message>&& ms) {
        for (auto& m : ms) back.push_back(std::move(m));
        return ok_status();
    });
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(*n, recs.size());
    ASSERT_EQ(back.size(), recs.size());
    for (std::size_t i = 0; i < recs.size(); ++i) {
        EXPECT_TRUE(back[i].key == recs[i].key);
        EXPECT_TRUE(back[i].value == recs[i].value);
        EXPECT_TRUE(back[i].headers == recs[i].headers);
        EXPECT_EQ(back[i].timestamp_ms.value_or(-1), recs[i].timestamp_ms);
        EXPECT_EQ(back[i].partition.value_or(-1), 2);
    }
    // One object per line, and the binary value is marked as base64.
    const std::string second = to_json_line(store.ref(1), "src");
    EXPECT_TRUE(second.find("\"value\":\"AP/DKIA=\",\"value_encoding\":\"base64\"") != std::string::npos);
    EXPECT_TRUE(second.find("\"key\":null") != std::string::npos);
    EXPECT_TRUE(second.find("\"offset\":41") != std::string::npos);
    EXPECT_TRUE(to_json_line(store.ref(0), "src").find('\n') == std::string::npos);
}

TEST_CASE(copy_as_producer_message_keeps_key_value_headers_and_time) {
    MessageStore& store = filled_store();
    const auto recs = awkward_records();
    for (std::size_t i = 0; i < recs.size(); ++i) {
        const producer::Message m = to_producer_message(store.ref(i));
        EXPECT_TRUE(m.key == recs[i].key && m.value == recs[i].value && m.headers == recs[i].headers);
        EXPECT_EQ(m.timestamp_ms.value_or(-1), recs[i].timestamp_ms);
    }
}

TEST_CASE(csv_quotes_fields_and_marks_binary) {
    MessageStore& store = filled_store();
    EXPECT_EQ(csv_header_line(), std::string("partition,offset,timestamp,timestamp_type,key,value,headers"));
    const std::string first = to_csv_line(store.ref(0));
    EXPECT_TRUE(first.rfind("2,40,1700000000123,create_time,\"ключ \"\"quoted\"\"\",\"line1\nline2", 0) == 0);
    EXPECT_TRUE(first.find("trace=abc;nullable=") != std::string::npos);
    EXPECT_EQ(to_csv_line(store.ref(1)),
              std::string("2,41,1700000000124,create_time,,base64:AP/DKIA=,base64:wyg==base64:/g=="));
}

TEST_CASE(bad_lines_name_the_line_and_the_problem) {
    std::istringstream in("{\"key\":\"a\",\"value\":\"b\"}\n\n{\"value\":\"%%%\",\"value_encoding\":\"base64\"}\n");
    std::size_t seen = 0;
    auto n = read_json_lines(in, {}, [&](std::vector<producer::Message>&& ms) {
        seen += ms.size();
        return ok_status();
    });
    ASSERT_TRUE(!n.ok());
    EXPECT_EQ(n.error().message, std::string("line 3: \"value\" is not valid base64"));
    for (const char* line : {"[1,2]", "{\"headers\":{}}", "{\"key\":1}", "{\"value\":\"x\"", "{\"a\":\"\\ud800\"}"}) {
        auto m = parse_json_line(line, 7);
        EXPECT_TRUE(!m.ok() && m.error().message.rfind("line 7: ", 0) == 0);
    }
    ImportOptions keep;
    keep.keep_partitions = true;
    auto no_partition = parse_json_line("{\"value\":\"x\"}", 1, keep);
    EXPECT_TRUE(!no_partition.ok());
}

TEST_CASE(base64_and_utf8_helpers) {
    EXPECT_EQ(base64_encode(as_bytes("")), std::string());
    EXPECT_EQ(base64_encode(as_bytes("f")), std::string("Zg=="));
    EXPECT_EQ(base64_encode(as_bytes("fo")), std::string("Zm8="));
    EXPECT_EQ(base64_encode(as_bytes("foobar")), std::string("Zm9vYmFy"));
    auto d = base64_decode("Zm9vYg==");
    ASSERT_TRUE(d.has_value());
    EXPECT_EQ(std::string(d->begin(), d->end()), std::string("foob"));
    EXPECT_FALSE(base64_decode("Zm9").has_value());
    EXPECT_FALSE(base64_decode("Z=9v").has_value());
    EXPECT_TRUE(is_valid_utf8(as_bytes("h\xC3\xA9llo \xF0\x9F\x98\x80")));
    EXPECT_FALSE(is_valid_utf8(as_bytes("\xC0\xAF")));        // overlong
    EXPECT_FALSE(is_valid_utf8(as_bytes("\xED\xA0\x80")));    // surrogate
    EXPECT_FALSE(is_valid_utf8(as_bytes("\xE2\x82")));        // truncated
    auto parsed = parse_json("{\"a\":[1,-2,3.5,true,null,\"\\u00e9\\ud83d\\ude00\"]}");
    ASSERT_TRUE(parsed.ok());
    const JsonArray& a = *parsed->object()->at("a").array();
    EXPECT_EQ(*a[1].integer(), std::int64_t{-2});
    EXPECT_EQ(*a[5].string(), std::string("\xC3\xA9\xF0\x9F\x98\x80"));
}
