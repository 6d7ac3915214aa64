#pragma once
// Committed offsets of several groups at once: one OffsetFetch per
// coordinator carrying every group it coordinates (v8+, KIP-709), or, on
// older coordinators, one request per group pipelined on the same
// connection. Each group gets every partition it has committed. The
// coordinator map is a cache the caller keeps between calls: groups missing
// from it are looked up, and groups whose coordinator moved are dropped from
// it (and reported with the error) so the next call finds them again.
// Engine thread only.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "cluster/group_coordinators.h"
#include "admin/group_types.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

struct GroupOffsetsBatch {
    std::vector<GroupOffsets> groups;  // in the order asked
    int offset_fetch_requests = 0;
    int find_coordinator_requests = 0;
};

// `every_partition` (optional) lists the cluster's partitions: used for
// coordinators that cannot answer "everything committed" (see
// cluster::CoordinatorMap::no_null_topics); partitions answered -1 are then left out.
asio::awaitable<GroupOffsetsBatch> fetch_groups_offsets(
    cluster::BrokerPool& pool, std::vector<std::string> groups, cluster::CoordinatorMap& coordinators,
    const std::vector<consumer::TopicPartitions>* every_partition = nullptr);

}  // namespace kafkascope::admin
