#pragma once
// What the lag monitor hands out after every poll cycle: plain values, safe
// to copy across threads.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "admin/group_types.h"
#include "core/error.h"
#include "monitor/lag_history.h"
#include "monitor/status_rules.h"
#include "monitor/time_lag.h"

namespace kafkascope::monitor {

struct LagMonitorConfig {
    // Groups to watch; empty: every group ListGroups finds (asked each cycle).
    std::vector<std::string> groups;
    std::chrono::milliseconds interval{5'000};
    std::size_t history_capacity = LagHistory::kDefaultCapacity;  // 1 h at 5 s
    StatusRules rules;
    std::size_t rate_window = 12;  // samples behind the catch-up rates (1 min at 5 s)
    // Exact time lag: fetch the record at the committed offset and use its
    // timestamp. Costs one Fetch per lagging partition, so it is bounded.
    bool exact_time_lag = false;
    std::size_t exact_max_partitions = 64;
    // Ask DescribeGroups for state and members where the coordinators have it.
    bool describe_groups = true;
    // Copy each partition's whole history into every snapshot (charts).
    bool history_in_snapshot = false;
};

struct PartitionLag {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t committed = -1;  // -1: nothing committed
    std::int64_t log_start = -1;
    std::int64_t log_end = -1;    // high watermark
    std::int64_t lag = -1;        // log_end - committed; -1 unknown
    std::optional<TimeLag> time_lag;          // from the history (or exact mode)
    std::optional<double> catch_up_seconds;   // nullopt: not gaining on the producer
    bool below_log_start = false;  // committed < log start: data lost to retention
    LagStatus status = LagStatus::ok;
    std::string owner;             // member id holding it (DescribeGroups), "" unknown
    std::vector<LagSample> history;  // only with history_in_snapshot
    Error error;
};

struct GroupLag {
    std::string group_id;
    std::string state;  // DescribeGroups / ListGroups state, "" unknown
    int members = -1;   // -1 unknown
    std::vector<std::string> topics;
    std::int64_t total_lag = 0;
    std::int64_t max_lag = 0;
    std::optional<double> max_time_lag_seconds;
    LagStatus status = LagStatus::ok;  // its worst partition
    std::vector<PartitionLag> partitions;  // by topic, partition
    std::vector<std::pair<std::int64_t, std::int64_t>> total_lag_history;  // (time ms, total lag)
    Error error;  // offsets could not be read this cycle
};

struct LagSnapshot {
    std::uint64_t cycle = 0;
    std::int64_t time_ms = 0;
    std::vector<GroupLag> groups;  // by group id
    std::vector<admin::BrokerFailure> failures;  // ListGroups etc. per broker
    Error error;  // the cycle as a whole failed (no metadata, ...)
    // Cost of the cycle: requests by API name, and wall time.
    int requests = 0;
    int list_offsets_requests = 0;
    int offset_fetch_requests = 0;
    int other_requests = 0;  // Metadata, ListGroups, FindCoordinator, DescribeGroups, Fetch
    std::chrono::microseconds duration{0};
};

}  // namespace kafkascope::monitor
