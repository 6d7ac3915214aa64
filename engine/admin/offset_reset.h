#pragma once
// Offset reset of one group on one topic, for a group with no active
// members. The dry run reads committed offsets, log bounds (and, for a
// timestamp, ListOffsets by time) and returns the before / after table
// without writing; the real run computes the same table and commits exactly
// it with generation -1 (the "simple" commit of Kafka's admin tools).
//
// Active members are refused with NON_EMPTY_GROUP naming the group: found by
// DescribeGroups where the coordinator has it, otherwise by the coordinator
// itself, which answers a generation -1 commit with UNKNOWN_MEMBER_ID /
// ILLEGAL_GENERATION / REBALANCE_IN_PROGRESS while members are active. A dry
// run without DescribeGroups probes that way by committing back an offset
// the group already has (same offset and metadata; nothing moves). Engine
// thread only.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "admin/offset_reset_plan.h"
#include "cluster/cluster_types.h"
#include "core/result.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

asio::awaitable<Result<ResetResult>> reset_group_offsets(cluster::BrokerPool& pool, const ClusterMetadata& metadata,
                                                         ResetSpec spec, bool execute);

// Commits exactly a previewed table (a dry run's result), not a recomputed
// one: what the user confirmed is what is written, like
// kafka-consumer-groups --reset-offsets --from-file. Members are checked
// again first; the commit is refused while the group is active.
asio::awaitable<Result<ResetResult>> execute_reset_plan(cluster::BrokerPool& pool, ResetResult plan);

}  // namespace kafkascope::admin
