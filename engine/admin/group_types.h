#pragma once
// Value types of the consumer-group admin calls: plain snapshots, safe to
// copy across threads. Calls fanned out over brokers or coordinators return
// what they could get plus one failure per broker (partial results).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "consumer/group_assignor.h"
#include "consumer/group_offsets.h"
#include "core/error.h"

namespace kafkascope::admin {

// A broker (or coordinator) that could not answer; the rest still count.
struct BrokerFailure {
    std::int32_t node_id = -1;
    std::string address;  // host:port
    Error error;
};

struct GroupListing {
    std::string group_id;
    std::string protocol_type;  // "consumer", "connect", ... ("" for KIP-848 groups)
    std::string state;          // ListGroups v4+: "Stable", "Empty", ...; "" before
    std::string type;           // ListGroups v5+: "classic", "consumer"; "" before
    std::int32_t coordinator = -1;  // node that listed it (each group has one coordinator)
};

struct GroupListingResult {
    std::vector<GroupListing> groups;  // sorted by group id
    std::vector<BrokerFailure> failures;
    int brokers_asked = 0;
};

struct GroupMemberDescription {
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::string client_id;
    std::string client_host;
    std::vector<std::string> subscription;                // consumer protocol only
    std::vector<consumer::TopicPartitions> assignment;    // consumer protocol only
    std::string decode_error;  // set when metadata/assignment did not decode
};

struct GroupDescription {
    std::string group_id;
    std::string state;          // "Stable", "Empty", "Dead", "PreparingRebalance", ...
    std::string protocol_type;  // "consumer" for consumer groups
    std::string protocol;       // the chosen assignor, e.g. "range"
    std::vector<GroupMemberDescription> members;
    std::int32_t coordinator = -1;
    std::string coordinator_address;
    Error error;  // this group could not be described (its coordinator failed, ...)
};

// A group's committed offsets, or why they could not be read.
struct GroupOffsets {
    std::string group_id;
    std::vector<consumer::CommittedOffset> offsets;
    Error error;
};

struct GroupDeletion {
    std::string group_id;
    Error error;  // e.g. NON_EMPTY_GROUP, GROUP_ID_NOT_FOUND
};

struct OffsetDeletion {
    std::string topic;
    std::int32_t partition = 0;
    Error error;  // e.g. GROUP_SUBSCRIBED_TO_TOPIC
};

}  // namespace kafkascope::admin
