#pragma once
// The "consumer" embedded protocol of the classic group APIs: what a member
// puts in JoinGroup's protocol metadata (its subscription) and what the
// leader hands back through SyncGroup (an assignment), plus the leader-side
// assignors "range" and "roundrobin". Encodings and distributions follow
// Java's ConsumerProtocol / RangeAssignor / RoundRobinAssignor (librdkafka
// matches them), so Kafkascope members can share a group with those clients.
// Pure code: no sockets, no engine thread.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "protocol/bytes.h"

namespace kafkascope::consumer {

struct TopicPartitions {
    std::string topic;
    std::vector<std::int32_t> partitions;
    bool operator==(const TopicPartitions&) const = default;
};

// ConsumerProtocolSubscription. We write version 1 (owned partitions, empty
// for eager rebalancing); decoding accepts any version and ignores the
// fields a newer member appends (v2 generation, v3 rack).
struct GroupSubscription {
    std::int16_t version = 1;
    std::vector<std::string> topics;
    std::optional<protocol::Bytes> user_data;
    std::vector<TopicPartitions> owned_partitions;  // v1+
};

// ConsumerProtocolAssignment (v0 and v1 share the layout).
struct GroupAssignment {
    std::int16_t version = 1;
    std::vector<TopicPartitions> partitions;
    std::optional<protocol::Bytes> user_data;
};

protocol::Bytes encode_subscription(const GroupSubscription& s);
Result<GroupSubscription> decode_subscription(const protocol::Bytes& data);
protocol::Bytes encode_assignment(const GroupAssignment& a);
// An empty buffer is a valid "nothing assigned" (Java sends that too).
Result<GroupAssignment> decode_assignment(const protocol::Bytes& data);

// One member as the leader sees it after JoinGroup.
struct GroupMember {
    std::string member_id;
    std::vector<std::string> topics;          // its subscription
    std::vector<TopicPartitions> owned = {};  // what it holds now (subscription v1+)
};

// member id -> topic -> sorted partitions. Every member appears, even with
// nothing assigned, so each gets a SyncGroup entry.
using GroupPlan = std::map<std::string, std::map<std::string, std::vector<std::int32_t>>>;

// Java's RangeAssignor: per topic, the members subscribed to it sorted by
// member id; the first (n % m) get one partition more, in contiguous ranges.
GroupPlan assign_range(const std::vector<GroupMember>& members,
                       const std::map<std::string, std::int32_t>& partition_counts);

// Java's RoundRobinAssignor: every topic-partition of the union of
// subscriptions, sorted by topic then partition, dealt to members sorted by
// id in a circle, skipping members not subscribed to that topic.
GroupPlan assign_round_robin(const std::vector<GroupMember>& members,
                             const std::map<std::string, std::int32_t>& partition_counts);

// Java's CooperativeStickyAssignor, in two steps (group_sticky_assignor.cpp):
// a balanced assignment that keeps as much of what members own as balance
// allows, then the cooperative rule of KIP-429: a partition moving from one
// member to another is left out this round; its owner revokes it, rejoins,
// and the next round hands it over. Members differ by at most one partition
// when they share a subscription.
GroupPlan assign_cooperative_sticky(const std::vector<GroupMember>& members,
                                    const std::map<std::string, std::int32_t>& partition_counts);

// Protocol names as Java and librdkafka advertise them.
inline constexpr const char* kRangeAssignor = "range";
inline constexpr const char* kRoundRobinAssignor = "roundrobin";
inline constexpr const char* kCooperativeStickyAssignor = "cooperative-sticky";

// Dispatch by name; an unknown name is an error.
Result<GroupPlan> assign(const std::string& protocol_name, const std::vector<GroupMember>& members,
                         const std::map<std::string, std::int32_t>& partition_counts);

// One member's plan entry as an assignment to send.
GroupAssignment to_assignment(const std::map<std::string, std::vector<std::int32_t>>& plan);

}  // namespace kafkascope::consumer
