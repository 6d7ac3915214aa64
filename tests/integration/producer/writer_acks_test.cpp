// The Writer's acknowledgement modes and what it reports for them, checked
// against kcat (librdkafka) as the independent reader: acks=0 reports no
// offset, acks=1 reports where each message was stored; a batch refused with
// MESSAGE_TOO_LARGE is split and every message stored once; and the Writer's
// topics do not disturb what kcat produced elsewhere (no cross-talk).

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <thread>

#include "sandbox_control.h"
#include "unit_test.h"
#include "writer_test_support.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

namespace {

// kcat reads "partition|offset|value" lines; with acks=0 the write call ends
// once the request is written, so give the broker a moment to store it.
std::vector<std::string> kcat_read_at_least(const std::string& topic, const std::string& format,
                                            std::size_t wanted) {
    std::vector<std::string> lines;
    for (int attempt = 0; attempt < 20; ++attempt) {
        lines = kcat_read(topic, format);
        if (lines.size() >= wanted) break;
        std::this_thread::sleep_for(100ms);
    }
    return lines;
}

// Produces "key:value" lines with kcat in `codec`; true when kcat succeeded.
bool kcat_produce(const std::string& topic, const std::string& codec, const std::vector<std::string>& lines) {
    const std::string command = "kcat -P -q -b '" + sandbox_bootstrap() + "' -t '" + topic + "' -z " + codec +
                                " -K: -X acks=all";
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) return false;
    for (const auto& l : lines) std::fprintf(pipe, "%s\n", l.c_str());
    return pclose(pipe) == 0;
}

}  // namespace

TEST_CASE(acks_none_reports_no_offset_and_every_message_is_stored) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "acks0";
    c.required_acks = producer::RequiredAcks::none;
    auto writer = make_writer(*engine, c);
    const auto reports = writer->write_sync(numbered(24, "none-"));
    ASSERT_TRUE(reports.size() == 24u);
    std::map<std::string, std::int32_t> partition_of;
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
        EXPECT_EQ(r.topic.str(), std::string("acks0"));
        EXPECT_TRUE(r.partition >= 0 && r.partition < 3);
        EXPECT_EQ(r.offset, std::int64_t{-1});
        partition_of["none-" + std::to_string(r.index)] = r.partition;
    }
    const auto lines = kcat_read_at_least("acks0", "%p|%s\\n", 24);
    EXPECT_EQ(lines.size(), 24u);
    // Each message is where its report says.
    std::set<std::string> seen;
    for (const auto& l : lines) {
        const auto bar = l.find('|');
        ASSERT_TRUE(bar != std::string::npos);
        const std::string value = l.substr(bar + 1);
        EXPECT_TRUE(seen.insert(value).second);
        ASSERT_TRUE(partition_of.count(value) == 1u);
        EXPECT_EQ(std::stoi(l.substr(0, bar)), partition_of[value]);
    }
}

TEST_CASE(acks_one_reports_partition_and_offset_of_each_message) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "acks1";
    c.required_acks = producer::RequiredAcks::one;
    auto writer = make_writer(*engine, c);
    const auto reports = writer->write_sync(numbered(30, "one-"));
    ASSERT_TRUE(reports.size() == 30u);
    std::set<std::string> expected;
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
        EXPECT_TRUE(r.partition >= 0 && r.partition < 3);
        EXPECT_TRUE(r.offset >= 0);
        expected.insert(std::to_string(r.partition) + "|" + std::to_string(r.offset) + "|one-" +
                        std::to_string(r.index));
    }
    EXPECT_EQ(expected.size(), 30u);  // no two reports name the same place
    // kcat finds every message at exactly the partition and offset reported.
    const auto lines = kcat_read("acks1", "%p|%o|%s\\n");
    EXPECT_EQ(lines.size(), 30u);
    const std::set<std::string> stored(lines.begin(), lines.end());
    EXPECT_TRUE(stored == expected);
    EXPECT_EQ(writer->stats_sync().total.messages, 30);
}

