// The idempotent producer against a broker that checks sequences (see
// scripted_broker.h): a retry after a lost answer resends the same bytes, the
// broker keeps one copy, and every message is reported stored exactly once.

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "engine.h"
#include "producer/writer.h"
#include "protocol/messages/init_producer_id.h"
#include "protocol/messages/produce.h"
#include "scripted_broker.h"
#include "scripted_client.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::producer;
using namespace kafkascope::producer::test;
using namespace std::chrono_literals;

namespace {

WriterConfig fast_config(RequiredAcks acks = RequiredAcks::all) {
    WriterConfig config;
    config.topic = "idem";
    config.required_acks = acks;
    config.write_timeout = 300ms;
    config.write_backoff_min = 20ms;
    config.write_backoff_max = 100ms;
    config.max_attempts = 5;
    return config;
}

std::vector<Message> messages(const std::string& prefix, std::size_t count, std::int32_t partition) {
    std::vector<Message> out;
    for (std::size_t i = 0; i < count; ++i) {
        Message m;
        const std::string value = prefix + std::to_string(i);
        m.value = records::Bytes(value.begin(), value.end());
        m.partition = partition;
        out.push_back(std::move(m));
    }
    return out;
}

void expect_all_stored(const std::vector<DeliveryReport>& reports, std::size_t count) {
    ASSERT_EQ(reports.size(), count);
    for (std::size_t i = 0; i < reports.size(); ++i) {
        if (reports[i].error) ::kafkascope::test::report_failure(__FILE__, __LINE__, reports[i].error.message);
        EXPECT_FALSE(static_cast<bool>(reports[i].error));
        EXPECT_EQ(reports[i].index, i);
    }
}

std::size_t count_of(const std::vector<std::string>& log, const std::string& value) {
    return static_cast<std::size_t>(std::count(log.begin(), log.end(), value));
}

// Test 1, both ways a broker answers the resend of a batch it already holds.
void lost_answer(DuplicateAnswer duplicate, Reply first) {
    ScriptedBrokerOptions options;
    options.duplicate = duplicate;
    options.on_produce = [first](int index) { return index == 0 ? first : Reply::answer; };
    ScriptedBroker broker(options);
    std::vector<DeliveryReport> reports;
    {
        ScriptedClient client(broker, fast_config());
        reports = client.writer->write_sync(messages("m", 4, 0));
    }
    expect_all_stored(reports, 4);

    const auto seen = broker.produces();
    ASSERT_TRUE(seen.size() >= 2u);
    const ProduceSeen& original = seen[0];
    const ProduceSeen& resend = seen[1];
    EXPECT_EQ(original.request, 0);
    EXPECT_EQ(resend.request, 1);
    ASSERT_TRUE(original.decoded);
    ASSERT_TRUE(resend.decoded);
    EXPECT_EQ(original.producer_id, kFakeProducerId);
    EXPECT_EQ(original.producer_epoch, kFakeProducerEpoch);
    EXPECT_EQ(original.base_sequence, 0);
    EXPECT_EQ(original.record_count, 4);
    EXPECT_FALSE(original.duplicate);
    // The resend is the same batch, byte for byte.
    EXPECT_TRUE(resend.records == original.records);
    EXPECT_EQ(resend.producer_id, original.producer_id);
    EXPECT_EQ(resend.producer_epoch, original.producer_epoch);
    EXPECT_EQ(resend.base_sequence, original.base_sequence);
    EXPECT_TRUE(resend.duplicate);
    EXPECT_EQ(seen.size(), 2u);  // no further sends once the duplicate was acknowledged

    // Stored exactly once.
    const auto log = broker.log(0);
    EXPECT_EQ(log.size(), 4u);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(count_of(log, "m" + std::to_string(i)), 1u);
    if (duplicate == DuplicateAnswer::same_offset) {
        for (std::size_t i = 0; i < reports.size(); ++i) {
            EXPECT_EQ(reports[i].offset, static_cast<std::int64_t>(i));
            EXPECT_EQ(reports[i].partition, 0);
        }
    }
}

}  // namespace

TEST_CASE(lost_answer_resend_is_identical_and_acknowledged_as_same_offset) {
    lost_answer(DuplicateAnswer::same_offset, Reply::lost);
}

TEST_CASE(lost_answer_resend_answered_duplicate_sequence_number) {
    lost_answer(DuplicateAnswer::duplicate_sequence, Reply::lost);
}

// The first answer arrives after write_timeout (the client dropped its
// waiter): the late success is ignored and the resend is answered 46.
TEST_CASE(late_answer_then_duplicate_sequence_number) {
    lost_answer(DuplicateAnswer::duplicate_sequence, Reply::late);
}

