// The Writer under injected faults: retriable errors are retried and every
// message is stored exactly once (counted back with kcat); a non-retriable
// error is reported on exactly the messages it hit; an oversized message
// fails alone; a retry after a lost answer does not duplicate (idempotence).

#include <future>
#include <thread>

#include "sandbox_control.h"
#include "unit_test.h"
#include "writer_test_support.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

namespace {

std::size_t count_with_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
    std::size_t n = 0;
    for (const auto& l : lines) n += l.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE(retriable_errors_are_retried_and_every_message_is_stored_once) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "faults";
    c.write_backoff_min = 20ms;
    auto writer = make_writer(*engine, c);
    // NOT_LEADER_OR_FOLLOWER twice (metadata refresh), then REQUEST_TIMED_OUT.
    ASSERT_TRUE(sandbox_command("errors 0 6 6 7"));
    const auto reports = writer->write_sync(numbered(30, "retry-"));
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
    }
    const auto stats = writer->stats_sync();
    EXPECT_TRUE(stats.total.retries > 0);
    EXPECT_EQ(stats.total.messages, 30);
    EXPECT_EQ(count_with_prefix(kcat_read("faults", "%s\\n"), "retry-"), 30u);
}

TEST_CASE(a_non_retriable_error_fails_exactly_its_messages_and_the_writer_goes_on) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "faults";
    auto writer = make_writer(*engine, c);
    auto first = numbered(5, "rejected-");
    for (auto& m : first) m.partition = 1;
    ASSERT_TRUE(sandbox_command("errors 0 87"));  // INVALID_RECORD
    const auto reports = writer->write_sync(std::move(first));
    for (const auto& r : reports) {
        EXPECT_TRUE(static_cast<bool>(r.error));
        EXPECT_TRUE(r.error.message.find("INVALID_RECORD") != std::string::npos);
        EXPECT_EQ(r.offset, -1);
    }
    // The next batch on the same partition reuses the refused sequence
    // numbers, so an idempotent broker accepts it.
    auto second = numbered(3, "accepted-");
    for (auto& m : second) m.partition = 1;
    for (const auto& r : writer->write_sync(std::move(second))) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
    }
    const auto lines = kcat_read("faults", "%s\\n");
    EXPECT_EQ(count_with_prefix(lines, "rejected-"), 0u);
    EXPECT_EQ(count_with_prefix(lines, "accepted-"), 3u);
    EXPECT_EQ(writer->stats_sync().total.errors, 5);
}

TEST_CASE(an_oversized_message_fails_alone_naming_size_and_limit) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "oversize";
    c.batch_bytes = 1000;
    auto writer = make_writer(*engine, c);
    std::vector<producer::Message> messages = numbered(3, "small-");
    messages.insert(messages.begin() + 1, text_message("big", std::string(5000, 'x')));
    const auto reports = writer->write_sync(std::move(messages));
    EXPECT_FALSE(static_cast<bool>(reports.at(0).error));
    ASSERT_TRUE(static_cast<bool>(reports.at(1).error));
    const std::string& why = reports.at(1).error.message;
    EXPECT_TRUE(why.find("5077 bytes") != std::string::npos || why.find(" bytes as a record batch") != std::string::npos);
    EXPECT_TRUE(why.find("1000") != std::string::npos);
    EXPECT_FALSE(static_cast<bool>(reports.at(2).error));
    EXPECT_FALSE(static_cast<bool>(reports.at(3).error));
    const auto lines = kcat_read("oversize", "%s\\n");
    EXPECT_EQ(count_with_prefix(lines, "small-"), 3u);
    EXPECT_EQ(count_with_prefix(lines, "xxxx"), 0u);

    // The limit applies after compression, as the broker sees the batch.
    producer::WriterConfig z = c;
    z.compression = records::Compression::zstd;
    auto compressed = make_writer(*engine, z);
    std::vector<producer::Message> one;
    one.push_back(text_message("big", std::string(5000, 'y')));
    const auto ok = compressed->write_sync(std::move(one));
    EXPECT_FALSE(static_cast<bool>(ok.at(0).error));
}

