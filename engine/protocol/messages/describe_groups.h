#pragma once
// DescribeGroups (key 15): state, protocol and members of classic groups.
// v3 the authorized operations, v4 the group instance id per member, v5
// flexible, v6 (KIP-1043) an error message per group.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kDescribeGroupsApi{15, "DescribeGroups", {0, 6}, 5};

struct DescribeGroupsRequest {
    static constexpr ApiSpec api = kDescribeGroupsApi;

    std::vector<std::string> groups;
    bool include_authorized_operations = false;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(groups, {.name = "groups"});
        v(include_authorized_operations, {.name = "include_authorized_operations", .versions = 3});
    }
};

struct DescribeGroupsResponse {
    static constexpr ApiSpec api = kDescribeGroupsApi;

    struct Member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        std::string client_id;
        std::string client_host;
        Bytes member_metadata;    // consumer protocol subscription
        Bytes member_assignment;  // consumer protocol assignment
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(member_id, {.name = "member_id"});
            v(group_instance_id,
              {.name = "group_instance_id", .versions = 4, .nullable = 4, .ignorable = true});
            v(client_id, {.name = "client_id"});
            v(client_host, {.name = "client_host"});
            v(member_metadata, {.name = "member_metadata"});
            v(member_assignment, {.name = "member_assignment"});
        }
    };
    struct Group {
        std::int16_t error_code = 0;
        std::optional<std::string> error_message;
        std::string group_id;
        std::string group_state;    // "Stable", "Empty", "Dead", ...
        std::string protocol_type;  // "consumer" for consumer groups
        std::string protocol_data;  // the chosen assignor, e.g. "range"
        std::vector<Member> members;
        std::int32_t authorized_operations = -2147483648;  // INT32_MIN: not asked for
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(error_code, {.name = "error_code"});
            v(error_message, {.name = "error_message", .versions = 6, .nullable = 6, .ignorable = true});
            v(group_id, {.name = "group_id"});
            v(group_state, {.name = "group_state"});
            v(protocol_type, {.name = "protocol_type"});
            v(protocol_data, {.name = "protocol_data"});
            v(members, {.name = "members"});
            v(authorized_operations, {.name = "authorized_operations", .versions = 3,
                                      .ignorable = true, .int_default = -2147483648});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::vector<Group> groups;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(groups, {.name = "groups"});
    }
};

template <>
struct response_for<DescribeGroupsRequest> {
    using type = DescribeGroupsResponse;
};

}  // namespace kafkascope::protocol
