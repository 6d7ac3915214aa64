#pragma once
// DeleteGroups (key 42): removes empty groups and their committed offsets.
// Sent to each group's coordinator. v1 only changes throttling semantics,
// v2 flexible.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kDeleteGroupsApi{42, "DeleteGroups", {0, 2}, 2};

struct DeleteGroupsRequest {
    static constexpr ApiSpec api = kDeleteGroupsApi;

    std::vector<std::string> groups_names;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(groups_names, {.name = "groups_names"});
    }
};

struct DeleteGroupsResponse {
    static constexpr ApiSpec api = kDeleteGroupsApi;

    struct Result {
        std::string group_id;
        std::int16_t error_code = 0;  // e.g. NON_EMPTY_GROUP (68), GROUP_ID_NOT_FOUND (69)
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(group_id, {.name = "group_id"});
            v(error_code, {.name = "error_code"});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::vector<Result> results;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms"});
        v(results, {.name = "results"});
    }
};

template <>
struct response_for<DeleteGroupsRequest> {
    using type = DeleteGroupsResponse;
};

}  // namespace kafkascope::protocol
