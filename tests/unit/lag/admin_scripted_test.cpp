// The group admin calls through the Engine against scripted in-process
// brokers (frame_cluster.h) that answer ListGroups / DescribeGroups /
// DeleteGroups / OffsetDelete with frames captured from franz-go's kfake
// (tests/data/golden): the librdkafka mock sandbox has none of these APIs.

#include <string>
#include <vector>

#include "admin/admin_errors.h"
#include "admin/group_description.h"
#include "engine.h"
#include "frame_cluster.h"
#include "protocol/messages/delete_groups.h"
#include "protocol/messages/describe_groups.h"
#include "protocol/messages/list_groups.h"
#include "protocol/messages/offset_delete.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;

namespace {

const std::string kKgo28 = "kgo-1.21.6_vs_kfake-as-2.8";

NodeScript kgo_group_node() {
    NodeScript n;
    n.frames[16] = pick("list_groups.jsonl", kKgo28, 4, 20);
    n.frames[15] = pick("describe_groups.jsonl", kKgo28, 5);
    n.frames[42] = pick("delete_groups.jsonl", "kgo-1.21.6_vs_kfake", 2);
    n.frames[47] = pick("offset_delete.jsonl", kKgo28, 0);
    return n;
}

}  // namespace

TEST_CASE(list_groups_from_a_captured_answer) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    auto listed = engine->list_groups_sync();
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->brokers_asked, 1);
    EXPECT_TRUE(listed->failures.empty());
    ASSERT_EQ(listed->groups.size(), std::size_t{1});
    EXPECT_EQ(listed->groups[0].group_id, std::string("kgo-group"));
    EXPECT_EQ(listed->groups[0].protocol_type, std::string("consumer"));
    EXPECT_EQ(listed->groups[0].state, std::string("Stable"));
    EXPECT_EQ(listed->groups[0].coordinator, 1);

    // The state filter travels in the request (v4+).
    auto filtered = engine->list_groups_sync({"Stable", "Empty"});
    ASSERT_TRUE(filtered.ok());
    auto sent = cluster.requests(protocol::kListGroupsApi.key);
    ASSERT_EQ(sent.size(), std::size_t{2});
    EXPECT_TRUE(decode_request<protocol::ListGroupsRequest>(sent[0]).states_filter.empty());
    EXPECT_TRUE(decode_request<protocol::ListGroupsRequest>(sent[1]).states_filter ==
                std::vector<std::string>({"Stable", "Empty"}));
}

TEST_CASE(list_groups_reports_a_broker_without_list_groups_and_keeps_the_rest) {
    NodeScript bare;  // node 2 has no ListGroups at all
    FrameCluster cluster({kgo_group_node(), bare});
    auto engine = engine_for(cluster);
    auto listed = engine->list_groups_sync();
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->brokers_asked, 2);
    ASSERT_EQ(listed->groups.size(), std::size_t{1});
    EXPECT_EQ(listed->groups[0].group_id, std::string("kgo-group"));
    ASSERT_EQ(listed->failures.size(), std::size_t{1});
    EXPECT_EQ(listed->failures[0].node_id, 2);
    EXPECT_EQ(listed->failures[0].address, cluster.address(2));
    EXPECT_TRUE(listed->failures[0].error.message.find("ListGroups") != std::string::npos);
    // Nothing was sent to node 2 that it could not answer.
    EXPECT_EQ(cluster.requests(protocol::kListGroupsApi.key).size(), std::size_t{1});
}

TEST_CASE(describe_groups_decodes_members_and_assignments) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    auto described = engine->describe_groups_sync({"kgo-group"});
    ASSERT_TRUE(described.ok());
    ASSERT_EQ(described->size(), std::size_t{1});
    const admin::GroupDescription& g = described->front();
    EXPECT_FALSE(static_cast<bool>(g.error));
    EXPECT_EQ(g.state, std::string("Stable"));
    EXPECT_EQ(g.protocol_type, std::string("consumer"));
    EXPECT_EQ(g.protocol, std::string("cooperative-sticky"));
    EXPECT_EQ(g.coordinator, 1);
    ASSERT_EQ(g.members.size(), std::size_t{1});
    const admin::GroupMemberDescription& m = g.members[0];
    EXPECT_TRUE(m.member_id.starts_with("kgo-capclient-"));
    EXPECT_EQ(m.client_id, std::string("kgo-capclient"));
    EXPECT_EQ(m.client_host, std::string("127.0.0.1:41554"));
    EXPECT_EQ(m.decode_error, std::string());
    EXPECT_TRUE(m.subscription == std::vector<std::string>({"kgo-lz4", "kgo-zstd"}));
    ASSERT_EQ(m.assignment.size(), std::size_t{2});
    EXPECT_EQ(m.assignment[0].topic, std::string("kgo-lz4"));
    EXPECT_TRUE(m.assignment[0].partitions == std::vector<std::int32_t>({0, 1, 2}));
    EXPECT_EQ(m.assignment[1].topic, std::string("kgo-zstd"));
    EXPECT_TRUE(m.assignment[1].partitions == std::vector<std::int32_t>({0, 1, 2}));
    EXPECT_TRUE(admin::has_active_members(g));

    auto sent = cluster.requests(protocol::kDescribeGroupsApi.key);
    ASSERT_EQ(sent.size(), std::size_t{1});
    EXPECT_TRUE(decode_request<protocol::DescribeGroupsRequest>(sent[0]).groups ==
                std::vector<std::string>({"kgo-group"}));
}

