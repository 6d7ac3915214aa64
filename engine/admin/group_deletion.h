#pragma once
// DeleteGroups (one request per coordinator for all of its groups) and
// OffsetDelete (one group's offsets of some partitions, at its coordinator).
// Kafka refuses both while the group is in use: NON_EMPTY_GROUP for a group
// with members, GROUP_SUBSCRIBED_TO_TOPIC for a partition of a topic the
// members consume. Engine thread only.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "admin/group_types.h"
#include "core/result.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

// One result per group, in the order asked.
asio::awaitable<std::vector<GroupDeletion>> delete_groups(cluster::BrokerPool& pool, std::vector<std::string> groups);

// One result per partition asked; fails as a whole when the group's
// coordinator cannot be reached or refuses the group.
asio::awaitable<Result<std::vector<OffsetDeletion>>> delete_offsets(
    cluster::BrokerPool& pool, std::string group, std::vector<consumer::TopicPartitions> partitions);

}  // namespace kafkascope::admin
