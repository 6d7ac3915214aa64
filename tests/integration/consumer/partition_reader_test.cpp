// PartitionReader and the partition helpers against the sandbox: messages
// written by the engine's Writer in every codec read back from first, from
// an absolute offset (inside a compressed batch) and from last; lag; close
// unblocking a waiting fetch; OFFSET_OUT_OF_RANGE; seek arithmetic.

#include <future>
#include <thread>

#include "consumer/partition_reader.h"
#include "engine.h"
#include "producer/writer.h"
#include "protocol/kafka_error.h"
#include "sandbox_control.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<Engine> make_engine() { return sandbox_engine("consumer-test", 5000ms); }

std::string text(const std::optional<protocol::Bytes>& b) { return b ? std::string(b->begin(), b->end()) : "<null>"; }
protocol::Bytes bytes(const std::string& s) { return protocol::Bytes(s.begin(), s.end()); }

// Writes n messages "k<i>" / "v<i>" (one batch) with header h=<i>.
void produce(Engine& engine, const std::string& topic, int from, int n,
             records::Compression codec = records::Compression::none) {
    producer::WriterConfig c;
    c.topic = topic;
    c.compression = codec;
    auto writer = engine.create_writer(c);
    ASSERT_TRUE(writer.ok());
    std::vector<producer::Message> messages;
    for (int i = from; i < from + n; ++i) {
        producer::Message m;
        m.key = bytes("k" + std::to_string(i));
        m.value = bytes("v" + std::to_string(i) + std::string(30, 'x'));
        m.headers.push_back({"h", bytes(std::to_string(i))});
        m.timestamp_ms = 1'700'000'000'000 + i;
        messages.push_back(std::move(m));
    }
    for (const auto& r : (*writer)->write_sync(std::move(messages))) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        ASSERT_TRUE(!r.error);
    }
}

std::shared_ptr<consumer::PartitionReader> make_reader(Engine& engine, const std::string& topic,
                                                       std::int64_t start, std::size_t capacity = 100) {
    consumer::PartitionReaderConfig c;
    c.topic = topic;
    c.start_offset = start;
    c.max_wait = 200ms;
    c.queue_capacity = capacity;
    auto reader = engine.create_partition_reader(c);
    ASSERT_TRUE(reader.ok());
    return std::move(reader).value();
}

// Reads message i and checks it is the one produce() wrote.
void expect_message(consumer::PartitionReader& reader, int i) {
    auto m = reader.fetch_message_sync(5s);
    if (!m) report_failure(__FILE__, __LINE__, m.error().message);
    ASSERT_TRUE(m.ok());
    EXPECT_EQ(m->offset, std::int64_t{i});
    EXPECT_EQ(text(m->key), "k" + std::to_string(i));
    EXPECT_EQ(text(m->value), "v" + std::to_string(i) + std::string(30, 'x'));
    ASSERT_EQ(m->headers.size(), std::size_t{1});
    EXPECT_EQ(m->headers[0].key, std::string("h"));
    EXPECT_EQ(text(m->headers[0].value), std::to_string(i));
    EXPECT_EQ(m->timestamp_ms, std::int64_t{1'700'000'000'000 + i});
}

void read_codec(records::Compression codec) {
    const std::string topic = "reads_" + std::string(records::compression_name(codec));
    auto engine = make_engine();
    produce(*engine, topic, 0, 40, codec);
    produce(*engine, topic, 40, 10, codec);  // a second batch
    auto reader = make_reader(*engine, topic, consumer::first_offset);
    for (int i = 0; i < 50; ++i) expect_message(*reader, i);
    EXPECT_EQ(reader->offset(), std::int64_t{50});
    EXPECT_EQ(reader->lag(), std::int64_t{0});
    const auto stats = reader->stats();
    EXPECT_EQ(stats.messages, std::int64_t{50});
    EXPECT_TRUE(stats.fetches >= 1 && stats.dials >= 1);
    EXPECT_EQ(stats.errors, std::int64_t{0});
    EXPECT_EQ(stats.queue_capacity, std::int64_t{100});
    EXPECT_TRUE(stats.fetch_bytes.max > 0 && stats.fetch_size.max >= 10);
    reader->close();
}

}  // namespace

