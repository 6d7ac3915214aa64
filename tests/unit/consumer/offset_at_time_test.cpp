// Offsets by timestamp (Engine::partition_offset_at and
// PartitionReader::set_offset_at) against a scripted in-process broker that
// replays ListOffsets answers recorded from kfake (tests/data/golden/
// list_offsets.jsonl: librdkafka's rd_kafka_offsets_for_times at v2, kgo's
// ListOffsetsAfterMilli at v2, v6 and v10). The sandbox cannot do this: the
// librdkafka mock answers -1 to every timestamp lookup.
//
// The broker advertises exactly the recorded ListOffsets version, checks that
// our request asks for the same topic, partition and timestamp as the
// recorded client did, and answers with the recorded response bytes.

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "consumer/partition_reader.h"
#include "engine.h"
#include "fake_broker.h"
#include "protocol/frame.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/metadata.h"
#include "golden_samples.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

namespace {

// One recorded by-time lookup: what the client asked and the bytes kfake sent.
struct Recorded {
    GoldenSample sample;
    protocol::ListOffsetsRequest request;
    protocol::Bytes response_after_correlation_id;
};

bool flexible(std::int16_t version) { return protocol::kListOffsetsApi.flexible.contains(version); }

// Body of a recorded request frame: skips header v1 (key, version,
// correlation id, client id) and, for flexible versions, the empty tag section.
protocol::Bytes request_body(const GoldenSample& s) {
    std::size_t at = 8;
    const int client_id_len = (s.request[at] << 8) | s.request[at + 1];
    at += 2 + static_cast<std::size_t>(client_id_len > 0 ? client_id_len : 0);
    if (flexible(s.api_version)) ++at;  // tag section: 0 fields in every sample
    return protocol::Bytes(s.request.begin() + static_cast<std::ptrdiff_t>(at), s.request.end());
}

std::vector<Recorded> recorded_time_lookups() {
    std::vector<Recorded> out;
    for (GoldenSample& s : load_golden("list_offsets.jsonl")) {
        const bool by_time = s.note.find("ListOffsetsAfterMilli") != std::string::npos ||
                             s.note.find("offsets_for_times") != std::string::npos;
        if (!by_time) continue;
        auto request = protocol::decode_body<protocol::ListOffsetsRequest>(request_body(s), s.api_version, "request");
        ASSERT_TRUE(request.ok());
        Recorded r;
        r.request = std::move(request).value();
        r.response_after_correlation_id.assign(s.response.begin() + 4, s.response.end());
        r.sample = std::move(s);
        out.push_back(std::move(r));
    }
    return out;
}

struct Asked {
    std::string topic;
    std::int32_t partition = -1;
    std::int64_t timestamp = 0;
};

// A one-node broker leading every partition of the recorded request's topics.
class ReplayBroker {
public:
    ReplayBroker(const Recorded& recorded, std::int16_t list_offsets_min)
        : recorded_(recorded), work_(io_.get_executor()) {
        net::test::FakeApiVersions versions;
        versions.ranges.push_back({protocol::kApiVersionsKey, 0, 3});
        versions.ranges.push_back({protocol::kMetadataApi.key, 0, 8});  // v9+ flexible
        versions.ranges.push_back({protocol::kListOffsetsApi.key, list_offsets_min, recorded.sample.api_version});
        net::test::Script script = [this, versions](net::test::FakeSession& session) -> asio::awaitable<void> {
            const bool shook = co_await session.handshake(versions);
            if (!shook) co_return;
            for (;;) {
                auto request = co_await session.read_request();
                if (!request) co_return;
                auto body = answer(*request);
                if (body) co_await session.respond(request->correlation_id, *body);
                // Anything else (Fetch from a reader's loop) gets no answer.
            }
        };
        broker_ = std::make_unique<net::test::FakeBroker>(io_, std::move(script));
        port_ = broker_->address().port;
        thread_ = std::thread([this] { io_.run(); });
    }
    ~ReplayBroker() {
        io_.stop();
        thread_.join();
    }

