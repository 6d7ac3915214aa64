#pragma once
// First and last offsets of many partitions at once: partitions are grouped
// by leader and each leader gets one ListOffsets request per kind (earliest,
// latest), all leaders in parallel. A failing leader fails only its own
// partitions.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "cluster/broker_pool.h"
#include "cluster/cluster_types.h"

namespace kafkascope::cluster {

// topics empty = every topic in `metadata`. Result sorted by topic, partition.
asio::awaitable<std::vector<PartitionOffsets>> fetch_partition_offsets(
    BrokerPool& pool, const ClusterMetadata& metadata, const std::vector<std::string>& topics);

}  // namespace kafkascope::cluster