TEST_CASE(message_too_large_on_a_batch_splits_it_and_stores_every_message_once) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "split";
    c.write_backoff_min = 20ms;
    auto writer = make_writer(*engine, c);
    // Warm up so that the next Produce request is the 8-message batch.
    EXPECT_FALSE(static_cast<bool>(writer->write_sync(numbered(1, "warm-")).at(0).error));
    // The injected error reaches the next Produce: a lone message refused
    // with MESSAGE_TOO_LARGE cannot be split and fails, saying why.
    ASSERT_TRUE(sandbox_command("errors 0 10"));
    const auto lone = writer->write_sync(numbered(1, "lone-"));
    ASSERT_TRUE(static_cast<bool>(lone.at(0).error));
    EXPECT_TRUE(lone.at(0).error.message.find("MESSAGE_TOO_LARGE") != std::string::npos);
    ASSERT_TRUE(sandbox_command("errors 0 10"));  // MESSAGE_TOO_LARGE once
    const auto reports = writer->write_sync(numbered(8, "split-"));
    ASSERT_TRUE(reports.size() == 8u);
    std::set<std::int64_t> offsets;
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
        EXPECT_EQ(r.partition, 0);
        EXPECT_TRUE(r.offset >= 0);
        offsets.insert(r.offset);
    }
    EXPECT_EQ(offsets.size(), 8u);
    // Stored: the warm-up and the eight split ones.
    const auto stats = writer->stats_sync();
    EXPECT_EQ(stats.total.messages, 9);
    EXPECT_EQ(stats.total.errors, 1);  // the lone message
    const auto lines = kcat_read("split", "%o|%s\\n");
    std::vector<std::string> split_lines;
    for (const auto& l : lines) {
        if (l.find("|split-") != std::string::npos) split_lines.push_back(l);
    }
    EXPECT_EQ(split_lines.size(), 8u);
    // In message order, each at its reported offset.
    for (std::size_t i = 0; i < split_lines.size() && i < reports.size(); ++i) {
        EXPECT_EQ(split_lines[i], std::to_string(reports[i].offset) + "|split-" + std::to_string(i));
    }
}

TEST_CASE(kcat_messages_in_every_codec_are_untouched_by_the_writers_topic) {
    auto engine = make_engine();
    std::vector<std::string> kcat_expected;
    std::vector<std::string> writer_expected;
    for (records::Compression codec : {records::Compression::none, records::Compression::gzip,
                                       records::Compression::snappy, records::Compression::lz4,
                                       records::Compression::zstd}) {
        const std::string name(records::compression_name(codec));
        std::vector<std::string> lines;
        for (int i = 0; i < 10; ++i) {
            lines.push_back("kk-" + name + "-" + std::to_string(i) + ":kcat " + name + " " + std::to_string(i) + " " +
                            std::string(30, 'a' + i));
            kcat_expected.push_back("kk-" + name + "-" + std::to_string(i) + "|kcat " + name + " " +
                                    std::to_string(i) + " " + std::string(30, 'a' + i));
        }
        ASSERT_TRUE(kcat_produce("xtalk_kcat", name, lines));

        producer::WriterConfig c;
        c.topic = "xtalk_writer";
        c.compression = codec;
        auto writer = make_writer(*engine, c);
        std::vector<producer::Message> messages;
        for (int i = 0; i < 10; ++i) {
            const std::string key = "wk-" + name + "-" + std::to_string(i);
            const std::string value = "writer " + name + " " + std::to_string(i) + " " + std::string(30, 'z' - i);
            messages.push_back(text_message(key, value));
            writer_expected.push_back(key + "|" + value);
        }
        for (const auto& r : writer->write_sync(std::move(messages))) {
            if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
            EXPECT_FALSE(static_cast<bool>(r.error));
        }
    }
    auto kcat_lines = kcat_read("xtalk_kcat", "%k|%s\\n");
    auto writer_lines = kcat_read("xtalk_writer", "%k|%s\\n");
    // Several partitions: compare as sets of lines, counts included.
    std::sort(kcat_lines.begin(), kcat_lines.end());
    std::sort(writer_lines.begin(), writer_lines.end());
    std::sort(kcat_expected.begin(), kcat_expected.end());
    std::sort(writer_expected.begin(), writer_expected.end());
    EXPECT_EQ(kcat_lines.size(), kcat_expected.size());
    EXPECT_TRUE(kcat_lines == kcat_expected);
    EXPECT_EQ(writer_lines.size(), writer_expected.size());
    EXPECT_TRUE(writer_lines == writer_expected);
}
