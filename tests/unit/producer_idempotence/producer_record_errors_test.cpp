// Per-message outcomes when the broker refuses part of a write (issue 3):
//  * KIP-467 (Produce v8+): a partition answers INVALID_RECORD with
//    record_errors naming some records of the batch. Kafka stores none of the
//    batch. The named records fail with their own message; the others are
//    resent as a new batch without them and end stored, in their order.
//  * One partition of several in one Produce request fails: only its
//    messages fail, the others are stored.
// Against the scripted broker (scripted_broker.h), which decodes every batch
// and keeps a real log per partition.

#include <chrono>
#include <string>
#include <vector>

#include "engine.h"
#include "producer/writer.h"
#include "protocol/kafka_error.h"
#include "scripted_broker.h"
#include "scripted_client.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::producer;
using namespace kafkascope::producer::test;
using namespace std::chrono_literals;

namespace {

constexpr std::int16_t kInvalidRecord = 87;

WriterConfig fast_config(RequiredAcks acks) {
    WriterConfig config;
    config.topic = "idem";
    config.required_acks = acks;
    config.write_timeout = 500ms;
    config.write_backoff_min = 10ms;
    config.write_backoff_max = 50ms;
    config.max_attempts = 3;
    return config;
}

Message message(const std::string& value, std::int32_t partition) {
    Message m;
    m.value = records::Bytes(value.begin(), value.end());
    m.partition = partition;
    return m;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Refuses any batch of partition 0 holding values that start with "bad",
// naming each such record, as a broker's record validation would.
std::optional<Rejection> reject_bad_values(int, std::int32_t partition, const std::vector<std::string>& values) {
    if (partition != 0) return std::nullopt;
    Rejection rejection;
    rejection.error_code = kInvalidRecord;
    rejection.error_message = "One or more records have been rejected";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i].rfind("bad", 0) == 0) {
            rejection.record_errors.push_back({static_cast<std::int32_t>(i), "value '" + values[i] + "' is invalid"});
        }
    }
    if (rejection.record_errors.empty()) return std::nullopt;
    return rejection;
}

void named_records_fail_and_the_rest_is_resent(RequiredAcks acks) {
    ScriptedBrokerOptions options;
    options.partitions = 1;
    options.reject = reject_bad_values;
    ScriptedBroker broker(options);
    const std::vector<std::string> values{"ok0", "bad1", "ok2", "bad3", "ok4", "ok5"};
    std::vector<DeliveryReport> reports;
    WriterStats stats;
    {
        ScriptedClient client(broker, fast_config(acks));
        std::vector<Message> batch;
        for (const auto& v : values) batch.push_back(message(v, 0));
        reports = client.writer->write_sync(std::move(batch));
        stats = client.writer->stats_sync();
    }
    ASSERT_EQ(reports.size(), values.size());

    // The named records: their own error, with the broker's message for them.
    for (std::size_t i : {1u, 3u}) {
        const DeliveryReport& r = reports[i];
        EXPECT_EQ(r.index, i);
        EXPECT_TRUE(r.error.code == protocol::make_kafka_error_code(kInvalidRecord));
        EXPECT_TRUE(contains(r.error.message, "INVALID_RECORD"));
        EXPECT_TRUE(contains(r.error.message, "value '" + values[i] + "' is invalid"));
        EXPECT_EQ(r.offset, -1);
    }
    // The others: stored by the resend, in order, at consecutive offsets.
    const std::vector<std::size_t> good{0, 2, 4, 5};
    for (std::size_t k = 0; k < good.size(); ++k) {
        const DeliveryReport& r = reports[good[k]];
        if (r.error) ::kafkascope::test::report_failure(__FILE__, __LINE__, r.error.message);
        EXPECT_FALSE(static_cast<bool>(r.error));
        EXPECT_EQ(r.partition, 0);
        EXPECT_EQ(r.offset, static_cast<std::int64_t>(k));
    }
    const std::vector<std::string> expected_log{"ok0", "ok2", "ok4", "ok5"};
    EXPECT_TRUE(broker.log(0) == expected_log);

    // Two Produce requests: the refused batch of 6, then the 4 without the
    // bad ones. Idempotent: the resend reuses the refused batch's sequence
    // (the broker never stored it), so the broker accepts it in order.
    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].record_count, 6);
    EXPECT_EQ(seen[0].error_code, kInvalidRecord);
    EXPECT_EQ(seen[1].record_count, 4);
    EXPECT_EQ(seen[1].error_code, 0);
    EXPECT_EQ(seen[1].base_sequence, seen[0].base_sequence);
    if (acks == RequiredAcks::all) {
        EXPECT_EQ(seen[0].producer_id, kFakeProducerId);
        EXPECT_EQ(seen[0].base_sequence, 0);
    }
    EXPECT_EQ(stats.total.errors, 2);
    EXPECT_EQ(stats.total.messages, 4);
    EXPECT_EQ(stats.total.retries, 1);
}

}  // namespace

