#pragma once
// OffsetDelete (key 47, KIP-496): deletes a group's committed offsets of
// some partitions. Sent to the group's coordinator; refused per partition
// with GROUP_SUBSCRIBED_TO_TOPIC (86) while a member consumes the topic.
// Only v0 exists; it is not flexible.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kOffsetDeleteApi{47, "OffsetDelete", {0, 0}, Versions::none()};

struct OffsetDeleteRequest {
    static constexpr ApiSpec api = kOffsetDeleteApi;

    struct Partition {
        std::int32_t partition_index = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
        }
    };
    struct Topic {
        std::string name;
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name"});
            v(partitions, {.name = "partitions"});
        }
    };

    std::string group_id;
    std::vector<Topic> topics;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id"});
        v(topics, {.name = "topics"});
    }
};

struct OffsetDeleteResponse {
    static constexpr ApiSpec api = kOffsetDeleteApi;

    struct Partition {
        std::int32_t partition_index = 0;
        std::int16_t error_code = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
            v(error_code, {.name = "error_code"});
        }
    };
    struct Topic {
        std::string name;
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name"});
            v(partitions, {.name = "partitions"});
        }
    };

    std::int16_t error_code = 0;  // group-level, e.g. GROUP_ID_NOT_FOUND (69)
    std::int32_t throttle_time_ms = 0;
    std::vector<Topic> topics;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(error_code, {.name = "error_code"});
        v(throttle_time_ms, {.name = "throttle_time_ms"});
        v(topics, {.name = "topics"});
    }
};

template <>
struct response_for<OffsetDeleteRequest> {
    using type = OffsetDeleteResponse;
};

}  // namespace kafkascope::protocol
