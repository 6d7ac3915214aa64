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

std::unique_ptr<Engine> make_engine() {
    auto engine = Engine::create({sandbox_bootstrap(), "consumer-test", 2000ms, 5000ms});
    ASSERT_TRUE(engine.ok());
    return std::move(engine).value();
}

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
