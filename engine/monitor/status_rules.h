#pragma once
// Consumer health per partition and group, after Burrow's evaluation rules,
// adapted to what polling can see (see DESIGN.md "Lag monitor"): we observe
// the committed offset once per poll, not each commit, so the "window of
// commits" is the newest N polls and "a commit arrived" means the group has
// a live member (DescribeGroups) while the offset stays put. Pure code,
// table-tested.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "monitor/lag_history.h"

namespace kafkascope::monitor {

// Ordered by severity: a group takes its worst partition.
enum class LagStatus {
    ok = 0,
    warn = 1,    // offsets advance but the lag never shrinks over the window
    rewind = 2,  // the committed offset went backwards inside the window
    stall = 3,   // a live member holds the partition, lag > 0, the offset does not move
    stop = 4,    // no member moves the offset for longer than the window spans, lag > 0
};

// Whether a live member holds the partition's group: from DescribeGroups,
// which not every cluster answers.
enum class MemberActivity { unknown, none, active };

struct StatusRules {
    std::size_t window = 10;  // polls judged together (Burrow's default: 10 commits)
};

// `window` holds the newest samples, oldest first (at most rules.window are used).
LagStatus evaluate_partition(std::span<const LagSample> window, MemberActivity members, const StatusRules& rules);

LagStatus worse(LagStatus a, LagStatus b);
const char* status_name(LagStatus s);  // "OK", "WARN", "REWIND", "STALL", "STOP"

}  // namespace kafkascope::monitor
