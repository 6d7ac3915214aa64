// MessageStore, ViewOrder and MessageFilter over record batches encoded by
// our own batch writer (no broker): rows point into the decoded buffers,
// headers and nulls survive, a concurrent reader never sees a torn row, the
// merged order is (timestamp, partition, offset), and filters select exactly
// the rows they should.

#include <atomic>
#include <string>
#include <thread>

#include "browse/message_filter.h"
#include "browse/message_store.h"
#include "browse/text_encoding.h"
#include "browse/view_order.h"
#include "records/record_batch_writer.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::browse;

namespace {

records::Bytes bytes(const std::string& s) { return records::Bytes(s.begin(), s.end()); }
std::string text(const std::optional<ByteSpan>& s) { return s ? std::string(as_text(*s)) : "<null>"; }

// Records "k<i>"/"value-<i>" with header n=<i> and timestamp ts(i); key null
// for i % 5 == 4, value empty for i % 7 == 6.
records::DecodedBatch batch(std::int64_t base_offset, int first, int count, records::Compression codec,
                            std::int64_t (*ts)(int)) {
    std::vector<records::Record> recs;
    for (int i = first; i < first + count; ++i) {
        records::Record r;
        if (i % 5 != 4) r.key = bytes("k" + std::to_string(i));
        r.value = bytes(i % 7 == 6 ? "" : "value-" + std::to_string(i));
        r.headers.push_back({"n", bytes(std::to_string(i))});
        r.timestamp_ms = ts(i);
        recs.push_back(std::move(r));
    }
    records::BatchOptions options;
    options.compression = codec;
    options.base_offset = base_offset;
    auto encoded = records::write_record_batch(recs, options);
    ASSERT_TRUE(encoded.ok());
    auto decoded = records::decode_records(*encoded);
    ASSERT_TRUE(decoded.ok());
    ASSERT_EQ(decoded.batches.size(), std::size_t{1});
    return std::move(decoded.batches.front());
}

std::int64_t rising(int i) { return 1'000 + i; }

}  // namespace

TEST_CASE(rows_point_into_the_batches_and_keep_nulls_empties_and_headers) {
    MessageStore store;
    for (auto codec : {records::Compression::none, records::Compression::lz4}) {
        const int first = codec == records::Compression::none ? 0 : 20;
        auto b = batch(first, first, 20, codec, rising);
        EXPECT_EQ(store.append(b, 3), std::size_t{20});
    }
    ASSERT_EQ(store.size(), std::size_t{40});
    for (int i = 0; i < 40; ++i) {
        const MessageRef m = store.ref(static_cast<std::size_t>(i));
        EXPECT_EQ(m.partition, 3);
        EXPECT_EQ(m.offset, std::int64_t{i});
        EXPECT_EQ(m.timestamp, rising(i));
        EXPECT_EQ(text(m.key), i % 5 == 4 ? std::string("<null>") : "k" + std::to_string(i));
        EXPECT_EQ(text(m.value), i % 7 == 6 ? std::string() : "value-" + std::to_string(i));
        const auto headers = m.headers();
        ASSERT_EQ(headers.size(), std::size_t{1});
        EXPECT_EQ(std::string(headers[0].key), std::string("n"));
        EXPECT_EQ(text(headers[0].value), std::to_string(i));
    }
    EXPECT_TRUE(store.chunk_bytes() > 0);
}

TEST_CASE(keep_predicate_stores_only_accepted_records) {
    MessageStore store;
    auto b = batch(0, 0, 30, records::Compression::zstd, rising);
    const auto kept = store.append(b, 0, [](const MessageRef& m) { return m.offset % 3 == 0; });
    EXPECT_EQ(kept, std::size_t{10});
    for (std::size_t i = 0; i < store.size(); ++i) EXPECT_EQ(store.row(i).offset, std::int64_t(i * 3));
}

TEST_CASE(a_reader_thread_never_sees_a_torn_row_while_the_writer_appends) {
    MessageStore store;
    std::atomic<bool> done{false};
    std::atomic<int> bad{0};
    std::thread reader([&] {
        while (!done.load()) {
            const std::size_t n = store.size();
            for (std::size_t i = n > 200 ? n - 200 : 0; i < n; ++i) {
                const MessageRef m = store.ref(i);
                if (text(m.value) != (m.offset % 7 == 6 ? std::string() : "value-" + std::to_string(m.offset))) ++bad;
            }
        }
    });
    // 2,000 batches of 100: crosses several row segments (65,536 rows each).
    for (int b = 0; b < 2000; ++b) {
        auto decoded = batch(b * 100, b * 100, 100, records::Compression::none, rising);
        store.append(decoded, 0);
    }
    done = true;
    reader.join();
    EXPECT_EQ(store.size(), std::size_t{200'000});
    EXPECT_EQ(bad.load(), 0);
}

namespace {
// Timestamps that make partitions interleave: partition p, index i -> 10*i + p.
std::int64_t ts_p0(int i) { return 10 * i + 0; }
std::int64_t ts_p1(int i) { return 10 * i + 1; }
std::int64_t same(int) { return 500; }
}  // namespace

TEST_CASE(view_order_merges_partitions_by_timestamp_then_partition_then_offset) {
    MessageStore store;
    ViewOrder order(OrderBy::time);
    auto b1 = batch(0, 0, 10, records::Compression::none, ts_p1);
    store.append(b1, 1);
    EXPECT_TRUE(order.add(store, 0, store.size()));
    auto b0 = batch(0, 0, 10, records::Compression::none, ts_p0);
    store.append(b0, 0);
    EXPECT_FALSE(order.add(store, 10, store.size()));  // interleaves: a merge, not an append
    ASSERT_EQ(order.size(), std::size_t{20});
    for (std::size_t i = 0; i < 20; ++i) {
        const MessageRow& r = store.row(order.at(i));
        EXPECT_EQ(r.timestamp, std::int64_t(10 * (i / 2) + i % 2));
    }
    // Equal timestamps: partition, then offset.
    auto b2 = batch(100, 0, 3, records::Compression::none, same);
    auto b3 = batch(200, 0, 3, records::Compression::none, same);
    const std::size_t before = store.size();
    store.append(b3, 0);
    store.append(b2, 2);
    EXPECT_TRUE(order.add(store, before, store.size()));
    const MessageRow& first_same = store.row(order.at(20));
    EXPECT_EQ(first_same.partition, 0);
    EXPECT_EQ(first_same.offset, std::int64_t{200});
    EXPECT_EQ(store.row(order.at(25)).offset, std::int64_t{102});

    ViewOrder by_offset(OrderBy::partition_offset);
    by_offset.add(store, 0, store.size());
    EXPECT_EQ(store.row(by_offset.at(0)).partition, 0);
    EXPECT_EQ(store.row(by_offset.at(0)).offset, std::int64_t{0});
}

namespace {

std::vector<std::int64_t> matching_offsets(const MessageStore& store, FilterSpec spec) {
    auto filter = MessageFilter::compile(std::move(spec));
    ASSERT_TRUE(filter.ok());
    std::vector<std::uint32_t> all(store.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    std::vector<std::int64_t> out;
    std::atomic<bool> cancel{false};
    int chunks = 0;
    run_filter(store, all, *filter, cancel, [&](std::vector<std::uint32_t>&& m, const FilterProgress&) {
        ++chunks;
        for (auto i : m) out.push_back(store.row(i).offset);
    }, 7);
    EXPECT_EQ(chunks, static_cast<int>((all.size() + 6) / 7));
    return out;
}

}  // namespace

TEST_CASE(filters_select_by_text_field_range_and_partition) {
    MessageStore store;
    auto b = batch(0, 0, 30, records::Compression::gzip, rising);
    store.append(b, 0);
    auto b2 = batch(30, 30, 10, records::Compression::none, rising);
    store.append(b2, 1);

    FilterSpec value_only;
    value_only.text = "value-1";
    value_only.fields = filter_value;
    EXPECT_EQ(matching_offsets(store, value_only), (std::vector<std::int64_t>{1, 10, 11, 12, 14, 15, 16, 17, 18, 19}));

    FilterSpec key_ci;
    key_ci.text = "K2";
    key_ci.case_sensitive = false;
    key_ci.fields = filter_key;
    EXPECT_EQ(matching_offsets(store, key_ci), (std::vector<std::int64_t>{2, 20, 21, 22, 23, 25, 26, 27, 28}));

    FilterSpec header;
    header.text = "^3[3-5]$";
    header.regex = true;
    header.fields = filter_headers;
    EXPECT_EQ(matching_offsets(store, header), (std::vector<std::int64_t>{33, 34, 35}));

    FilterSpec ranges;
    ranges.min_offset = 5;
    ranges.max_offset = 35;
    ranges.partition = 1;
    ranges.max_time = rising(33);
    EXPECT_EQ(matching_offsets(store, ranges), (std::vector<std::int64_t>{30, 31, 32, 33}));

    FilterSpec bad;
    bad.text = "([unclosed";
    bad.regex = true;
    auto compiled = MessageFilter::compile(bad);
    ASSERT_TRUE(!compiled.ok());
    EXPECT_TRUE(compiled.error().message.find("([unclosed") != std::string::npos);
}

TEST_CASE(a_cancelled_filter_stops_between_chunks) {
    MessageStore store;
    auto b = batch(0, 0, 100, records::Compression::none, rising);
    store.append(b, 0);
    std::vector<std::uint32_t> all(store.size());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    auto filter = MessageFilter::compile(FilterSpec{});
    ASSERT_TRUE(filter.ok());
    std::atomic<bool> cancel{false};
    int chunks = 0;
    const auto progress = run_filter(store, all, *filter, cancel, [&](std::vector<std::uint32_t>&&, const FilterProgress&) {
        if (++chunks == 2) cancel = true;
    }, 10);
    EXPECT_TRUE(progress.cancelled);
    EXPECT_EQ(progress.examined, std::size_t{20});
    EXPECT_EQ(progress.matched, std::size_t{20});
}

TEST_CASE(rows_survive_offset_and_timestamp_jumps_and_big_records_and_outlive_the_batch) {
    MessageStore store;
    // Offsets 2^32 apart and timestamps 2^31 ms apart do not fit one run's
    // deltas; a 600 KB value gets an allocation of its own; then small
    // records follow in the shared slab again.
    const std::string big(600'000, 'b');
    std::vector<std::pair<std::int64_t, std::int64_t>> expected;  // offset, timestamp
    std::vector<std::string> values;
    const std::int64_t offsets[] = {0, 1, std::int64_t{1} << 32, (std::int64_t{1} << 32) + 5, (std::int64_t{1} << 33)};
    const std::int64_t times[] = {1'000, -5, std::int64_t{1} << 31, 1'000, std::int64_t{1} << 40};
    for (int i = 0; i < 5; ++i) {
        records::Record r;
        r.value = bytes(i == 2 ? big : "v" + std::to_string(i));
        r.key = bytes("k" + std::to_string(i));
        r.headers.push_back({"h", bytes(std::to_string(i))});
        r.headers.push_back({"null", std::nullopt});
        r.timestamp_ms = times[i];
        records::BatchOptions options;
        options.compression = records::Compression::lz4;
        options.base_offset = offsets[i];
        const std::vector<records::Record> one{r};
        auto encoded = records::write_record_batch(one, options);
        ASSERT_TRUE(encoded.ok());
        auto decoded = records::decode_records(*encoded);
        ASSERT_TRUE(decoded.ok());
        ASSERT_EQ(decoded.batches.size(), std::size_t{1});
        EXPECT_EQ(store.append(decoded.batches.front(), 7), std::size_t{1});
        // The store keeps no reference to the decoded buffer.
        EXPECT_EQ(decoded.batches.front().storage.use_count(), long{1});
        expected.push_back({offsets[i], times[i]});
        values.push_back(i == 2 ? big : "v" + std::to_string(i));
    }
    std::size_t payload = 0;
    for (std::size_t i = 0; i < 5; ++i) {
        const MessageRow row = store.row(i);
        EXPECT_EQ(row.partition, 7);
        EXPECT_EQ(row.offset, expected[i].first);
        EXPECT_EQ(row.timestamp, expected[i].second);
        const MessageRef m = store.ref(i);
        EXPECT_EQ(m.offset, expected[i].first);
        EXPECT_EQ(text(m.key), "k" + std::to_string(i));
        EXPECT_EQ(text(m.value), values[i]);
        const auto headers = m.headers();
        ASSERT_EQ(headers.size(), std::size_t{2});
        EXPECT_EQ(text(headers[0].value), std::to_string(i));
        EXPECT_EQ(std::string(headers[1].key), std::string("null"));
        EXPECT_TRUE(!headers[1].value);
        // Only key, value and header bytes are held, no record framing.
        payload += m.size();
    }
    EXPECT_EQ(store.chunk_bytes(), payload + 5 * 2 * 2);  // plus each header's two length varints
    EXPECT_TRUE(store.slab_bytes() >= store.chunk_bytes());
}

TEST_CASE(interleaved_partitions_and_timestamp_types_keep_their_own_rows) {
    MessageStore store;
    auto p0 = batch(0, 0, 10, records::Compression::none, rising);
    auto p1 = batch(50, 50, 10, records::Compression::snappy, rising);
    for (int round = 0; round < 3; ++round) {
        store.append(p0, 0);
        store.append(p1, 1);
    }
    ASSERT_EQ(store.size(), std::size_t{60});
    for (std::size_t i = 0; i < 60; ++i) {
        const bool second = (i / 10) % 2 == 1;
        const MessageRef m = store.ref(i);
        EXPECT_EQ(m.partition, second ? 1 : 0);
        const std::int64_t offset = (second ? 50 : 0) + static_cast<std::int64_t>(i % 10);
        EXPECT_EQ(m.offset, offset);
        EXPECT_EQ(store.row(i).timestamp, rising(static_cast<int>(offset)));
        EXPECT_EQ(text(m.value), offset % 7 == 6 ? std::string() : "value-" + std::to_string(offset));
        EXPECT_TRUE(store.row(i).timestamp_type == records::TimestampType::create_time);
    }
    // Same partition, next offsets, but broker (log append) time.
    records::Record r;
    r.value = bytes("appended");
    r.timestamp_ms = 5;
    records::BatchOptions options;
    options.base_offset = 10;
    options.timestamp_type = records::TimestampType::log_append_time;
    const std::vector<records::Record> one{r};
    auto encoded = records::write_record_batch(one, options);
    ASSERT_TRUE(encoded.ok());
    auto decoded = records::decode_records(*encoded);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(store.append(decoded.batches.front(), 0), std::size_t{1});
    EXPECT_TRUE(store.row(60).timestamp_type == records::TimestampType::log_append_time);
    EXPECT_TRUE(store.ref(60).timestamp_type == records::TimestampType::log_append_time);
    EXPECT_EQ(store.row(60).offset, std::int64_t{10});
    EXPECT_EQ(store.row(60).timestamp, decoded.batches.front().records.front().timestamp);
    EXPECT_TRUE(store.row(59).timestamp_type == records::TimestampType::create_time);
}