TEST_CASE(sequences_advance_per_partition) {
    ScriptedBroker broker(ScriptedBrokerOptions{});
    std::vector<DeliveryReport> first, second, other;
    {
        ScriptedClient client(broker, fast_config());
        first = client.writer->write_sync(messages("a", 3, 0));
        second = client.writer->write_sync(messages("b", 2, 0));
        other = client.writer->write_sync(messages("c", 2, 1));
    }
    expect_all_stored(first, 3);
    expect_all_stored(second, 2);
    expect_all_stored(other, 2);

    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 3u);
    for (const auto& s : seen) {
        EXPECT_TRUE(s.decoded);
        EXPECT_EQ(s.producer_id, kFakeProducerId);
        EXPECT_EQ(s.producer_epoch, kFakeProducerEpoch);
        EXPECT_EQ(s.error_code, 0);
    }
    EXPECT_EQ(seen[0].partition, 0);
    EXPECT_EQ(seen[0].base_sequence, 0);
    EXPECT_EQ(seen[0].record_count, 3);
    EXPECT_EQ(seen[1].partition, 0);
    EXPECT_EQ(seen[1].base_sequence, 3);
    EXPECT_EQ(seen[1].record_count, 2);
    EXPECT_EQ(seen[2].partition, 1);
    EXPECT_EQ(seen[2].base_sequence, 0);
    EXPECT_EQ(broker.log(0).size(), 5u);
    EXPECT_EQ(broker.log(1).size(), 2u);
}

// Two batches of one write call to one partition (batch_size 3): the second
// waits for the first (one in flight per partition) and continues its sequence.
TEST_CASE(sequences_advance_within_one_write) {
    ScriptedBroker broker(ScriptedBrokerOptions{});
    std::vector<DeliveryReport> reports;
    {
        auto config = fast_config();
        config.batch_size = 3;
        ScriptedClient client(broker, config);
        reports = client.writer->write_sync(messages("x", 5, 0));
    }
    expect_all_stored(reports, 5);
    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].base_sequence, 0);
    EXPECT_EQ(seen[0].record_count, 3);
    EXPECT_EQ(seen[1].base_sequence, 3);
    EXPECT_EQ(seen[1].record_count, 2);
    EXPECT_EQ(broker.log(0).size(), 5u);
}

TEST_CASE(idempotence_on_with_acks_all_and_init_producer_id_offered) {
    ScriptedBroker broker(ScriptedBrokerOptions{});
    std::vector<DeliveryReport> first, second;
    {
        ScriptedClient client(broker, fast_config(RequiredAcks::all));
        first = client.writer->write_sync(messages("a", 2, 0));
        second = client.writer->write_sync(messages("b", 1, 1));
    }
    expect_all_stored(first, 2);
    expect_all_stored(second, 1);
    const auto keys = broker.api_keys();
    const auto init = std::find(keys.begin(), keys.end(), protocol::kInitProducerIdApi.key);
    const auto produce = std::find(keys.begin(), keys.end(), protocol::kProduceApi.key);
    EXPECT_EQ(std::count(keys.begin(), keys.end(), protocol::kInitProducerIdApi.key), 1);
    ASSERT_TRUE(init != keys.end());
    ASSERT_TRUE(produce != keys.end());
    EXPECT_TRUE(init < produce);
    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 2u);
    for (const auto& s : seen) {
        EXPECT_EQ(s.acks, protocol::kAcksAll);
        EXPECT_EQ(s.producer_id, kFakeProducerId);
        EXPECT_EQ(s.base_sequence, 0);
    }
}

TEST_CASE(idempotence_off_with_acks_one) {
    ScriptedBroker broker(ScriptedBrokerOptions{});
    std::vector<DeliveryReport> reports;
    {
        ScriptedClient client(broker, fast_config(RequiredAcks::one));
        reports = client.writer->write_sync(messages("a", 3, 0));
    }
    expect_all_stored(reports, 3);
    const auto keys = broker.api_keys();
    EXPECT_EQ(std::count(keys.begin(), keys.end(), protocol::kInitProducerIdApi.key), 0);
    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].acks, protocol::kAcksLeader);
    EXPECT_TRUE(seen[0].decoded);
    EXPECT_EQ(seen[0].producer_id, -1);
    EXPECT_EQ(seen[0].base_sequence, -1);
}

// Auto mode with a broker that does not offer InitProducerId: plain producing.
TEST_CASE(idempotence_off_when_init_producer_id_not_offered) {
    ScriptedBrokerOptions options;
    options.offer_init_producer_id = false;
    ScriptedBroker broker(options);
    std::vector<DeliveryReport> reports;
    {
        ScriptedClient client(broker, fast_config(RequiredAcks::all));
        reports = client.writer->write_sync(messages("a", 2, 0));
    }
    expect_all_stored(reports, 2);
    const auto keys = broker.api_keys();
    EXPECT_EQ(std::count(keys.begin(), keys.end(), protocol::kInitProducerIdApi.key), 0);
    const auto seen = broker.produces();
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].acks, protocol::kAcksAll);
    EXPECT_EQ(seen[0].producer_id, -1);
}