TEST_CASE(describe_groups_without_the_api_names_it) {
    NodeScript bare;
    FrameCluster cluster({bare});
    auto engine = engine_for(cluster);
    auto described = engine->describe_groups_sync({"g1", "g2"});
    ASSERT_TRUE(described.ok());
    ASSERT_EQ(described->size(), std::size_t{2});
    for (const auto& g : *described) {
        EXPECT_TRUE(static_cast<bool>(g.error));
        EXPECT_TRUE(g.error.message.find("DescribeGroups") != std::string::npos);
    }
    EXPECT_EQ((*described)[1].group_id, std::string("g2"));
}

TEST_CASE(delete_groups_and_offsets) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    auto deleted = engine->delete_groups_sync({"kgo-group"});
    ASSERT_TRUE(deleted.ok());
    ASSERT_EQ(deleted->size(), std::size_t{1});
    EXPECT_FALSE(static_cast<bool>(deleted->front().error));
    auto sent = cluster.requests(protocol::kDeleteGroupsApi.key);
    ASSERT_EQ(sent.size(), std::size_t{1});
    EXPECT_TRUE(decode_request<protocol::DeleteGroupsRequest>(sent[0]).groups_names ==
                std::vector<std::string>({"kgo-group"}));

    std::vector<consumer::TopicPartitions> which{{"kgo-zstd", {0, 1, 2}}};
    auto offsets = engine->delete_group_offsets_sync("kgo-group", which);
    ASSERT_TRUE(offsets.ok());
    ASSERT_EQ(offsets->size(), std::size_t{3});
    for (const auto& d : *offsets) {
        EXPECT_EQ(d.topic, std::string("kgo-zstd"));
        EXPECT_FALSE(static_cast<bool>(d.error));
    }
    auto od = cluster.requests(protocol::kOffsetDeleteApi.key);
    ASSERT_EQ(od.size(), std::size_t{1});
    auto request = decode_request<protocol::OffsetDeleteRequest>(od[0]);
    EXPECT_EQ(request.group_id, std::string("kgo-group"));
    ASSERT_EQ(request.topics.size(), std::size_t{1});
    EXPECT_EQ(request.topics[0].partitions.size(), std::size_t{3});
}

TEST_CASE(delete_groups_error_names_group_and_code) {
    NodeScript n;
    n.frames[42] = pick("delete_groups.jsonl", "kmsg-version-sweep_vs_kfake", 1);  // GROUP_ID_NOT_FOUND
    FrameCluster cluster({n});
    auto engine = engine_for(cluster);
    auto deleted = engine->delete_groups_sync({"sweep-group"});
    ASSERT_TRUE(deleted.ok());
    ASSERT_EQ(deleted->size(), std::size_t{1});
    EXPECT_TRUE(admin::has_kafka_code(deleted->front().error, 69));
    EXPECT_TRUE(deleted->front().error.message.find("sweep-group") != std::string::npos);
    EXPECT_TRUE(deleted->front().error.message.find("GROUP_ID_NOT_FOUND") != std::string::npos);
    // A group the answer leaves out is not reported as deleted.
    auto other = engine->delete_groups_sync({"not-in-the-answer"});
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(static_cast<bool>(other->front().error));
}

TEST_CASE(reset_is_refused_when_describe_groups_shows_members) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    admin::ResetSpec spec;
    spec.group = "kgo-group";
    spec.topic = "kgo-zstd";
    spec.kind = admin::ResetKind::earliest;
    for (bool execute : {false, true}) {
        auto reset = engine->reset_group_offsets_sync(spec, execute);
        ASSERT_TRUE(!reset.ok());
        EXPECT_TRUE(admin::has_kafka_code(reset.error(), admin::kNonEmptyGroup));
        EXPECT_TRUE(reset.error().message.find("kgo-group has active members") != std::string::npos);
        EXPECT_TRUE(reset.error().message.find("Stable") != std::string::npos);
    }
    // Refused before anything was committed.
    EXPECT_TRUE(cluster.requests(8).empty());
}
