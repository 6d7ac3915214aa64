#pragma once
// The scripted cluster behind the "groups reading a topic" tests (engine and
// UI): answers encoded from the protocol structs for FrameCluster nodes.
// Topic "orders" has 3 partitions, all led by node 1, with first offsets
// kFirst and end offsets kEnd. Node 1 coordinates "billing" (commits on
// orders/0 = 10, orders/1 = 20 and on payments) and "audit" (commits only on
// payments); node 2 coordinates "shipping" (orders/2 = 30). So the groups
// reading orders are billing (lag 5 + 0) and shipping (lag 10).

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "frame_cluster.h"
#include "protocol/messages/offset_fetch.h"

namespace kafkascope::test::topic_groups {

inline const std::string kTopic = "orders";
inline constexpr int kPartitions = 3;
inline constexpr std::int64_t kFirst[kPartitions] = {2, 0, 5};
inline constexpr std::int64_t kEnd[kPartitions] = {15, 20, 40};

inline constexpr std::int16_t kListGroupsVersion = 4;   // has the state
inline constexpr std::int16_t kOffsetFetchVersion = 8;  // several groups per request
inline constexpr std::int16_t kListOffsetsVersion = 3;

struct Commit {
    std::string topic;
    std::int32_t partition;
    std::int64_t offset;
};

// ListGroups v4 listing consumer groups with their states.
Responder list_groups(std::vector<std::pair<std::string, std::string>> groups_and_states);
// One group's entry of an OffsetFetch v8 answer.
protocol::OffsetFetchResponse::Group fetched(const std::string& group, const std::vector<Commit>& commits);
Responder offset_fetch(std::vector<protocol::OffsetFetchResponse::Group> groups);
// ListOffsets v3: earliest (-2) or latest (-1) per asked partition, from kFirst / kEnd.
Responder list_offsets();

NodeScript node_one();  // billing, audit; leads every partition
NodeScript node_two();  // shipping

}  // namespace kafkascope::test::topic_groups
