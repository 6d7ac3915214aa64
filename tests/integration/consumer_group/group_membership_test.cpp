// GroupMembership against the sandbox: a lone member (range, then
// round-robin) is the leader and gets every partition of its topics, keeps
// its generation through heartbeats, and leaves cleanly.

#include <future>
#include <set>
#include <thread>

#include "consumer/group_membership.h"
#include "engine.h"
#include "sandbox_control.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

namespace {

std::unique_ptr<Engine> make_engine() { return sandbox_engine("group-membership-test"); }

consumer::GroupMembershipConfig config(const std::string& group, std::vector<std::string> assignors) {
    consumer::GroupMembershipConfig c;
    c.group_id = group;
    c.topics = {"members", "members_b"};
    c.session_timeout = 6000ms;  // the mock makes the next joiner wait session - 1 s
    c.rebalance_timeout = 10000ms;
    c.heartbeat_interval = 500ms;
    c.assignors = std::move(assignors);
    return c;
}

void join_alone(const std::string& group, std::vector<std::string> assignors, const std::string& expected) {
    auto engine = make_engine();
    {
        auto membership = engine->create_group_membership(config(group, std::move(assignors)));
        ASSERT_TRUE(membership.ok());
        auto joined = (*membership)->join_sync();
        if (!joined) report_failure(__FILE__, __LINE__, joined.error().message);
        ASSERT_TRUE(joined.ok());
        EXPECT_TRUE(joined->is_leader());
        EXPECT_FALSE(joined->member_id.empty());
        EXPECT_TRUE(joined->generation_id >= 1);
        EXPECT_EQ(joined->protocol_name, expected);
        EXPECT_TRUE(joined->assignment["members"] == std::vector<std::int32_t>({0, 1, 2, 3}));
        EXPECT_TRUE(joined->assignment["members_b"] == std::vector<std::int32_t>({0, 1}));

        // Several heartbeats pass without a rebalance.
        std::this_thread::sleep_for(1600ms);
        EXPECT_FALSE((*membership)->needs_rejoin());

        // A simple commit is refused while the group has a live member.
        std::vector<consumer::OffsetToCommit> offsets{{"members", 0, 1, {}}};
        auto commit = engine->commit_offsets_sync(group, offsets);
        EXPECT_TRUE(!commit.ok() || (commit->size() == 1 && commit->front().error));

        auto left = (*membership)->leave_sync();
        if (!left) report_failure(__FILE__, __LINE__, left.error().message);
        EXPECT_TRUE(left.ok());
        EXPECT_TRUE((*membership)->needs_rejoin());
    }
}

}  // namespace

TEST_CASE(lone_member_gets_every_partition_with_range) { join_alone("g-range", {"range", "roundrobin"}, "range"); }

TEST_CASE(lone_member_gets_every_partition_with_round_robin) {
    join_alone("g-roundrobin", {"roundrobin"}, "roundrobin");
}

// Two members of one engine share the group: each talks to the coordinator
// on its own connection, so neither's held JoinGroup stalls the other.
TEST_CASE(two_members_settle_on_one_generation_and_split_the_partitions) {
    auto engine = make_engine();
    auto a = engine->create_group_membership(config("g-two", {"range"}));
    auto b = engine->create_group_membership(config("g-two", {"range"}));
    ASSERT_TRUE(a.ok() && b.ok());
    auto first = (*a)->join_sync();
    ASSERT_TRUE(first.ok());

    // B's join is held until A rejoins, which A learns from a heartbeat.
    auto b_joined = std::async(std::launch::async, [&] { return (*b)->join_sync(); });
    Result<consumer::GroupJoinResult> a_joined = first;
    const auto deadline = std::chrono::steady_clock::now() + 40s;
    while (std::chrono::steady_clock::now() < deadline &&
           b_joined.wait_for(100ms) != std::future_status::ready) {
        if ((*a)->needs_rejoin()) a_joined = (*a)->join_sync();
    }
    ASSERT_TRUE(b_joined.wait_for(0s) == std::future_status::ready);
    auto second = b_joined.get();
    if (!second) report_failure(__FILE__, __LINE__, second.error().message);
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE(a_joined.ok());
    EXPECT_EQ(a_joined->generation_id, second->generation_id);
    EXPECT_TRUE(a_joined->is_leader() != second->is_leader());

    std::set<std::pair<std::string, std::int32_t>> owned;
    std::size_t total = 0;
    for (const auto* joined : {&*a_joined, &*second}) {
        std::size_t mine = 0;
        for (const auto& [topic, partitions] : joined->assignment) {
            for (auto p : partitions) owned.insert({topic, p});
            total += partitions.size();
            mine += partitions.size();
        }
        EXPECT_EQ(mine, std::size_t{3});  // range: 2 + 1 of 4 and 2 partitions each
    }
    EXPECT_EQ(total, std::size_t{6});
    EXPECT_EQ(owned.size(), std::size_t{6});

    // Settled: heartbeats keep both in the generation.
    std::this_thread::sleep_for(1500ms);
    EXPECT_FALSE((*a)->needs_rejoin());
    EXPECT_FALSE((*b)->needs_rejoin());
    EXPECT_TRUE((*b)->leave_sync().ok());
    EXPECT_TRUE((*a)->leave_sync().ok());
}

TEST_CASE(invalid_configs_are_refused) {
    auto engine = make_engine();
    EXPECT_FALSE(engine->create_group_membership(config("", {"range"})).ok());
    EXPECT_FALSE(engine->create_group_membership(config("g", {"sticky"})).ok());
}
