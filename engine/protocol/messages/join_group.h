#pragma once
// JoinGroup (key 11): the first step of a classic group rebalance. v1 added
// the rebalance timeout, v4 answers a first join without a member id with
// MEMBER_ID_REQUIRED (rejoin with the id given), v5 static membership
// (group instance id, KIP-345), v6 flexible, v7 the protocol type in the
// answer (and a nullable protocol name), v8 a reason, v9 skip_assignment.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kJoinGroupApi{11, "JoinGroup", {0, 9}, 6};

struct JoinGroupRequest {
    static constexpr ApiSpec api = kJoinGroupApi;

    struct Protocol {
        std::string name;  // e.g. "range", "cooperative-sticky"
        Bytes metadata;    // opaque to the broker (consumer protocol subscription)
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name"});
            v(metadata, {.name = "metadata"});
        }
    };

    std::string group_id;
    std::int32_t session_timeout_ms = 0;
    std::int32_t rebalance_timeout_ms = -1;
    std::string member_id;  // empty on the first join
    std::optional<std::string> group_instance_id;
    std::string protocol_type;  // "consumer" for consumer groups
    std::vector<Protocol> protocols;
    std::optional<std::string> reason;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id"});
        v(session_timeout_ms, {.name = "session_timeout_ms"});
        v(rebalance_timeout_ms,
          {.name = "rebalance_timeout_ms", .versions = 1, .ignorable = true, .int_default = -1});
        v(member_id, {.name = "member_id"});
        v(group_instance_id, {.name = "group_instance_id", .versions = 5, .nullable = 5});
        v(protocol_type, {.name = "protocol_type"});
        v(protocols, {.name = "protocols"});
        v(reason, {.name = "reason", .versions = 8, .nullable = 8, .ignorable = true});
    }
};

struct JoinGroupResponse {
    static constexpr ApiSpec api = kJoinGroupApi;

    struct Member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        Bytes metadata;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(member_id, {.name = "member_id"});
            v(group_instance_id,
              {.name = "group_instance_id", .versions = 5, .nullable = 5, .ignorable = true});
            v(metadata, {.name = "metadata"});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;
    std::int32_t generation_id = -1;
    std::optional<std::string> protocol_type;
    // Never null before v7, where it became nullable.
    std::optional<std::string> protocol_name = std::string();
    std::string leader;
    bool skip_assignment = false;  // v9+: the leader must not assign (KIP-814)
    std::string member_id;
    std::vector<Member> members;  // filled for the leader only
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 2, .ignorable = true});
        v(error_code, {.name = "error_code"});
        v(generation_id, {.name = "generation_id"});
        v(protocol_type, {.name = "protocol_type", .versions = 7, .nullable = 7, .ignorable = true});
        v(protocol_name, {.name = "protocol_name", .nullable = 7});
        v(leader, {.name = "leader"});
        v(skip_assignment, {.name = "skip_assignment", .versions = 9});
        v(member_id, {.name = "member_id"});
        v(members, {.name = "members"});
    }
};

template <>
struct response_for<JoinGroupRequest> {
    using type = JoinGroupResponse;
};

}  // namespace kafkascope::protocol
