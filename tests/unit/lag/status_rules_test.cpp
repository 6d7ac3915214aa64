// Burrow-style status rules over synthetic poll histories (one sample per
// 5 s poll): every status, the group's worst-partition rule and quiet
// partitions that must never read as STOP.

#include <string>
#include <vector>

#include "monitor/status_rules.h"
#include "unit_test.h"

using namespace kafkascope::monitor;

namespace {

constexpr std::int64_t kStep = 5'000;

// Samples from parallel lists of end and committed offsets.
std::vector<LagSample> history(const std::vector<std::int64_t>& ends, const std::vector<std::int64_t>& committed) {
    std::vector<LagSample> out;
    for (std::size_t i = 0; i < ends.size(); ++i) {
        out.push_back({1'700'000'000'000 + static_cast<std::int64_t>(i) * kStep, ends[i], committed[i]});
    }
    return out;
}

struct Row {
    const char* name;
    std::vector<std::int64_t> ends;
    std::vector<std::int64_t> committed;
    MemberActivity members;
    LagStatus expected;
};

}  // namespace

TEST_CASE(status_rules_table) {
    const std::vector<Row> rows = {
        // Consumer keeps up and reaches the end: OK.
        {"caught up", {10, 20, 30, 40, 50, 60, 70, 80, 90, 100}, {10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
         MemberActivity::unknown, LagStatus::ok},
        // Lag shrinks overall though never reaching 0: OK.
        {"catching up", {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, {10, 20, 30, 40, 50, 60, 70, 80, 90, 95},
         MemberActivity::active, LagStatus::ok},
        // Offsets advance but lag grows every poll: WARN.
        {"falling behind", {100, 120, 140, 160, 180, 200, 220, 240, 260, 280}, {90, 100, 110, 120, 130, 140, 150, 160, 170, 180},
         MemberActivity::active, LagStatus::warn},
        // Offsets advance, lag fixed (never decreases): WARN (Burrow rule 3).
        {"fixed lag", {100, 110, 120, 130, 140, 150, 160, 170, 180, 190}, {90, 100, 110, 120, 130, 140, 150, 160, 170, 180},
         MemberActivity::active, LagStatus::warn},
        // A live member, lag > 0, offset frozen the whole window: STALL.
        {"stalled member", {100, 110, 120, 130, 140, 150, 160, 170, 180, 190}, {50, 50, 50, 50, 50, 50, 50, 50, 50, 50},
         MemberActivity::active, LagStatus::stall},
        // Nobody moves the offset for the whole window while lag > 0: STOP.
        {"stopped, no members", {100, 110, 120, 130, 140, 150, 160, 170, 180, 190}, {50, 50, 50, 50, 50, 50, 50, 50, 50, 50},
         MemberActivity::none, LagStatus::stop},
        {"stopped, membership unknown", {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, {50, 50, 50, 50, 50, 50, 50, 50, 50, 50},
         MemberActivity::unknown, LagStatus::stop},
        // The committed offset went backwards: REWIND (even with lag shrinking later).
        {"rewind", {100, 100, 100, 100, 100, 100, 100, 100, 100, 100}, {90, 95, 99, 20, 30, 40, 50, 60, 70, 80},
         MemberActivity::active, LagStatus::rewind},
        // Quiet partition: nothing produced, consumer at the end, no commit
        // for the whole window: not STOP.
        {"quiet, caught up", {500, 500, 500, 500, 500, 500, 500, 500, 500, 500}, {500, 500, 500, 500, 500, 500, 500, 500, 500, 500},
         MemberActivity::none, LagStatus::ok},
        // Quiet that reached the end within the window: OK.
        {"quiet after catching up", {500, 500, 500, 500, 500, 500, 500, 500, 500, 500}, {480, 490, 500, 500, 500, 500, 500, 500, 500, 500},
         MemberActivity::unknown, LagStatus::ok},
        // Fewer polls than the window: not judged yet.
        {"short history", {100, 100, 100}, {50, 50, 50}, MemberActivity::none, LagStatus::ok},
        // Never committed: nothing to judge.
        {"no commit", {100, 110, 120, 130, 140, 150, 160, 170, 180, 190}, {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1},
         MemberActivity::none, LagStatus::ok},
        // Only the newest 10 polls count: an old rewind has left the window.
        {"old rewind left the window", {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100},
         {60, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100}, MemberActivity::active, LagStatus::ok},
    };
    for (const Row& row : rows) {
        auto samples = history(row.ends, row.committed);
        const LagStatus got = evaluate_partition(samples, row.members, StatusRules{});
        if (got != row.expected) {
            kafkascope::test::report_failure(__FILE__, __LINE__,
                                             std::string(row.name) + ": got " + status_name(got) + ", expected " +
                                                 status_name(row.expected));
        }
    }
}

TEST_CASE(status_window_size_is_a_parameter) {
    // 4 frozen polls: STOP with a window of 4, not judged with the default 10.
    auto samples = history({100, 100, 100, 100}, {50, 50, 50, 50});
    EXPECT_EQ(evaluate_partition(samples, MemberActivity::none, StatusRules{4}), LagStatus::stop);
    EXPECT_EQ(evaluate_partition(samples, MemberActivity::none, StatusRules{10}), LagStatus::ok);
}

TEST_CASE(group_takes_its_worst_partition) {
    EXPECT_EQ(worse(LagStatus::ok, LagStatus::warn), LagStatus::warn);
    EXPECT_EQ(worse(LagStatus::stop, LagStatus::warn), LagStatus::stop);
    EXPECT_EQ(worse(LagStatus::rewind, LagStatus::stall), LagStatus::stall);
    EXPECT_EQ(worse(LagStatus::ok, LagStatus::ok), LagStatus::ok);
    EXPECT_EQ(std::string(status_name(LagStatus::stall)), std::string("STALL"));
}
