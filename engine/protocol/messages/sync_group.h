#pragma once
// SyncGroup (key 14): the second step of a classic rebalance; the leader
// sends every member's assignment, every member gets its own back. v3 added
// the group instance id, v4 flexible, v5 protocol type and name (KIP-559).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kSyncGroupApi{14, "SyncGroup", {0, 5}, 4};

struct SyncGroupRequest {
    static constexpr ApiSpec api = kSyncGroupApi;

    struct Assignment {
        std::string member_id;
        Bytes assignment;  // opaque to the broker (consumer protocol assignment)
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(member_id, {.name = "member_id"});
            v(assignment, {.name = "assignment"});
        }
    };

    std::string group_id;
    std::int32_t generation_id = 0;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::optional<std::string> protocol_type;
    std::optional<std::string> protocol_name;
    std::vector<Assignment> assignments;  // empty unless sent by the leader
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id"});
        v(generation_id, {.name = "generation_id"});
        v(member_id, {.name = "member_id"});
        v(group_instance_id, {.name = "group_instance_id", .versions = 3, .nullable = 3});
        v(protocol_type, {.name = "protocol_type", .versions = 5, .nullable = 5, .ignorable = true});
        v(protocol_name, {.name = "protocol_name", .versions = 5, .nullable = 5, .ignorable = true});
        v(assignments, {.name = "assignments"});
    }
};

struct SyncGroupResponse {
    static constexpr ApiSpec api = kSyncGroupApi;

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;
    std::optional<std::string> protocol_type;
    std::optional<std::string> protocol_name;
    Bytes assignment;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(error_code, {.name = "error_code"});
        v(protocol_type, {.name = "protocol_type", .versions = 5, .nullable = 5, .ignorable = true});
        v(protocol_name, {.name = "protocol_name", .versions = 5, .nullable = 5, .ignorable = true});
        v(assignment, {.name = "assignment"});
    }
};

template <>
struct response_for<SyncGroupRequest> {
    using type = SyncGroupResponse;
};

}  // namespace kafkascope::protocol
