#pragma once
// DescribeGroups, batched: the groups are sorted by coordinator (one
// FindCoordinator batch) and each coordinator gets one request for all of
// its groups. Members of "consumer" groups have their subscription and
// assignment decoded from the consumer protocol (consumer/group_assignor.h).
// A group whose coordinator fails carries the error; the others still come
// back. Engine thread only.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "cluster/group_coordinators.h"
#include "admin/group_types.h"
#include "protocol/messages/describe_groups.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::admin {

// In the order asked.
asio::awaitable<std::vector<GroupDescription>> describe_groups(cluster::BrokerPool& pool,
                                                               std::vector<std::string> groups);

// The same with a coordinator cache kept by the caller (the lag monitor):
// only groups missing from it are looked up; groups whose coordinator
// failed are dropped from it. `requests` counts what was sent.
asio::awaitable<std::vector<GroupDescription>> describe_groups(cluster::BrokerPool& pool,
                                                               std::vector<std::string> groups,
                                                               cluster::CoordinatorMap& coordinators, int* requests);

// One group of a DescribeGroups answer as our value type (pure; exposed for tests).
GroupDescription to_description(const protocol::DescribeGroupsResponse::Group& g);

// True when the group has members that would own offsets: anything but an
// Empty or Dead group with no members.
bool has_active_members(const GroupDescription& g);

}  // namespace kafkascope::admin
