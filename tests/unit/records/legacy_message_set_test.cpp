// Legacy message sets (magic 0 and 1): plain, compressed wrappers with
// relative (v1) and absolute (v0) inner offsets, CRC checks.

#include "records/compression.h"
#include "records/record_batch_reader.h"
#include "records/record_batch_writer.h"
#include "records_test_util.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::records;
using kafkascope::test::all_records;
using kafkascope::test::bytes_of;
using kafkascope::test::legacy_message;
using kafkascope::test::text_of;

namespace {

Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

}  // namespace

TEST_CASE(plain_v0_and_v1_messages) {
    const Bytes blob = concat({legacy_message(5, 0, 0, 0, bytes_of("k0"), bytes_of("v0")),
                               legacy_message(6, 0, 0, 0, std::nullopt, Bytes{}),
                               legacy_message(7, 1, 0, 1700000000000, bytes_of("k1"), std::nullopt)});
    const auto result = decode_records(blob);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.record_count(), std::size_t{3});
    ASSERT_EQ(result.batches.size(), std::size_t{2});  // v0 run, then v1
    EXPECT_EQ(result.batches[0].info.magic, 0);
    EXPECT_EQ(result.batches[0].info.last_offset, 6);
    const auto recs = all_records(result);
    EXPECT_EQ(text_of(*recs[0].value), std::string("v0"));
    EXPECT_EQ(recs[0].timestamp_ms, -1);
    EXPECT_FALSE(recs[1].key.has_value());
    EXPECT_TRUE(recs[1].value.has_value());
    EXPECT_EQ(recs[2].timestamp_ms, 1700000000000);
    EXPECT_FALSE(recs[2].value.has_value());
    EXPECT_EQ(result.batches[1].records[0].offset, 7);
}

TEST_CASE(compressed_v1_wrapper_has_relative_inner_offsets) {
    for (Compression c : {Compression::gzip, Compression::snappy, Compression::lz4}) {
        const Bytes inner = concat({legacy_message(0, 1, 0, 100, bytes_of("a"), bytes_of("1")),
                                    legacy_message(1, 1, 0, 200, bytes_of("b"), bytes_of("2")),
                                    legacy_message(2, 1, 0, 300, bytes_of("c"), bytes_of("3"))});
        auto packed = compress(c, inner);
        ASSERT_TRUE(packed.ok());
        const Bytes wrapper = legacy_message(42, 1, static_cast<std::int8_t>(c), 300, std::nullopt, *packed);
        const auto result = decode_records(wrapper);
        ASSERT_TRUE(result.ok());
        ASSERT_EQ(result.batches.size(), std::size_t{1});
        const auto& b = result.batches[0];
        EXPECT_TRUE(b.info.compression == c);
        EXPECT_EQ(b.info.base_offset, 40);
        EXPECT_EQ(b.info.last_offset, 42);
        ASSERT_EQ(b.records.size(), std::size_t{3});
        EXPECT_EQ(b.records[0].offset, 40);
        EXPECT_EQ(b.records[2].offset, 42);
        EXPECT_EQ(b.records[1].timestamp, 200);
        EXPECT_EQ(text_of(*b.key(b.records[1])), std::string("b"));

        DecodeOptions opt;
        opt.min_offset = 41;
        EXPECT_EQ(decode_records(wrapper, opt).record_count(), std::size_t{2});
    }
}

TEST_CASE(log_append_time_wrapper_overrides_inner_timestamps) {
    const Bytes inner = concat({legacy_message(0, 1, 0, 100, std::nullopt, bytes_of("x")),
                                legacy_message(1, 1, 0, 200, std::nullopt, bytes_of("y"))});
    auto packed = compress(Compression::gzip, inner);
    ASSERT_TRUE(packed.ok());
    const Bytes wrapper = legacy_message(9, 1, 0x08 | 1, 5555, std::nullopt, *packed);
    const auto result = decode_records(wrapper);
    ASSERT_TRUE(result.ok());
    for (const auto& v : result.batches[0].records) EXPECT_EQ(v.timestamp, 5555);
}

TEST_CASE(compressed_v0_wrapper_keeps_absolute_offsets) {
    const Bytes inner = concat({legacy_message(10, 0, 0, 0, std::nullopt, bytes_of("p")),
                                legacy_message(11, 0, 0, 0, std::nullopt, bytes_of("q"))});
    auto packed = compress(Compression::lz4, inner);
    ASSERT_TRUE(packed.ok());
    const auto result = decode_records(legacy_message(11, 0, 3, 0, std::nullopt, *packed));
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.batches[0].records[0].offset, 10);
    EXPECT_EQ(result.batches[0].records[1].offset, 11);
}

TEST_CASE(legacy_crc_and_nesting_errors) {
    Bytes msg = legacy_message(3, 1, 0, 1, bytes_of("k"), bytes_of("v"));
    msg.back() ^= 1;
    const auto bad = decode_records(msg);
    ASSERT_TRUE(!(bad.ok()));
    EXPECT_TRUE(bad.error.message.find("offset 3") != std::string::npos);

    auto inner_packed = compress(Compression::gzip, legacy_message(0, 1, 0, 1, std::nullopt, bytes_of("z")));
    ASSERT_TRUE(inner_packed.ok());
    const Bytes nested_inner = legacy_message(0, 1, 1, 1, std::nullopt, *inner_packed);
    auto outer = compress(Compression::gzip, nested_inner);
    ASSERT_TRUE(outer.ok());
    EXPECT_FALSE(decode_records(legacy_message(0, 1, 1, 1, std::nullopt, *outer)).ok());
}

TEST_CASE(mixed_legacy_and_v2_with_truncation) {
    Record r;
    r.value = bytes_of("modern");
    BatchOptions o;
    o.base_offset = 2;
    auto v2 = write_record_batch(std::span(&r, 1), o);
    ASSERT_TRUE(v2.ok());
    const Bytes blob = concat({legacy_message(0, 0, 0, 0, std::nullopt, bytes_of("old")),
                               legacy_message(1, 1, 0, 7, std::nullopt, bytes_of("older")), *v2,
                               legacy_message(3, 1, 0, 8, std::nullopt, bytes_of("tail"))});
    for (std::size_t cut = 0; cut <= blob.size(); ++cut) {
        const auto result = decode_records(std::span(blob).first(cut));
        EXPECT_TRUE(result.ok());
    }
    const auto result = decode_records(blob);
    EXPECT_EQ(result.record_count(), std::size_t{4});
    EXPECT_EQ(text_of(*all_records(result)[2].value), std::string("modern"));
}
