#pragma once
// Heartbeat (key 12): keeps a classic group member alive; the answer's
// error (REBALANCE_IN_PROGRESS) is how members learn to rejoin. v3 added
// the group instance id, v4 flexible.

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kHeartbeatApi{12, "Heartbeat", {0, 4}, 4};

struct HeartbeatRequest {
    static constexpr ApiSpec api = kHeartbeatApi;

    std::string group_id;
    std::int32_t generation_id = 0;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id"});
        v(generation_id, {.name = "generation_id"});
        v(member_id, {.name = "member_id"});
        v(group_instance_id, {.name = "group_instance_id", .versions = 3, .nullable = 3});
    }
};

struct HeartbeatResponse {
    static constexpr ApiSpec api = kHeartbeatApi;

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(error_code, {.name = "error_code"});
    }
};

template <>
struct response_for<HeartbeatRequest> {
    using type = HeartbeatResponse;
};

}  // namespace kafkascope::protocol