TEST_CASE(reads_none) { read_codec(records::Compression::none); }
TEST_CASE(reads_gzip) { read_codec(records::Compression::gzip); }
TEST_CASE(reads_snappy) { read_codec(records::Compression::snappy); }
TEST_CASE(reads_lz4) { read_codec(records::Compression::lz4); }
TEST_CASE(reads_zstd) { read_codec(records::Compression::zstd); }

TEST_CASE(absolute_offset_inside_a_compressed_batch_skips_the_earlier_records) {
    auto engine = make_engine();
    produce(*engine, "absolute", 0, 30, records::Compression::zstd);
    auto reader = make_reader(*engine, "absolute", 17);
    for (int i = 17; i < 30; ++i) expect_message(*reader, i);
    reader->set_offset(3);  // drops the queue; reading restarts there
    expect_message(*reader, 3);
    reader->close();
}

TEST_CASE(from_last_reads_only_new_messages) {
    auto engine = make_engine();
    produce(*engine, "tail", 0, 10);
    auto reader = make_reader(*engine, "tail", consumer::last_offset);
    auto none = reader->fetch_message_sync(500ms);
    EXPECT_TRUE(!none.ok() && none.error().code == make_error_code(client_errc::request_timeout));
    EXPECT_EQ(reader->offset(), std::int64_t{10});
    produce(*engine, "tail", 10, 5);
    for (int i = 10; i < 15; ++i) expect_message(*reader, i);
    reader->close();
}

TEST_CASE(lag_is_high_watermark_minus_offset) {
    auto engine = make_engine();
    produce(*engine, "lag", 0, 20);
    auto reader = make_reader(*engine, "lag", consumer::first_offset, 5);
    for (int i = 0; i < 3; ++i) expect_message(*reader, i);
    EXPECT_EQ(reader->offset(), std::int64_t{3});
    EXPECT_EQ(reader->lag(), std::int64_t{17});
    auto read_lag = reader->read_lag_sync();
    ASSERT_TRUE(read_lag.ok());
    EXPECT_EQ(*read_lag, std::int64_t{17});
    EXPECT_EQ(reader->stats().lag, std::int64_t{17});
    reader->close();
}

TEST_CASE(close_returns_end_of_stream_to_a_waiting_fetch) {
    auto engine = make_engine();
    auto reader = make_reader(*engine, "idle", consumer::first_offset);
    auto waiting = std::async(std::launch::async, [&] { return reader->fetch_message_sync(); });
    std::this_thread::sleep_for(300ms);
    reader->close();
    ASSERT_TRUE(waiting.wait_for(2s) == std::future_status::ready);
    auto r = waiting.get();
    EXPECT_TRUE(!r.ok() && consumer::is_end_of_stream(r.error()));
    auto later = reader->fetch_message_sync(1s);
    EXPECT_TRUE(!later.ok() && consumer::is_end_of_stream(later.error()));
}

TEST_CASE(a_bad_absolute_offset_fails_with_offset_out_of_range) {
    auto engine = make_engine();
    produce(*engine, "range", 0, 5);
    auto reader = make_reader(*engine, "range", 1000);
    auto r = reader->fetch_message_sync(5s);
    ASSERT_TRUE(!r.ok());
    EXPECT_TRUE(r.error().code == protocol::make_kafka_error_code(1));
    EXPECT_TRUE(r.error().message.find("OFFSET_OUT_OF_RANGE") != std::string::npos);
    EXPECT_TRUE(r.error().message.find("range/0 at offset 1000") != std::string::npos);
    EXPECT_TRUE(reader->stats().errors >= 1);
    reader->set_offset(consumer::first_offset);  // clears the error
    expect_message(*reader, 0);
    reader->close();
}