    std::string bootstrap() const { return "127.0.0.1:" + std::to_string(port_); }
    std::vector<Asked> asked() const {
        std::lock_guard lock(mutex_);
        return asked_;
    }

private:
    std::optional<protocol::Bytes> answer(const net::test::ReceivedRequest& request) {
        if (request.api_key == protocol::kMetadataApi.key) {
            protocol::MetadataResponse response;
            response.brokers.push_back({1, "127.0.0.1", port_, std::nullopt, {}});
            response.controller_id = 1;
            for (const auto& t : recorded_.request.topics) {
                protocol::MetadataResponse::Topic topic;
                topic.name = t.name;
                for (std::int32_t i = 0; i < 3; ++i) {
                    protocol::MetadataResponse::Partition p;
                    p.partition_index = i;
                    p.leader_id = 1;
                    p.replica_nodes = {1};
                    p.isr_nodes = {1};
                    topic.partitions.push_back(std::move(p));
                }
                response.topics.push_back(std::move(topic));
            }
            return protocol::encode_body(response, request.api_version);
        }
        if (request.api_key == protocol::kListOffsetsApi.key) {
            std::span<const std::uint8_t> body(request.body);
            // The fake's header reader knows only ApiVersions' flexible header;
            // a flexible ListOffsets request still starts with its tag section.
            if (flexible(request.api_version)) body = body.subspan(1);
            auto decoded = protocol::decode_body<protocol::ListOffsetsRequest>(body, request.api_version, "request");
            std::lock_guard lock(mutex_);
            if (decoded) {
                for (const auto& t : decoded->topics) {
                    for (const auto& p : t.partitions) asked_.push_back({t.name, p.partition_index, p.timestamp});
                }
            } else {
                asked_.push_back({"<undecodable request>", -1, 0});
            }
            return recorded_.response_after_correlation_id;
        }
        return std::nullopt;
    }

