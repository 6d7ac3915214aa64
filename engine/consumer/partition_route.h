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

// The first offset whose message timestamp is >= timestamp_ms, asked of the
// leader with ListOffsets v1+ (v0 answers with segment offsets, a different
// question, so a v0-only broker is refused with a clear error).
// timestamp_ms must be >= 0: the negative values are the symbolic queries.
asio::awaitable<Result<OffsetAtTime>> read_offset_at(cluster::BrokerPool& pool, std::string topic,
                                                     std::int32_t partition, std::int64_t timestamp_ms);

}  // namespace kafkascope::consumer
