#pragma once
// A group's committed offsets without being a member: FindCoordinator (key
// type 0), then OffsetFetch / OffsetCommit at the coordinator. Commits here
// use generation -1 and an empty member id, the "simple" commit kcat and
// Kafka's admin tools use; the coordinator accepts it only while the group
// has no active members (otherwise ILLEGAL_GENERATION / UNKNOWN_MEMBER_ID,
// or REBALANCE_IN_PROGRESS, reported per partition). A member passes its
// generation and id instead. Engine thread only.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "consumer/group_assignor.h"
#include "core/result.h"
#include "net/broker_address.h"

namespace kafkascope::cluster {
class BrokerPool;
}
namespace kafkascope::net {
class Connection;
}

namespace kafkascope::consumer {

// One partition's committed offset (-1: none), or why it could not be read
// or written.
struct CommittedOffset {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = -1;
    std::optional<std::string> metadata;
    Error error;
};

struct OffsetToCommit {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;  // the next offset to read, as Kafka stores it
    std::optional<std::string> metadata;
};

// Who commits: nobody (-1, "") or a member of the current generation.
struct GroupGeneration {
    std::int32_t generation_id = -1;
    std::string member_id;
};

// Which broker coordinates `group`, asked of any reachable broker (the pool
// learns that node's address).
struct GroupCoordinator {
    std::int32_t node_id = -1;
    net::BrokerAddress address;
};
asio::awaitable<Result<GroupCoordinator>> find_group_coordinator(cluster::BrokerPool& pool, std::string group);

// The same, then the pool's shared connection to it.
asio::awaitable<Result<std::shared_ptr<net::Connection>>> connect_group_coordinator(cluster::BrokerPool& pool,
                                                                                  std::string group);

// Committed offsets of the given partitions, or of every partition the
// group has committed when `partitions` is empty. Retries (3 times) when
// the coordinator moved or is loading.
asio::awaitable<Result<std::vector<CommittedOffset>>> fetch_group_offsets(cluster::BrokerPool& pool,
                                                                          std::string group,
                                                                          std::vector<TopicPartitions> partitions);

// Stores offsets; one result per partition, error set where it failed.
asio::awaitable<Result<std::vector<CommittedOffset>>> commit_group_offsets(cluster::BrokerPool& pool,
                                                                           std::string group,
                                                                           std::vector<OffsetToCommit> offsets,
                                                                           GroupGeneration generation);

}  // namespace kafkascope::consumer
