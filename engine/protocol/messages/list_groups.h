#pragma once
// ListGroups (key 16): the groups a broker coordinates. v3 flexible, v4
// (KIP-518) a state filter and the state per group, v5 (KIP-848) a type
// filter ("classic", "consumer", ...) and the type per group.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kListGroupsApi{16, "ListGroups", {0, 5}, 3};

struct ListGroupsRequest {
    static constexpr ApiSpec api = kListGroupsApi;

    std::vector<std::string> states_filter;  // empty: every state
    std::vector<std::string> types_filter;   // empty: every type
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(states_filter, {.name = "states_filter", .versions = 4});
        v(types_filter, {.name = "types_filter", .versions = 5});
    }
};

struct ListGroupsResponse {
    static constexpr ApiSpec api = kListGroupsApi;

    struct Group {
        std::string group_id;
        std::string protocol_type;  // "consumer", "connect", ... or "" (KIP-848 groups)
        std::string group_state;
        std::string group_type;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(group_id, {.name = "group_id"});
            v(protocol_type, {.name = "protocol_type"});
            v(group_state, {.name = "group_state", .versions = 4, .ignorable = true});
            v(group_type, {.name = "group_type", .versions = 5, .ignorable = true});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;
    std::vector<Group> groups;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(error_code, {.name = "error_code"});
        v(groups, {.name = "groups"});
    }
};

template <>
struct response_for<ListGroupsRequest> {
    using type = ListGroupsResponse;
};

}  // namespace kafkascope::protocol
