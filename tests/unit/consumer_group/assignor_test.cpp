// Range and round-robin assignors against the distributions Java's
// RangeAssignor / RoundRobinAssignor documentation gives, and the consumer
// protocol subscription / assignment bytes as Java writes them.

#include "consumer/group_assignor.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::consumer;

namespace {

using Parts = std::vector<std::int32_t>;

protocol::Bytes hex(std::initializer_list<int> v) {
    protocol::Bytes out;
    for (int b : v) out.push_back(static_cast<std::uint8_t>(b));
    return out;
}

const std::map<std::string, std::int32_t> kTwoTopics{{"t0", 3}, {"t1", 5}};

}  // namespace

TEST_CASE(range_two_members_uneven_topics) {
    std::vector<GroupMember> members{{"c1", {"t0", "t1"}}, {"c0", {"t0", "t1"}}};
    auto plan = assign_range(members, kTwoTopics);
    EXPECT_TRUE(plan["c0"]["t0"] == Parts({0, 1}));
    EXPECT_TRUE(plan["c0"]["t1"] == Parts({0, 1, 2}));
    EXPECT_TRUE(plan["c1"]["t0"] == Parts({2}));
    EXPECT_TRUE(plan["c1"]["t1"] == Parts({3, 4}));
}

TEST_CASE(range_more_members_than_partitions) {
    std::vector<GroupMember> members{{"a", {"t"}}, {"b", {"t"}}, {"c", {"t"}}};
    auto plan = assign_range(members, {{"t", 2}});
    EXPECT_TRUE(plan["a"]["t"] == Parts({0}));
    EXPECT_TRUE(plan["b"]["t"] == Parts({1}));
    EXPECT_EQ(plan.count("c"), std::size_t{1});  // present, with nothing
    EXPECT_TRUE(plan["c"].empty());
}

TEST_CASE(range_only_subscribers_share_a_topic) {
    std::vector<GroupMember> members{{"a", {"t0"}}, {"b", {"t0", "t1"}}};
    auto plan = assign_range(members, kTwoTopics);
    EXPECT_TRUE(plan["a"]["t0"] == Parts({0, 1}));
    EXPECT_TRUE(plan["b"]["t0"] == Parts({2}));
    EXPECT_TRUE(plan["b"]["t1"] == Parts({0, 1, 2, 3, 4}));
    EXPECT_EQ(plan["a"].count("t1"), std::size_t{0});
}

TEST_CASE(round_robin_two_members) {
    std::vector<GroupMember> members{{"c1", {"t1", "t0"}}, {"c0", {"t0", "t1"}}};
    auto plan = assign_round_robin(members, kTwoTopics);
    EXPECT_TRUE(plan["c0"]["t0"] == Parts({0, 2}));
    EXPECT_TRUE(plan["c0"]["t1"] == Parts({1, 3}));
    EXPECT_TRUE(plan["c1"]["t0"] == Parts({1}));
    EXPECT_TRUE(plan["c1"]["t1"] == Parts({0, 2, 4}));
}

// The example of RoundRobinAssignor's javadoc: C0 [t0], C1 [t0, t1],
// C2 [t0, t1, t2]; t0, t1, t2 with 1, 2, 3 partitions.
TEST_CASE(round_robin_unequal_subscriptions_javadoc) {
    std::vector<GroupMember> members{{"C0", {"t0"}}, {"C1", {"t0", "t1"}}, {"C2", {"t0", "t1", "t2"}}};
    auto plan = assign_round_robin(members, {{"t0", 1}, {"t1", 2}, {"t2", 3}});
    EXPECT_TRUE(plan["C0"]["t0"] == Parts({0}));
    EXPECT_EQ(plan["C0"].size(), std::size_t{1});
    EXPECT_TRUE(plan["C1"]["t1"] == Parts({0}));
    EXPECT_EQ(plan["C1"].size(), std::size_t{1});
    EXPECT_TRUE(plan["C2"]["t1"] == Parts({1}));
    EXPECT_TRUE(plan["C2"]["t2"] == Parts({0, 1, 2}));
}

TEST_CASE(assign_by_name) {
    std::vector<GroupMember> members{{"m", {"t0"}}};
    EXPECT_TRUE(assign("range", members, kTwoTopics).ok());
    EXPECT_TRUE(assign("roundrobin", members, kTwoTopics).ok());
    EXPECT_FALSE(assign("sticky", members, kTwoTopics).ok());
}

TEST_CASE(subscription_v0_bytes) {
    GroupSubscription s;
    s.version = 0;
    s.topics = {"a"};
    auto bytes = encode_subscription(s);
    EXPECT_TRUE(bytes == hex({0, 0, 0, 0, 0, 1, 0, 1, 'a', 0xff, 0xff, 0xff, 0xff}));
    auto back = decode_subscription(bytes);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->version, std::int16_t{0});
    EXPECT_TRUE(back->topics == std::vector<std::string>({"a"}));
    EXPECT_FALSE(back->user_data.has_value());
}

TEST_CASE(subscription_v1_round_trip_and_newer_versions) {
    GroupSubscription s;
    s.topics = {"x", "y"};
    s.user_data = hex({1, 2});
    s.owned_partitions = {{"x", {0, 3}}};
    auto bytes = encode_subscription(s);
    auto back = decode_subscription(bytes);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->version, std::int16_t{1});
    EXPECT_TRUE(back->topics == s.topics);
    EXPECT_TRUE(back->user_data == s.user_data);
    EXPECT_TRUE(back->owned_partitions == s.owned_partitions);
    // A v3 member appends generation and rack: still readable.
    bytes[1] = 3;
    for (int b : {0, 0, 0, 7, 0xff, 0xff}) bytes.push_back(static_cast<std::uint8_t>(b));
    EXPECT_TRUE(decode_subscription(bytes).ok());
    // Truncated: an error, not a crash.
    bytes.resize(5);
    EXPECT_FALSE(decode_subscription(bytes).ok());
}

TEST_CASE(assignment_bytes_and_empty) {
    GroupAssignment a;
    a.version = 0;
    a.partitions = {{"t", {1}}};
    auto bytes = encode_assignment(a);
    EXPECT_TRUE(bytes == hex({0, 0, 0, 0, 0, 1, 0, 1, 't', 0, 0, 0, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff}));
    auto back = decode_assignment(bytes);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE(back->partitions == a.partitions);
    auto empty = decode_assignment({});
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->partitions.empty());
    auto plan = assign_range({{"m", {"t0", "t1"}}}, kTwoTopics);
    auto mine = to_assignment(plan["m"]);
    ASSERT_EQ(mine.partitions.size(), std::size_t{2});
    EXPECT_TRUE(mine.partitions[1].partitions == Parts({0, 1, 2, 3, 4}));
}