TEST_CASE(partition_bounds_and_seek_follow_kafka_go) {
    auto engine = make_engine();
    produce(*engine, "range", 5, 5);  // the partition now holds [0, 10)
    auto bounds = engine->partition_bounds_sync("range", 0);
    ASSERT_TRUE(bounds.ok());
    EXPECT_EQ(bounds->first, std::int64_t{0});
    EXPECT_EQ(bounds->last, std::int64_t{10});
    using namespace consumer;
    // Named results: comparing *temporary Results trips -Wmaybe-uninitialized.
    auto seek = [&](std::int64_t current, std::int64_t offset, int whence) {
        auto r = engine->seek_sync("range", 0, current, offset, whence);
        if (!r) report_failure(__FILE__, __LINE__, r.error().message);
        return r.ok() ? r.value() : std::int64_t{-999};
    };
    EXPECT_EQ(seek(5, 3, seek_start), std::int64_t{3});
    EXPECT_EQ(seek(5, 0, seek_end), std::int64_t{10});
    EXPECT_EQ(seek(5, 2, seek_end), std::int64_t{8});
    EXPECT_EQ(seek(5, -5, seek_current), std::int64_t{0});
    EXPECT_EQ(seek(5, 1000, seek_absolute | seek_dont_check), std::int64_t{1000});
    auto bad = engine->seek_sync("range", 0, 5, 11, seek_absolute);
    EXPECT_TRUE(!bad.ok() && bad.error().code == protocol::make_kafka_error_code(1));
    auto missing = engine->partition_bounds_sync("range", 7);
    EXPECT_TRUE(!missing.ok());
}

TEST_CASE(set_offset_at_a_time_later_than_every_message_moves_to_the_end) {
    // The mock answers -1 to every lookup by time, which is also what Kafka
    // answers for a time later than every message: kafka-go's SetOffsetAt
    // then calls SetOffset(-1), i.e. LastOffset. (Real answers are tested
    // against recorded frames in tests/unit/consumer/offset_at_time_test.cpp.)
    auto engine = make_engine();
    produce(*engine, "timed", 0, 5);
    const auto future = std::chrono::system_clock::now() + std::chrono::hours(24);
    const auto future_ms = std::chrono::duration_cast<std::chrono::milliseconds>(future.time_since_epoch()).count();
    auto at = engine->partition_offset_at_sync("timed", 0, future_ms);
    if (!at) report_failure(__FILE__, __LINE__, at.error().message);
    ASSERT_TRUE(at.ok());
    EXPECT_FALSE(at->found());
    EXPECT_EQ(at->offset, std::int64_t{-1});

    auto reader = make_reader(*engine, "timed", consumer::first_offset);
    expect_message(*reader, 0);
    auto moved = reader->set_offset_at_sync(future);
    ASSERT_TRUE(moved.ok());
    EXPECT_FALSE(moved->found());
    // The symbolic last offset resolves to the high watermark, and the
    // messages before it are not handed out again.
    auto none = reader->fetch_message_sync(500ms);
    EXPECT_TRUE(!none.ok() && none.error().code == make_error_code(client_errc::request_timeout));
    EXPECT_EQ(reader->offset(), std::int64_t{5});
    produce(*engine, "timed", 5, 2);
    expect_message(*reader, 5);
    expect_message(*reader, 6);

    auto missing = engine->partition_offset_at_sync("timed", 3, 0);
    EXPECT_TRUE(!missing.ok() && missing.error().message.find("timed/3") != std::string::npos);
    reader->close();
    auto closed = reader->set_offset_at_sync(future);
    EXPECT_TRUE(!closed.ok() && consumer::is_end_of_stream(closed.error()));
}

