#pragma once
// What "the groups that read a topic" (admin/topic_groups.h) hands out:
// plain snapshots, safe to copy across threads.

#include <cstdint>
#include <string>
#include <vector>

#include "admin/group_types.h"

namespace kafkascope::admin {

struct TopicGroupPartition {
    std::int32_t partition = 0;
    std::int64_t committed = -1;
    std::int64_t end = -1;  // high watermark; -1 unknown
    std::int64_t lag = -1;  // end - committed (0 if the commit is past the end); -1 unknown
    Error error;            // the commit or the end offset could not be read
};

struct TopicGroupLag {
    std::string group_id;
    std::string state;          // from ListGroups v4+; "" when the broker does not say
    std::string protocol_type;  // "consumer", "connect", ...
    std::vector<TopicGroupPartition> partitions;  // those with a commit, by partition
    std::int64_t total_lag = 0;  // over the partitions whose lag is known
    std::int64_t max_lag = 0;
};

// A listed group whose offsets could not be read: whether it reads the topic
// is unknown.
struct GroupFailure {
    std::string group_id;
    Error error;
};

struct TopicGroupsResult {
    std::string topic;
    std::vector<TopicGroupLag> groups;          // by group id
    std::vector<BrokerFailure> failures;        // ListGroups, per broker
    std::vector<GroupFailure> group_failures;   // OffsetFetch, per group
    int brokers_asked = 0;
    int groups_listed = 0;
    int offset_fetch_requests = 0;
    int find_coordinator_requests = 0;
};

}  // namespace kafkascope::admin
