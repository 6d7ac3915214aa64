#pragma once
// Finding one partition's leader and offset bounds, for the partition reader
// and the engine's partition helpers. Both ask the cluster for metadata of
// just this topic (cheap, and always current after a leader move).

#include <cstdint>
#include <memory>
#include <string>

#include <asio/awaitable.hpp>

#include "cluster/broker_pool.h"
#include "consumer/seek.h"
#include "core/result.h"
#include "net/connection.h"

namespace kafkascope::consumer {

struct PartitionLeader {
    std::shared_ptr<net::Connection> connection;
    std::string topic_id;  // empty before Metadata v10
};

asio::awaitable<Result<PartitionLeader>> find_leader(cluster::BrokerPool& pool, std::string topic,
                                                     std::int32_t partition);

// First offset and last offset (the high watermark) via ListOffsets.
asio::awaitable<Result<OffsetBounds>> read_bounds(cluster::BrokerPool& pool, std::string topic,
                                                  std::int32_t partition);

}  // namespace kafkascope::consumer
