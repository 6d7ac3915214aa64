#pragma once
// The consumer groups that read one topic, with their lag on it, without a
// lag monitor: ListGroups on every broker, then the committed offsets of
// every listed group for that topic's partitions (one OffsetFetch per
// coordinator where it takes several groups, v8+), then the topic's end
// offsets (one ListOffsets per leader and kind). A group reads the topic when
// it has a commit on any of its partitions. The cost is about one request
// per broker per API whatever the number of groups or partitions (on
// coordinators below OffsetFetch v8, one pipelined request per group).
// Brokers and groups that fail are reported next to what the others
// answered. Engine thread only.

#include <cstdint>
#include <string>

#include <asio/awaitable.hpp>

#include "admin/topic_groups_types.h"
#include "cluster/cluster_types.h"
#include "core/result.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

// Lag of one partition: end - committed, never negative; -1 when either is unknown.
std::int64_t partition_lag(std::int64_t committed, std::int64_t end);

// Fails only when `topic` is not in `metadata` (which must list the brokers).
asio::awaitable<Result<TopicGroupsResult>> topic_consumer_groups(cluster::BrokerPool& pool,
                                                                 const ClusterMetadata& metadata,
                                                                 std::string topic);

}  // namespace kafkascope::admin
