// "Groups reading a topic" (admin/topic_groups.h) through the Engine against
// scripted brokers (frame_cluster.h) whose ListGroups, OffsetFetch and
// ListOffsets answers are encoded from the protocol structs
// (topic_groups_script.h): three listed groups, two with commits on the
// topic and one only on another topic, give exactly the two with
// end - committed as lag, at one request per broker per API. A broker without ListGroups is named in the failures
// while the others still count.

#include <string>
#include <vector>

#include "admin/topic_groups.h"
#include "engine.h"
#include "frame_cluster.h"
#include "protocol/messages/find_coordinator.h"
#include "protocol/messages/list_groups.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/offset_fetch.h"
#include "topic_groups_script.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace kafkascope::test::topic_groups;

TEST_CASE(topic_groups_keeps_the_groups_with_commits_on_the_topic) {
    FrameCluster cluster({node_one(), node_two()}, kTopic, kPartitions);
    auto engine = engine_for(cluster);
    auto found = engine->topic_consumer_groups_sync(kTopic);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->topic, kTopic);
    EXPECT_EQ(found->brokers_asked, 2);
    EXPECT_EQ(found->groups_listed, 3);
    EXPECT_TRUE(found->failures.empty());
    EXPECT_TRUE(found->group_failures.empty());
    ASSERT_EQ(found->groups.size(), std::size_t{2});  // "audit" reads only payments

    const admin::TopicGroupLag& billing = found->groups[0];
    EXPECT_EQ(billing.group_id, std::string("billing"));
    EXPECT_EQ(billing.state, std::string("Stable"));
    EXPECT_EQ(billing.protocol_type, std::string("consumer"));
    ASSERT_EQ(billing.partitions.size(), std::size_t{2});  // payments left out
    EXPECT_EQ(billing.partitions[0].partition, 0);
    EXPECT_EQ(billing.partitions[0].committed, 10);
    EXPECT_EQ(billing.partitions[0].end, kEnd[0]);
    EXPECT_EQ(billing.partitions[0].lag, 5);
    EXPECT_EQ(billing.partitions[1].partition, 1);
    EXPECT_EQ(billing.partitions[1].end, kEnd[1]);
    EXPECT_EQ(billing.partitions[1].lag, 0);
    EXPECT_FALSE(static_cast<bool>(billing.partitions[0].error));
    EXPECT_EQ(billing.total_lag, 5);
    EXPECT_EQ(billing.max_lag, 5);

    const admin::TopicGroupLag& shipping = found->groups[1];
    EXPECT_EQ(shipping.group_id, std::string("shipping"));
    ASSERT_EQ(shipping.partitions.size(), std::size_t{1});
    EXPECT_EQ(shipping.partitions[0].partition, 2);
    EXPECT_EQ(shipping.partitions[0].committed, 30);
    EXPECT_EQ(shipping.partitions[0].end, kEnd[2]);
    EXPECT_EQ(shipping.partitions[0].lag, 10);
    EXPECT_EQ(shipping.total_lag, 10);
    EXPECT_EQ(shipping.max_lag, 10);

    // Bounded cost: one ListGroups per broker, one OffsetFetch per
    // coordinator carrying all its groups, no FindCoordinator (the listing
    // names the coordinator), ListOffsets once per kind on the one leader.
    EXPECT_EQ(cluster.requests(protocol::kListGroupsApi.key).size(), std::size_t{2});
    EXPECT_EQ(cluster.requests(protocol::kFindCoordinatorApi.key).size(), std::size_t{0});
    EXPECT_EQ(found->find_coordinator_requests, 0);
    auto fetches = cluster.requests(protocol::kOffsetFetchApi.key);
    ASSERT_EQ(fetches.size(), std::size_t{2});
    EXPECT_EQ(found->offset_fetch_requests, 2);
    auto nodes = cluster.request_nodes(protocol::kOffsetFetchApi.key);
    for (std::size_t i = 0; i < fetches.size(); ++i) {
        auto request = decode_request<protocol::OffsetFetchRequest>(fetches[i]);
        const std::size_t expected_groups = nodes[i] == 1 ? 2 : 1;
        ASSERT_EQ(request.groups.size(), expected_groups);
        for (const auto& g : request.groups) {
            // Only the topic's partitions are asked for, not everything committed.
            ASSERT_TRUE(g.topics.has_value());
            ASSERT_EQ(g.topics->size(), std::size_t{1});
            EXPECT_EQ((*g.topics)[0].name, kTopic);
            EXPECT_TRUE((*g.topics)[0].partition_indexes == std::vector<std::int32_t>({0, 1, 2}));
        }
    }
    EXPECT_EQ(cluster.requests(protocol::kListOffsetsApi.key).size(), std::size_t{2});
}

TEST_CASE(topic_groups_names_a_broker_without_list_groups_and_keeps_the_rest) {
    NodeScript bare = node_two();
    bare.responders.erase(protocol::kListGroupsApi.key);  // node 2 has no ListGroups at all
    FrameCluster cluster({node_one(), bare}, kTopic, kPartitions);
    auto engine = engine_for(cluster);
    auto found = engine->topic_consumer_groups_sync(kTopic);
    ASSERT_TRUE(found.ok());
    ASSERT_EQ(found->failures.size(), std::size_t{1});
    EXPECT_EQ(found->failures[0].node_id, 2);
    EXPECT_EQ(found->failures[0].address, cluster.address(2));
    const std::string& message = found->failures[0].error.message;
    EXPECT_TRUE(message.find("ListGroups") != std::string::npos);
    EXPECT_TRUE(message.find(cluster.address(2)) != std::string::npos);
    // Node 1's groups still come through.
    ASSERT_EQ(found->groups.size(), std::size_t{1});
    EXPECT_EQ(found->groups[0].group_id, std::string("billing"));
    EXPECT_EQ(found->groups[0].total_lag, 5);
}

TEST_CASE(topic_groups_reports_a_group_the_coordinator_left_out) {
    NodeScript two = node_two();
    two.responders[protocol::kListGroupsApi.key] = list_groups({{"shipping", "Stable"}, {"ghost", "Dead"}});
    FrameCluster cluster({node_one(), two}, kTopic, kPartitions);
    auto engine = engine_for(cluster);
    auto found = engine->topic_consumer_groups_sync(kTopic);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->groups.size(), std::size_t{2});
    ASSERT_EQ(found->group_failures.size(), std::size_t{1});
    EXPECT_EQ(found->group_failures[0].group_id, std::string("ghost"));
    EXPECT_TRUE(found->group_failures[0].error.message.find("ghost") != std::string::npos);
}

TEST_CASE(topic_groups_of_an_unknown_topic_is_an_error) {
    FrameCluster cluster({node_one()}, kTopic, kPartitions);
    auto engine = engine_for(cluster);
    auto found = engine->topic_consumer_groups_sync("no-such-topic");
    ASSERT_TRUE(!found.ok());
    EXPECT_TRUE(found.error().message.find("no-such-topic") != std::string::npos);
    EXPECT_TRUE(cluster.requests(protocol::kListGroupsApi.key).empty());
}

TEST_CASE(partition_lag_is_never_negative_and_unknown_without_both_offsets) {
    EXPECT_EQ(admin::partition_lag(10, 15), 5);
    EXPECT_EQ(admin::partition_lag(15, 15), 0);
    EXPECT_EQ(admin::partition_lag(20, 15), 0);  // commit past a truncated log
    EXPECT_EQ(admin::partition_lag(-1, 15), -1);
    EXPECT_EQ(admin::partition_lag(10, -1), -1);
}
