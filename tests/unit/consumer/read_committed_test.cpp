// A fetched partition with two transactional producers, one transaction
// aborted, their markers and a plain producer: read_committed hands out
// exactly the committed and non-transactional records; read_uncommitted
// everything but the markers. The batches are built with our batch writer,
// the layout a broker returns (KIP-98).

#include "consumer/fetcher.h"
#include "records/record_batch_writer.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::consumer;

namespace {

records::Record value_record(const std::string& v) {
    records::Record r;
    r.value = protocol::Bytes(v.begin(), v.end());
    r.timestamp_ms = 1000;
    return r;
}

// A control record: key = version, type; value = version, coordinator epoch.
records::Record marker(records::ControlType type) {
    records::Record r;
    r.key = protocol::Bytes{0, 0, 0, static_cast<std::uint8_t>(type)};
    r.value = protocol::Bytes{0, 0, 0, 0, 0, 0};
    r.timestamp_ms = 1000;
    return r;
}

void append(protocol::Bytes& out, std::int64_t base, std::int64_t producer, bool transactional, bool control,
            std::vector<records::Record> rs) {
    records::BatchOptions o;
    o.base_offset = base;
    o.producer_id = producer;
    o.producer_epoch = 0;
    o.base_sequence = 0;
    o.transactional = transactional;
    o.control = control;
    ASSERT_TRUE(records::append_record_batch(out, rs, o).ok());
}

protocol::FetchResponse::Partition answer() {
    protocol::Bytes bytes;
    append(bytes, 0, 7, true, false, {value_record("t7-a"), value_record("t7-b")});    // committed below
    append(bytes, 2, 8, true, false, {value_record("t8-a"), value_record("t8-b")});    // aborted below
    append(bytes, 4, 8, true, true, {marker(records::ControlType::abort)});
    append(bytes, 5, 7, true, true, {marker(records::ControlType::commit)});
    append(bytes, 6, 9, false, false, {value_record("plain")});
    append(bytes, 7, 8, true, false, {value_record("t8-next")});  // a later, open transaction
    protocol::FetchResponse::Partition p;
    p.partition_index = 0;
    p.high_watermark = 8;
    p.last_stable_offset = 8;
    p.aborted_transactions = std::vector<protocol::FetchResponse::AbortedTransaction>{};
    protocol::FetchResponse::AbortedTransaction aborted;
    aborted.producer_id = 8;
    aborted.first_offset = 2;
    p.aborted_transactions->push_back(aborted);
    p.records = std::move(bytes);
    return p;
}

std::vector<std::string> values(const FetchOutcome& o) {
    std::vector<std::string> out;
    for (const auto& m : o.messages) out.emplace_back(m.value->begin(), m.value->end());
    return out;
}

}  // namespace

TEST_CASE(read_committed_drops_the_aborted_transaction_and_the_markers) {
    auto p = answer();
    auto out = decode_fetched_partition("t", 0, 0, 1 << 20, IsolationLevel::read_committed, p);
    EXPECT_FALSE(static_cast<bool>(out.decode_error));
    EXPECT_TRUE(values(out) == std::vector<std::string>({"t7-a", "t7-b", "plain", "t8-next"}));
    EXPECT_EQ(out.next_offset, std::int64_t{8});  // markers and aborted records are stepped over
    EXPECT_EQ(out.messages[2].offset, std::int64_t{6});
}

TEST_CASE(read_uncommitted_keeps_aborted_records_but_never_markers) {
    auto p = answer();
    auto out = decode_fetched_partition("t", 0, 0, 1 << 20, IsolationLevel::read_uncommitted, p);
    EXPECT_TRUE(values(out) == std::vector<std::string>({"t7-a", "t7-b", "t8-a", "t8-b", "plain", "t8-next"}));
    EXPECT_EQ(out.next_offset, std::int64_t{8});
}

TEST_CASE(starting_inside_the_aborted_transaction_still_drops_it) {
    auto p = answer();
    auto out = decode_fetched_partition("t", 0, 3, 1 << 20, IsolationLevel::read_committed, p);
    EXPECT_TRUE(values(out) == std::vector<std::string>({"plain", "t8-next"}));
}
