// Messages written by the Writer in each codec read back by kcat (librdkafka)
// with identical keys, values, headers and timestamps.

#include "unit_test.h"
#include "writer_test_support.h"

using namespace kafkascope;
using namespace kafkascope::test;

namespace {

void round_trip(records::Compression codec) {
    const std::string name(records::compression_name(codec));
    const std::string topic = "interop_" + name;
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = topic;
    c.compression = codec;
    auto writer = make_writer(*engine, c);
    const std::int64_t base_ts = 1'700'000'000'000;
    std::vector<producer::Message> messages;
    std::vector<std::string> expected;
    for (int i = 0; i < 60; ++i) {
        const std::string key = "key-" + std::to_string(i);
        // Repetitive values so every codec really compresses.
        const std::string value = "value " + std::to_string(i) + " " + name + " " + std::string(40, 'a' + i % 26);
        auto m = text_message(key, value);
        const std::string h1 = "v" + std::to_string(i);
        m.headers.push_back({"h1", protocol::Bytes(h1.begin(), h1.end())});
        m.headers.push_back({"codec", protocol::Bytes(name.begin(), name.end())});
        m.timestamp_ms = base_ts + i * 7;
        messages.push_back(std::move(m));
        expected.push_back(key + "|" + value + "|h1=" + h1 + ",codec=" + name + "|" +
                           std::to_string(base_ts + i * 7));
    }
    const auto reports = writer->write_sync(std::move(messages));
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
        // The sandbox answers LogAppendTime 1234 for every topic (a mock quirk;
        // real brokers send -1 for CreateTime topics), so the report carries
        // whatever the broker said. What kcat reads below is the stored time.
        EXPECT_TRUE(r.timestamp_ms == base_ts + static_cast<std::int64_t>(r.index) * 7 || r.timestamp_ms == 1234);
    }
    const auto stats = writer->stats_sync();
    // Compressed batches are smaller than their records (none: bigger, header).
    if (codec != records::Compression::none) EXPECT_TRUE(stats.total.bytes < stats.total.batch_bytes.sum);
    const auto lines = kcat_read(topic, "%k|%s|%h|%T\\n");
    EXPECT_EQ(lines, expected);
}

}  // namespace

TEST_CASE(kcat_reads_uncompressed) { round_trip(records::Compression::none); }
TEST_CASE(kcat_reads_gzip) { round_trip(records::Compression::gzip); }
TEST_CASE(kcat_reads_snappy) { round_trip(records::Compression::snappy); }
TEST_CASE(kcat_reads_lz4) { round_trip(records::Compression::lz4); }
TEST_CASE(kcat_reads_zstd) { round_trip(records::Compression::zstd); }
