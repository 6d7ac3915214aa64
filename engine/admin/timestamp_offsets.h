#pragma once
// The first offset at or after a timestamp for some partitions of one topic:
// one ListOffsets request per leader. -1 means no record at or after it.
// Engine thread only.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "cluster/cluster_types.h"
#include "core/result.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

asio::awaitable<std::map<std::int32_t, Result<std::int64_t>>> offsets_for_timestamp(
    cluster::BrokerPool& pool, const ClusterMetadata& metadata, std::string topic,
    std::vector<std::int32_t> partitions, std::int64_t timestamp_ms);

}  // namespace kafkascope::admin
