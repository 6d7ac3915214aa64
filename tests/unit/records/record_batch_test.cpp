// Record batch v2 writer and reader: round trips for every codec, null vs
// empty, headers, large values, CRC and truncation handling, control batches.

#include <algorithm>

#include "protocol/crc32c.h"
#include "records/record_batch_reader.h"
#include "records/record_batch_writer.h"
#include "records_test_util.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::records;
using kafkascope::test::all_records;
using kafkascope::test::bytes_of;

namespace {

constexpr Compression kCodecs[] = {Compression::none, Compression::gzip, Compression::snappy,
                                   Compression::lz4, Compression::zstd};

std::vector<Record> sample_records(std::size_t n) {
    std::vector<Record> out;
    for (std::size_t i = 0; i < n; ++i) {
        Record r;
        r.key = bytes_of("key-" + std::to_string(i));
        r.value = bytes_of("value number " + std::to_string(i));
        r.timestamp_ms = 1795494669655 + static_cast<std::int64_t>(i % 7) - 3;  // not monotonic
        if (i % 3 == 0) r.headers.push_back({"source", bytes_of("test")});
        if (i % 5 == 0) r.headers.push_back({"nullhdr", std::nullopt});
        out.push_back(std::move(r));
    }
    return out;
}

Bytes write_ok(std::span<const Record> recs, const BatchOptions& o = {}) {
    auto b = write_record_batch(recs, o);
    if (!b.ok()) throw std::runtime_error(b.error().message);
    return std::move(b).value();
}

}  // namespace

TEST_CASE(round_trip_every_codec) {
    const auto recs = sample_records(50);
    for (Compression c : kCodecs) {
        BatchOptions o;
        o.compression = c;
        o.base_offset = 1000;
        const Bytes wire = write_ok(recs, o);
        const auto result = decode_records(wire);
        ASSERT_TRUE(result.ok());
        ASSERT_EQ(result.batches.size(), std::size_t{1});
        const auto& b = result.batches[0];
        EXPECT_TRUE(b.info.compression == c);
        EXPECT_EQ(b.info.base_offset, 1000);
        EXPECT_EQ(b.info.last_offset, 1049);
        EXPECT_EQ(b.info.record_count, 50);
        EXPECT_EQ(b.records[7].offset, 1007);
        EXPECT_EQ(b.info.wire_size, wire.size());
        EXPECT_EQ(result.bytes_consumed, wire.size());
        EXPECT_FALSE(result.truncated_tail);
        EXPECT_TRUE(all_records(result) == recs);
        EXPECT_EQ(b.info.max_timestamp, 1795494669655 + 3);
        // Uncompressed records point into the input buffer, not a copy.
        if (c == Compression::none) EXPECT_EQ(b.storage->size(), wire.size());
    }
}

TEST_CASE(null_and_empty_keys_and_values_differ) {
    std::vector<Record> recs(4);
    recs[0].key = std::nullopt;
    recs[0].value = std::nullopt;
    recs[1].key = Bytes{};
    recs[1].value = Bytes{};
    recs[2].key = std::nullopt;
    recs[2].value = Bytes{};
    recs[3].key = Bytes{};
    recs[3].value = std::nullopt;
    recs[3].headers = {{"", Bytes{}}, {"k", std::nullopt}};
    for (Compression c : kCodecs) {
        BatchOptions o;
        o.compression = c;
        const auto result = decode_records(write_ok(recs, o));
        ASSERT_TRUE(result.ok());
        EXPECT_TRUE(all_records(result) == recs);
        const auto& b = result.batches[0];
        EXPECT_FALSE(b.key(b.records[0]).has_value());
        EXPECT_TRUE(b.key(b.records[1]).has_value());
        EXPECT_EQ(b.records[1].key_length, 0);
        EXPECT_EQ(b.records[0].key_length, -1);
    }
}

TEST_CASE(batch_metadata_round_trips) {
    const auto recs = sample_records(3);
    BatchOptions o;
    o.producer_id = 4185955401718148715;
    o.producer_epoch = 7;
    o.base_sequence = 42;
    o.transactional = true;
    o.partition_leader_epoch = 5;
    o.compression = Compression::zstd;
    const auto result = decode_records(write_ok(recs, o));
    ASSERT_TRUE(result.ok());
    const auto& i = result.batches[0].info;
    EXPECT_EQ(i.producer_id, o.producer_id);
    EXPECT_EQ(i.producer_epoch, 7);
    EXPECT_EQ(i.base_sequence, 42);
    EXPECT_TRUE(i.transactional);
    EXPECT_FALSE(i.control);
    EXPECT_EQ(i.partition_leader_epoch, 5);
    EXPECT_EQ(i.magic, 2);
    EXPECT_EQ(i.base_timestamp, recs[0].timestamp_ms);
}

