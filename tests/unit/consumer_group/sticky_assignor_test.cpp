// The cooperative-sticky assignor: balanced, keeps what members own, and
// defers (leaves out) partitions that move from one member to another, as
// KIP-429's two-round protocol needs.

#include <algorithm>
#include <set>

#include "consumer/group_assignor.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::consumer;

namespace {

using Parts = std::vector<std::int32_t>;

std::size_t total(const GroupPlan& plan) {
    std::size_t n = 0;
    for (const auto& [m, topics] : plan) {
        for (const auto& [t, ps] : topics) n += ps.size();
    }
    return n;
}

Parts of(const GroupPlan& plan, const std::string& member, const std::string& topic = "t") {
    auto m = plan.find(member);
    if (m == plan.end()) return {};
    auto t = m->second.find(topic);
    return t == m->second.end() ? Parts{} : t->second;
}

// Owned partitions after a round: what the plan gave each member.
std::vector<GroupMember> next_round(const std::vector<GroupMember>& members, const GroupPlan& plan) {
    std::vector<GroupMember> out;
    for (const GroupMember& m : members) {
        GroupMember n{m.member_id, m.topics, {}};
        for (const auto& [t, ps] : plan.at(m.member_id)) n.owned.push_back({t, ps});
        out.push_back(std::move(n));
    }
    return out;
}

}  // namespace

TEST_CASE(fresh_group_is_balanced_and_covers_everything) {
    std::vector<GroupMember> members{{"a", {"t"}}, {"b", {"t"}}, {"c", {"t"}}};
    auto plan = assign_cooperative_sticky(members, {{"t", 7}});
    EXPECT_EQ(total(plan), std::size_t{7});
    std::set<std::int32_t> seen;
    for (const char* m : {"a", "b", "c"}) {
        const auto ps = of(plan, m);
        EXPECT_TRUE(ps.size() == 2 || ps.size() == 3);
        seen.insert(ps.begin(), ps.end());
    }
    EXPECT_EQ(seen.size(), std::size_t{7});
}

TEST_CASE(a_joining_member_takes_only_moved_partitions_in_two_rounds) {
    // a owns all 6; b joins.
    std::vector<GroupMember> members{{"a", {"t"}, {{"t", {0, 1, 2, 3, 4, 5}}}}, {"b", {"t"}}};
    auto first = assign_cooperative_sticky(members, {{"t", 6}});
    // Round 1: a keeps 3 of its own, the 3 that move are left out (still a's).
    EXPECT_EQ(of(first, "a").size(), std::size_t{3});
    EXPECT_TRUE(of(first, "b").empty());
    // Round 2: a revoked them; now b gets exactly those, a keeps its 3.
    auto second = assign_cooperative_sticky(next_round(members, first), {{"t", 6}});
    EXPECT_TRUE(of(second, "a") == of(first, "a"));
    EXPECT_EQ(of(second, "b").size(), std::size_t{3});
    EXPECT_EQ(total(second), std::size_t{6});
}

TEST_CASE(a_leaving_member_moves_nothing_else) {
    std::vector<GroupMember> members{{"a", {"t"}, {{"t", {0, 1}}}}, {"c", {"t"}, {{"t", {4, 5}}}}};
    // b (which owned 2, 3) left: a and c keep theirs and share 2 and 3.
    auto plan = assign_cooperative_sticky(members, {{"t", 6}});
    const auto a = of(plan, "a"), c = of(plan, "c");
    const Parts a_had{0, 1}, c_had{4, 5};
    EXPECT_TRUE(std::includes(a.begin(), a.end(), a_had.begin(), a_had.end()));
    EXPECT_TRUE(std::includes(c.begin(), c.end(), c_had.begin(), c_had.end()));
    EXPECT_EQ(a.size(), std::size_t{3});
    EXPECT_EQ(c.size(), std::size_t{3});
}

TEST_CASE(owned_partitions_of_gone_topics_or_unsubscribed_are_dropped) {
    std::vector<GroupMember> members{{"a", {"t"}, {{"t", {0, 9}}, {"old", {0}}}}};
    auto plan = assign_cooperative_sticky(members, {{"t", 2}, {"old", 1}});
    EXPECT_TRUE(of(plan, "a") == Parts({0, 1}));
    EXPECT_TRUE(of(plan, "a", "old").empty());
}

TEST_CASE(assign_dispatches_the_protocol_name) {
    std::vector<GroupMember> members{{"a", {"t"}}};
    auto plan = assign(kCooperativeStickyAssignor, members, {{"t", 2}});
    ASSERT_TRUE(plan.ok());
    EXPECT_TRUE(of(*plan, "a") == Parts({0, 1}));
}