TEST_CASE(seek_table_against_a_partition_with_known_bounds) {
    // Every whence of kafka-go's Conn.Seek on a partition holding [0, 12),
    // through the engine (bounds looked up from the leader when needed).
    auto engine = make_engine();
    produce(*engine, "seek_table", 0, 12);
    using namespace consumer;
    struct Row {
        std::int64_t current, offset;
        int whence;
        std::int64_t want;  // -100: OFFSET_OUT_OF_RANGE
    };
    const Row rows[] = {
        {4, 0, seek_start, 0},     {4, 12, seek_start, 12},   {4, 13, seek_start, -100},
        {4, -1, seek_start, -100}, {4, 7, seek_absolute, 7},  {4, 12, seek_absolute, 12},
        {4, 13, seek_absolute, -100}, {4, -1, seek_absolute, -100}, {4, 4, seek_absolute, 4},
        {4, 0, seek_end, 12},      {4, 12, seek_end, 0},      {4, 13, seek_end, -100},
        {4, -1, seek_end, -100},   {4, 8, seek_current, 12},  {4, -4, seek_current, 0},
        {4, 9, seek_current, -100}, {4, -5, seek_current, -100},
        {4, 500, seek_absolute | seek_dont_check, 500}, {4, -10, seek_current | seek_dont_check, -6},
        {4, 13, seek_end | seek_dont_check, -100},
    };
    for (const Row& r : rows) {
        auto got = engine->seek_sync("seek_table", 0, r.current, r.offset, r.whence);
        if (r.want == -100) {
            ASSERT_TRUE(!got.ok());
            EXPECT_TRUE(got.error().code == protocol::make_kafka_error_code(1));
            EXPECT_TRUE(got.error().message.find("[0, 12]") != std::string::npos);
        } else {
            if (!got) report_failure(__FILE__, __LINE__, got.error().message);
            ASSERT_TRUE(got.ok());
            EXPECT_EQ(*got, r.want);
        }
    }
    auto bad_whence = engine->seek_sync("seek_table", 0, 0, 0, 7);
    EXPECT_TRUE(!bad_whence.ok() && bad_whence.error().code == make_error_code(client_errc::invalid_argument));
}

TEST_CASE(stats_carry_every_kafka_go_field) {
    auto engine = make_engine();
    produce(*engine, "stats", 0, 20);
    consumer::PartitionReaderConfig c;
    c.topic = "stats";
    c.max_wait = 200ms;
    c.min_bytes = 1;
    c.max_bytes = 500'000;
    c.queue_capacity = 7;
    auto created = engine->create_partition_reader(c);
    ASSERT_TRUE(created.ok());
    auto reader = std::move(created).value();
    for (int i = 0; i < 20; ++i) expect_message(*reader, i);
    const auto s = reader->stats();
    EXPECT_EQ(s.client_id, std::string("consumer-test"));
    EXPECT_EQ(s.topic, std::string("stats"));
    EXPECT_EQ(s.partition, 0);
    EXPECT_EQ(s.min_bytes, 1);
    EXPECT_EQ(s.max_bytes, 500'000);
    EXPECT_EQ(s.max_wait.count(), std::int64_t{200});
    EXPECT_EQ(s.queue_capacity, std::int64_t{7});
    EXPECT_TRUE(s.queue_length >= 0 && s.queue_length <= 7 + 20);
    EXPECT_EQ(s.messages, std::int64_t{20});
    // keys "k0".."k19": 50 bytes; values "v<i>" + 30 x: 650 bytes.
    EXPECT_EQ(s.bytes, std::int64_t{50 + 650});
    EXPECT_EQ(s.rebalances, std::int64_t{0});  // no group
    EXPECT_EQ(s.offset, std::int64_t{20});
    EXPECT_EQ(s.lag, std::int64_t{0});
    EXPECT_TRUE(s.dials >= 1 && s.dial_time.count == s.dials && s.dial_time.max > 0);
    EXPECT_TRUE(s.fetches >= 1);
    // One wait and one read sample per answered fetch, like fetch_size/bytes.
    EXPECT_EQ(s.wait_time.count, s.fetches);
    EXPECT_EQ(s.read_time.count, s.fetches);
    EXPECT_EQ(s.fetch_size.count, s.fetches);
    EXPECT_TRUE(s.wait_time.max > 0 && s.wait_time.min <= s.wait_time.avg() && s.wait_time.avg() <= s.wait_time.max);
    EXPECT_EQ(s.errors, std::int64_t{0});
    EXPECT_EQ(s.timeouts, std::int64_t{0});
    reader->close();
}