TEST_CASE(log_append_time_uses_max_timestamp) {
    auto recs = sample_records(4);
    BatchOptions o;
    o.timestamp_type = TimestampType::log_append_time;
    const auto result = decode_records(write_ok(recs, o));
    ASSERT_TRUE(result.ok());
    const auto& b = result.batches[0];
    EXPECT_TRUE(b.info.timestamp_type == TimestampType::log_append_time);
    for (const auto& v : b.records) EXPECT_EQ(v.timestamp, b.info.max_timestamp);
}

TEST_CASE(many_records_and_a_five_megabyte_value) {
    const auto many = sample_records(20000);
    for (Compression c : {Compression::none, Compression::lz4}) {
        BatchOptions o;
        o.compression = c;
        const auto result = decode_records(write_ok(many, o));
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result.record_count(), std::size_t{20000});
        EXPECT_TRUE(all_records(result) == many);
    }
    Record big;
    big.key = bytes_of("big");
    big.value = Bytes(5u << 20, 0);
    for (std::size_t i = 0; i < big.value->size(); ++i)
        (*big.value)[i] = static_cast<std::uint8_t>((i * 131) ^ (i >> 9));
    for (Compression c : kCodecs) {
        BatchOptions o;
        o.compression = c;
        const auto result = decode_records(write_ok(std::span(&big, 1), o));
        ASSERT_TRUE(result.ok());
        ASSERT_EQ(result.record_count(), std::size_t{1});
        EXPECT_TRUE(all_records(result)[0] == big);
    }
}

TEST_CASE(record_size_helpers) {
    const auto recs = sample_records(10);
    std::size_t sum = 0;
    for (std::size_t i = 0; i < recs.size(); ++i)
        sum += encoded_record_size(recs[i], recs[i].timestamp_ms - recs[0].timestamp_ms,
                                   static_cast<std::int32_t>(i));
    EXPECT_EQ(write_ok(recs).size(), kRecordBatchHeaderSize + sum);
    Record r;
    r.key = bytes_of("abc");
    r.value = bytes_of("hello");
    EXPECT_EQ(kafka_go_message_size(r), std::size_t{4 + 1 + 1 + 8 + 4 + 3 + 4 + 5});
    EXPECT_FALSE(write_record_batch({}, BatchOptions{}).ok());
}

TEST_CASE(crc_mismatch_names_the_batch) {
    BatchOptions o;
    o.base_offset = 777;
    Bytes wire = write_ok(sample_records(5), o);
    wire[wire.size() - 3] ^= 0x01;  // inside the last record
    const auto result = decode_records(wire);
    ASSERT_TRUE(!(result.ok()));
    EXPECT_TRUE(result.batches.empty());
    EXPECT_TRUE(result.error.message.find("offset 777") != std::string::npos);
    EXPECT_TRUE(result.error.message.find("CRC mismatch") != std::string::npos);
    DecodeOptions no_crc;
    no_crc.verify_crc = false;
    EXPECT_TRUE(decode_records(wire, no_crc).ok());
}

TEST_CASE(several_batches_and_a_truncated_tail) {
    Bytes blob;
    std::vector<std::size_t> ends;
    for (int i = 0; i < 3; ++i) {
        BatchOptions o;
        o.base_offset = i * 10;
        o.compression = kCodecs[i + 1];
        const Bytes b = write_ok(sample_records(10), o);
        blob.insert(blob.end(), b.begin(), b.end());
        ends.push_back(blob.size());
    }
    // Every cut: complete batches decode, the partial one is skipped quietly.
    for (std::size_t cut = 0; cut <= blob.size(); ++cut) {
        const auto result = decode_records(std::span(blob).first(cut));
        ASSERT_TRUE(result.ok());
        const auto complete = static_cast<std::size_t>(
            std::count_if(ends.begin(), ends.end(), [&](std::size_t e) { return e <= cut; }));
        EXPECT_EQ(result.batches.size(), complete);
        EXPECT_EQ(result.truncated_tail, cut != 0 && std::find(ends.begin(), ends.end(), cut) == ends.end());
        EXPECT_EQ(result.bytes_consumed, complete ? ends[complete - 1] : 0);
    }
}