    const Recorded& recorded_;
    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_;
    std::unique_ptr<net::test::FakeBroker> broker_;
    std::uint16_t port_ = 0;
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<Asked> asked_;
};

std::unique_ptr<Engine> engine_on(const ReplayBroker& broker) {
    EngineOptions options;
    options.bootstrap = broker.bootstrap();
    options.client_id = "offset-at-test";
    options.connect_timeout = 2000ms;
    options.request_timeout = 2000ms;
    auto engine = Engine::create(options);
    ASSERT_TRUE(engine.ok());
    return std::move(engine).value();
}

// What kfake answered for (topic, partition), read from the recorded bytes
// with our decoder; the test below checks one of these by hand as well.
std::optional<protocol::ListOffsetsResponse::Partition> recorded_answer(const Recorded& r, const std::string& topic,
                                                                         std::int32_t partition) {
    std::span<const std::uint8_t> body(r.response_after_correlation_id);
    if (flexible(r.sample.api_version)) body = body.subspan(1);
    auto decoded = protocol::decode_body<protocol::ListOffsetsResponse>(body, r.sample.api_version, "response");
    ASSERT_TRUE(decoded.ok());
    for (const auto& t : decoded->topics) {
        if (t.name != topic) continue;
        for (const auto& p : t.partitions) {
            if (p.partition_index == partition) return p;
        }
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE(recorded_by_time_lookups_cover_v2_v6_and_v10) {
    std::vector<std::int16_t> versions;
    for (const Recorded& r : recorded_time_lookups()) versions.push_back(r.sample.api_version);
    std::sort(versions.begin(), versions.end());
    versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
    EXPECT_EQ(versions, (std::vector<std::int16_t>{2, 6, 10}));
}

TEST_CASE(engine_offset_at_sends_the_timestamp_and_reads_the_answer_at_every_recorded_version) {
    const auto all = recorded_time_lookups();
    ASSERT_TRUE(all.size() >= 4);
    for (const Recorded& r : all) {
        ReplayBroker broker(r, 1);
        auto engine = engine_on(broker);
        for (const auto& t : r.request.topics) {
            for (const auto& p : t.partitions) {
                auto got = engine->partition_offset_at_sync(t.name, p.partition_index, p.timestamp);
                if (!got) report_failure(__FILE__, __LINE__, r.sample.label + ": " + got.error().message);
                ASSERT_TRUE(got.ok());
                const auto want = recorded_answer(r, t.name, p.partition_index);
                ASSERT_TRUE(want.has_value());
                EXPECT_EQ(got->offset, want->offset);
                EXPECT_EQ(got->timestamp, want->timestamp);
                EXPECT_TRUE(got->found());
                // kfake found a message at or after the asked time.
                EXPECT_TRUE(got->timestamp >= p.timestamp);
            }
        }
        // Every lookup asked what the recorded client asked, nothing symbolic.
        const auto asked = broker.asked();
        std::size_t recorded_partitions = 0;
        for (const auto& t : r.request.topics) recorded_partitions += t.partitions.size();
        EXPECT_EQ(asked.size(), recorded_partitions);
        for (const Asked& a : asked) {
            bool matches = false;
            for (const auto& t : r.request.topics) {
                for (const auto& p : t.partitions) {
                    matches |= t.name == a.topic && p.partition_index == a.partition && p.timestamp == a.timestamp;
                }
            }
            if (!matches) report_failure(__FILE__, __LINE__, r.sample.label + ": unexpected request for " + a.topic);
            EXPECT_TRUE(matches);
        }
    }
}

TEST_CASE(the_kgo_v10_answer_holds_the_values_read_by_hand) {
    // kgo-1.21.6_vs_kfake ListOffsetsAfterMilli: kgo-lz4/0 asked at
    // 1795489408215 ms (0x1a20bd2a4d7); kfake answered offset 0 with the
    // message timestamp 1795489408286 (0x1a20bd2a51e).
    for (const Recorded& r : recorded_time_lookups()) {
        if (r.sample.api_version != 10) continue;
        ReplayBroker broker(r, 1);
        auto engine = engine_on(broker);
        auto got = engine->partition_offset_at_sync("kgo-lz4", 0, 0x1a20bd2a4d7);
        ASSERT_TRUE(got.ok());
        EXPECT_EQ(got->offset, std::int64_t{0});
        EXPECT_EQ(got->timestamp, std::int64_t{0x1a20bd2a51e});
        return;
    }
    ASSERT_TRUE(false);  // the v10 sample must be there
}

TEST_CASE(reader_set_offset_at_moves_to_the_offset_the_broker_found) {
    for (const Recorded& r : recorded_time_lookups()) {
        ReplayBroker broker(r, 1);
        auto engine = engine_on(broker);
        const auto& topic = r.request.topics.front();
        const auto& part = topic.partitions.front();
        consumer::PartitionReaderConfig config;
        config.topic = topic.name;
        config.partition = part.partition_index;
        config.start_offset = 5;  // anything but what the broker will answer (0)
        config.max_wait = 100ms;
        auto reader = engine->create_partition_reader(config);
        ASSERT_TRUE(reader.ok());
        EXPECT_EQ((*reader)->offset(), std::int64_t{5});
        const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(part.timestamp));
        auto found = (*reader)->set_offset_at_sync(at);
        if (!found) report_failure(__FILE__, __LINE__, r.sample.label + ": " + found.error().message);
        ASSERT_TRUE(found.ok());
        const auto want = recorded_answer(r, topic.name, part.partition_index);
        ASSERT_TRUE(want.has_value());
        EXPECT_EQ(found->offset, want->offset);
        EXPECT_EQ((*reader)->offset(), want->offset);
        (*reader)->close();
        auto closed = (*reader)->set_offset_at_sync(at);
        EXPECT_TRUE(!closed.ok() && consumer::is_end_of_stream(closed.error()));
        reader->reset();
    }
}

TEST_CASE(a_partition_missing_from_the_answer_is_an_error_naming_it) {
    const auto all = recorded_time_lookups();
    ASSERT_TRUE(!all.empty());
    const Recorded& r = all.front();
    ReplayBroker broker(r, 1);
    auto engine = engine_on(broker);
    // Partition 0 of the first topic exists in metadata but the recorded
    // answers never name every partition 0..2 of every topic; find one absent.
    for (const auto& t : r.request.topics) {
        for (std::int32_t p = 0; p < 3; ++p) {
            if (recorded_answer(r, t.name, p)) continue;
            auto got = engine->partition_offset_at_sync(t.name, p, 1);
            ASSERT_TRUE(!got.ok());
            EXPECT_TRUE(net::test::contains(got.error().message, "did not answer ListOffsets for " + t.name + "/" + std::to_string(p)));
            return;
        }
    }
    ASSERT_TRUE(false);  // some partition must be absent
}

TEST_CASE(a_negative_timestamp_and_a_v0_only_broker_are_refused) {
    const auto all = recorded_time_lookups();
    ASSERT_TRUE(!all.empty());
    {
        ReplayBroker broker(all.front(), 1);
        auto engine = engine_on(broker);
        auto negative = engine->partition_offset_at_sync(all.front().request.topics.front().name, 0, -1);
        ASSERT_TRUE(!negative.ok());
        EXPECT_TRUE(net::test::has_code(negative.error(), client_errc::invalid_argument));
        EXPECT_TRUE(broker.asked().empty());
    }
    // A broker whose ListOffsets range is v0 only: the recorded version is
    // the max, so advertise [0, 0] by replaying a copy capped at 0.
    Recorded v0_only = all.front();
    v0_only.sample.api_version = 0;
    ReplayBroker broker(v0_only, 0);
    auto engine = engine_on(broker);
    auto got = engine->partition_offset_at_sync(v0_only.request.topics.front().name, 0, 1);
    ASSERT_TRUE(!got.ok());
    EXPECT_TRUE(net::test::has_code(got.error(), client_errc::unsupported_version));
    EXPECT_TRUE(net::test::contains(got.error().message, "only ListOffsets v0"));
    EXPECT_TRUE(broker.asked().empty());
}
