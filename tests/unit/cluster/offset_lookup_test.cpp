// ListOffsets by time against a scripted broker: the sandbox (librdkafka's
// mock) answers -1 to every timestamp lookup, so the "start at a time" path
// is proven here. The broker checks the request carries the timestamp for
// each partition and answers per partition: an offset, -1 (nothing at or
// after that time), an error, and one partition left out.

#include "cluster/offset_lookup.h"
#include "fake_broker.h"
#include "net/connection.h"
#include "protocol/frame.h"
#include "protocol/messages/list_offsets.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::net;
using namespace kafkascope::net::test;
using namespace std::chrono_literals;

TEST_CASE(timestamp_lookup_answers_each_partition) {
    asio::io_context io;
    constexpr std::int64_t kTime = 1'700'000'123'456;
    std::vector<std::int64_t> asked;
    std::int16_t version_seen = -1;
    FakeBroker broker(io, [&](FakeSession& s) -> asio::awaitable<void> {
        if (!co_await s.handshake(default_api_versions())) co_return;
        auto request = co_await s.read_request();
        if (!request) co_return;
        version_seen = request->api_version;
        auto decoded = protocol::decode_body<protocol::ListOffsetsRequest>(request->body, request->api_version, "request");
        if (!decoded) co_return;
        protocol::ListOffsetsResponse response;
        protocol::ListOffsetsResponse::Topic topic;
        topic.name = decoded->topics.at(0).name;
        for (const auto& p : decoded->topics.at(0).partitions) {
            asked.push_back(p.timestamp);
            if (p.partition_index == 3) continue;  // left out of the answer
            protocol::ListOffsetsResponse::Partition answer;
            answer.partition_index = p.partition_index;
            if (p.partition_index == 0) answer.offset = 17, answer.timestamp = kTime + 5;
            if (p.partition_index == 1) answer.offset = -1;  // nothing that late
            if (p.partition_index == 2) answer.error_code = 6;  // NOT_LEADER_OR_FOLLOWER
            topic.partitions.push_back(answer);
        }
        response.topics.push_back(topic);
        co_await s.respond(request->correlation_id,
                           protocol::encode_body(response, request->api_version));
        co_await s.read_request();
    });
    run_coroutine(io, [&]() -> asio::awaitable<void> {
        const ConnectionOptions options;
        auto connection = co_await Connection::open(io.get_executor(), broker.address(), options);
        ASSERT_EQ(error_text(connection), std::string());
        const std::vector<std::int32_t> partitions{0, 1, 2, 3};
        auto answers = co_await cluster::list_offsets(**connection, "events", partitions, kTime);
        ASSERT_EQ(error_text(answers), std::string());
        ASSERT_EQ(answers->size(), std::size_t{4});
        EXPECT_EQ((*answers)[0].offset, std::int64_t{17});
        EXPECT_FALSE(static_cast<bool>((*answers)[0].error));
        EXPECT_EQ((*answers)[1].offset, std::int64_t{-1});
        EXPECT_FALSE(static_cast<bool>((*answers)[1].error));
        EXPECT_TRUE(contains((*answers)[2].error.message, "NOT_LEADER_OR_FOLLOWER"));
        EXPECT_TRUE(contains((*answers)[2].error.message, "events/2"));
        EXPECT_TRUE(contains((*answers)[3].error.message, "did not answer ListOffsets for events/3"));
        (*connection)->close();
    });
    EXPECT_EQ(asked, (std::vector<std::int64_t>{kTime, kTime, kTime, kTime}));
    EXPECT_TRUE(version_seen >= 1);  // v0 cannot look up by time
}