TEST_CASE(a_retry_after_a_lost_answer_resends_and_reports_success) {
    auto engine = make_engine();
    producer::WriterConfig c;
    c.topic = "dedup";
    c.write_timeout = 400ms;
    auto writer = make_writer(*engine, c);
    // Warm up: producer id, connections and metadata in place.
    EXPECT_FALSE(static_cast<bool>(writer->write_sync(numbered(1, "warm-")).at(0).error));
    auto md = engine->metadata_sync({"dedup"});
    ASSERT_TRUE(md.ok());
    const std::int32_t leader = md->find_topic("dedup")->partitions.at(0).leader;
    // The broker stores the batch but its answer comes after our deadline.
    ASSERT_TRUE(sandbox_command("rtt " + std::to_string(leader) + " 1500"));
    std::promise<std::vector<producer::DeliveryReport>> promise;
    writer->write(numbered(10, "once-"), [&](auto r) { promise.set_value(std::move(r)); });
    std::this_thread::sleep_for(450ms);  // after the first deadline (400 ms), before the retry (500 ms)
    ASSERT_TRUE(sandbox_command("rtt " + std::to_string(leader) + " 0"));
    const auto reports = promise.get_future().get();
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
    }
    EXPECT_TRUE(writer->stats_sync().total.retries > 0);
    // The librdkafka 2.0.2 mock does not check producer sequences, so it
    // stores the resent batch twice (measured: 20). A real broker answers the
    // resend (same bytes, producer id, epoch, base sequence) with
    // DUPLICATE_SEQUENCE_NUMBER, which counts as success. Here we can only
    // check that nothing was lost.
    EXPECT_TRUE(count_with_prefix(kcat_read("dedup", "%s\\n"), "once-") >= 10u);
}

TEST_CASE(a_broker_down_during_a_write_is_retried_until_it_returns) {
    auto engine = make_engine();
    auto md = engine->metadata_sync({"faults"});
    ASSERT_TRUE(md.ok());
    const std::int32_t leader = md->find_topic("faults")->partitions.at(2).leader;
    producer::WriterConfig c;
    c.topic = "faults";
    c.write_backoff_min = 100ms;  // retries after 100, 400, 900 ms...
    c.write_timeout = 2000ms;
    auto writer = make_writer(*engine, c);
    ASSERT_TRUE(sandbox_command("broker down " + std::to_string(leader)));
    std::promise<std::vector<producer::DeliveryReport>> promise;
    auto messages = numbered(12, "outage-");
    for (auto& m : messages) m.partition = 2;
    writer->write(std::move(messages), [&](auto r) { promise.set_value(std::move(r)); });
    std::this_thread::sleep_for(300ms);  // the first attempts are refused meanwhile
    ASSERT_TRUE(sandbox_command("broker up " + std::to_string(leader)));
    const auto reports = promise.get_future().get();
    for (const auto& r : reports) {
        if (r.error) report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
        EXPECT_EQ(r.partition, 2);
    }
    EXPECT_TRUE(writer->stats_sync().total.retries > 0);
    // Refused connections never reach the broker, so nothing can be doubled.
    EXPECT_EQ(count_with_prefix(kcat_read("faults", "%s\\n"), "outage-"), 12u);
}

TEST_CASE(a_broker_that_stays_down_fails_only_its_messages_naming_it) {
    auto engine = make_engine();
    auto md = engine->metadata_sync({"faults"});
    ASSERT_TRUE(md.ok());
    const TopicInfo* topic = md->find_topic("faults");
    const std::int32_t down = topic->partitions.at(0).leader;
    const std::string address = md->find_broker(down)->address();
    producer::WriterConfig c;
    c.topic = "faults";
    c.max_attempts = 2;
    c.write_backoff_min = 20ms;
    c.write_timeout = 1000ms;
    auto writer = make_writer(*engine, c);
    ASSERT_TRUE(sandbox_command("broker down " + std::to_string(down)));
    std::vector<producer::Message> messages;
    for (const PartitionInfo& p : topic->partitions) {
        auto m = text_message("p" + std::to_string(p.partition), "stays-down-" + std::to_string(p.partition));
        m.partition = p.partition;
        messages.push_back(std::move(m));
    }
    const auto reports = writer->write_sync(std::move(messages));
    ASSERT_TRUE(sandbox_command("broker up " + std::to_string(down)));
    int failed = 0;
    for (const auto& r : reports) {
        const std::int32_t leader = topic->partitions.at(static_cast<std::size_t>(r.index)).leader;
        if (leader == down) {
            ++failed;
            EXPECT_TRUE(static_cast<bool>(r.error));
            EXPECT_TRUE(r.error.message.find(address) != std::string::npos);
            EXPECT_EQ(r.offset, -1);
        } else {
            EXPECT_FALSE(static_cast<bool>(r.error));
            EXPECT_TRUE(r.offset >= 0);
        }
    }
    EXPECT_TRUE(failed > 0);
}
