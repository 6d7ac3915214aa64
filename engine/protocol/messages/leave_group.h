#pragma once
// LeaveGroup (key 13): members leave a classic group without waiting for
// the session timeout. Up to v2 one member leaves (member_id); from v3
// (KIP-345) a batch of members, each answered with its own error. v4
// flexible, v5 a reason per member.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kLeaveGroupApi{13, "LeaveGroup", {0, 5}, 4};

struct LeaveGroupRequest {
    static constexpr ApiSpec api = kLeaveGroupApi;

    struct Member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        std::optional<std::string> reason;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(member_id, {.name = "member_id"});
            v(group_instance_id, {.name = "group_instance_id", .nullable = 3});
            v(reason, {.name = "reason", .versions = 5, .nullable = 5, .ignorable = true});
        }
    };

    std::string group_id;
    std::string member_id;        // v0-v2
    std::vector<Member> members;  // v3+
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id"});
        v(member_id, {.name = "member_id", .versions = {0, 2}});
        v(members, {.name = "members", .versions = 3});
    }
};

struct LeaveGroupResponse {
    static constexpr ApiSpec api = kLeaveGroupApi;

    struct Member {
        std::string member_id;
        std::optional<std::string> group_instance_id;
        std::int16_t error_code = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(member_id, {.name = "member_id"});
            v(group_instance_id, {.name = "group_instance_id", .nullable = 3});
            v(error_code, {.name = "error_code"});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;
    std::vector<Member> members;  // v3+
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(error_code, {.name = "error_code"});
        v(members, {.name = "members", .versions = 3});
    }
};

template <>
struct response_for<LeaveGroupRequest> {
    using type = LeaveGroupResponse;
};

}  // namespace kafkascope::protocol