TEST_CASE(record_errors_fail_named_records_and_resend_the_rest_idempotent) {
    named_records_fail_and_the_rest_is_resent(RequiredAcks::all);
}

TEST_CASE(record_errors_fail_named_records_and_resend_the_rest_acks_one) {
    named_records_fail_and_the_rest_is_resent(RequiredAcks::one);
}

// Every record of the batch named: all fail, nothing is resent.
TEST_CASE(record_errors_naming_every_record_fail_them_all) {
    ScriptedBrokerOptions options;
    options.partitions = 1;
    options.reject = reject_bad_values;
    ScriptedBroker broker(options);
    std::vector<DeliveryReport> reports;
    {
        ScriptedClient client(broker, fast_config(RequiredAcks::all));
        std::vector<Message> batch;
        batch.push_back(message("bad0", 0));
        batch.push_back(message("bad1", 0));
        reports = client.writer->write_sync(std::move(batch));
    }
    ASSERT_EQ(reports.size(), 2u);
    for (const auto& r : reports) {
        EXPECT_TRUE(r.error.code == protocol::make_kafka_error_code(kInvalidRecord));
        EXPECT_TRUE(contains(r.error.message, "is invalid"));
    }
    EXPECT_EQ(broker.produces().size(), 1u);
    EXPECT_TRUE(broker.log(0).empty());
}

// One Produce request carries partitions 0 and 1; the broker refuses only
// partition 1's batch (a non-retriable error). Only its messages fail.
TEST_CASE(one_failing_partition_of_several_fails_only_its_messages) {
    ScriptedBrokerOptions options;
    options.partitions = 2;
    options.reject = [](int, std::int32_t partition, const std::vector<std::string>&) -> std::optional<Rejection> {
        if (partition != 1) return std::nullopt;
        Rejection rejection;
        rejection.error_code = kInvalidRecord;
        rejection.error_message = "partition 1 refuses everything";
        return rejection;
    };
    ScriptedBroker broker(options);
    std::vector<DeliveryReport> reports;
    {
        ScriptedClient client(broker, fast_config(RequiredAcks::all));
        std::vector<Message> batch;
        batch.push_back(message("a0", 0));
        batch.push_back(message("b0", 1));
        batch.push_back(message("a1", 0));
        batch.push_back(message("b1", 1));
        reports = client.writer->write_sync(std::move(batch));
    }
    ASSERT_EQ(reports.size(), 4u);
    for (std::size_t i : {0u, 2u}) {
        if (reports[i].error) ::kafkascope::test::report_failure(__FILE__, __LINE__, reports[i].error.message);
        EXPECT_FALSE(static_cast<bool>(reports[i].error));
        EXPECT_EQ(reports[i].partition, 0);
        EXPECT_EQ(reports[i].offset, static_cast<std::int64_t>(i / 2));
    }
    for (std::size_t i : {1u, 3u}) {
        EXPECT_TRUE(reports[i].error.code == protocol::make_kafka_error_code(kInvalidRecord));
        EXPECT_TRUE(contains(reports[i].error.message, "partition 1 refuses everything"));
        EXPECT_EQ(reports[i].partition, 1);
        EXPECT_EQ(reports[i].offset, -1);
    }
    const std::vector<std::string> p0{"a0", "a1"};
    EXPECT_TRUE(broker.log(0) == p0);
    EXPECT_TRUE(broker.log(1).empty());
    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 2u);  // one request, both partitions, no resend of the refused one
    EXPECT_EQ(seen[0].request, seen[1].request);
}