TEST_CASE(truncated_or_damaged_batches_never_crash) {
    BatchOptions o;
    o.compression = Compression::none;
    const Bytes wire = write_ok(sample_records(8), o);
    // Shrink batchLength to every smaller value: a short but "complete" batch.
    for (std::int32_t len = -2; len < static_cast<std::int32_t>(wire.size() - 12); ++len) {
        Bytes b(wire.begin(), wire.begin() + 12 + std::max(len, 0));
        for (int i = 0; i < 4; ++i) b[8 + i] = static_cast<std::uint8_t>(static_cast<std::uint32_t>(len) >> (24 - 8 * i));
        DecodeOptions no_crc;
        no_crc.verify_crc = false;
        const auto result = decode_records(b, no_crc);
        EXPECT_TRUE(!result.ok() || result.truncated_tail || result.batches.size() == 1);
    }
    // Flip each byte (CRC off, so the parser sees the damage).
    DecodeOptions no_crc;
    no_crc.verify_crc = false;
    for (std::size_t i = 0; i < wire.size(); ++i) {
        Bytes b = wire;
        b[i] ^= 0xff;
        (void)decode_records(b, no_crc);
    }
}

TEST_CASE(min_offset_skips_records_and_batches) {
    Bytes blob;
    for (int i = 0; i < 3; ++i) {
        BatchOptions o;
        o.base_offset = i * 10;
        o.compression = Compression::gzip;
        const Bytes b = write_ok(sample_records(10), o);
        blob.insert(blob.end(), b.begin(), b.end());
    }
    DecodeOptions opt;
    opt.min_offset = 15;
    const auto result = decode_records(blob, opt);
    ASSERT_TRUE(result.ok());
    ASSERT_EQ(result.batches.size(), std::size_t{2});
    EXPECT_EQ(result.batches[0].records.front().offset, 15);
    EXPECT_EQ(result.record_count(), std::size_t{15});
    EXPECT_EQ(result.bytes_consumed, blob.size());
}

TEST_CASE(control_batches_decode_as_markers) {
    Record marker;
    marker.key = Bytes{0, 0, 0, 1};              // version 0, type 1 = commit
    marker.value = Bytes{0, 0, 0, 0, 0, 5};      // version 0, coordinator epoch 5
    BatchOptions o;
    o.control = true;
    o.transactional = true;
    o.base_offset = 99;
    const auto result = decode_records(write_ok(std::span(&marker, 1), o));
    ASSERT_TRUE(result.ok());
    const auto& b = result.batches[0];
    EXPECT_TRUE(b.info.control);
    ASSERT_TRUE(b.control.has_value());
    EXPECT_TRUE(b.control->type == ControlType::commit);
    EXPECT_EQ(b.control->coordinator_epoch, 5);
    marker.key = Bytes{0, 0, 0, 0};
    const auto abort = decode_records(write_ok(std::span(&marker, 1), o));
    ASSERT_TRUE(abort.ok());
    EXPECT_TRUE(abort.batches[0].control->type == ControlType::abort);
}

TEST_CASE(unknown_magic_and_codec_are_errors) {
    Bytes wire = write_ok(sample_records(2));
    wire[16] = 7;
    EXPECT_FALSE(decode_records(wire).ok());
    wire = write_ok(sample_records(2));
    wire[22] |= 0x07;  // attributes low byte: codec 7
    const std::uint32_t crc = protocol::crc32c(std::span(wire).subspan(21));
    for (int i = 0; i < 4; ++i) wire[17 + i] = static_cast<std::uint8_t>(crc >> (24 - 8 * i));
    const auto result = decode_records(wire);
    ASSERT_TRUE(!(result.ok()));
    EXPECT_TRUE(result.error.message.find("compression") != std::string::npos);
}

TEST_CASE(decompression_limit_applies_per_batch) {
    Record r;
    r.value = Bytes(4u << 20, 'a');
    BatchOptions o;
    o.compression = Compression::zstd;
    DecodeOptions opt;
    opt.max_decompressed_bytes = 1u << 20;
    const auto result = decode_records(write_ok(std::span(&r, 1), o), opt);
    ASSERT_TRUE(!(result.ok()));
    EXPECT_TRUE(result.error.message.find("limit") != std::string::npos);
}
