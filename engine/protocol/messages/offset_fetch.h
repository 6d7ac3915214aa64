#pragma once
// OffsetFetch (key 9): a group's committed offsets. v2 made the topic list
// nullable (null = every partition the group committed) and added a
// top-level error, v5 the leader epoch, v6 flexible, v7 require_stable
// (KIP-447). v8 (KIP-709) asks for several groups at once: the v0-v7
// group/topics fields become a groups array, answered per group. v9 adds
// the KIP-848 member id and epoch, v10 (Kafka 4.2) topic ids for names.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kOffsetFetchApi{9, "OffsetFetch", {0, 10}, 6};

struct OffsetFetchRequest {
    static constexpr ApiSpec api = kOffsetFetchApi;

    // Used both at the top level (v0-v7) and inside a group (v8+); only the
    // latter reaches v10, where the id replaces the name.
    struct Topic {
        std::string name;
        Uuid topic_id;
        std::vector<std::int32_t> partition_indexes;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name", .versions = {0, 9}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 10, .ignorable = true});
            v(partition_indexes, {.name = "partition_indexes"});
        }
    };
    struct Group {
        std::string group_id;
        std::optional<std::string> member_id;
        std::int32_t member_epoch = -1;
        std::optional<std::vector<Topic>> topics;  // null: all committed partitions
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(group_id, {.name = "group_id"});
            v(member_id, {.name = "member_id", .versions = 9, .nullable = 9, .ignorable = true});
            v(member_epoch,
              {.name = "member_epoch", .versions = 9, .ignorable = true, .int_default = -1});
            v(topics, {.name = "topics", .nullable = 8});
        }
    };

    std::string group_id;                      // v0-v7
    std::optional<std::vector<Topic>> topics;  // v0-v7; null (v2+): all partitions
    std::vector<Group> groups;                 // v8+
    bool require_stable = false;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id", .versions = {0, 7}});
        v(topics, {.name = "topics", .versions = {0, 7}, .nullable = {2, 7}});
        v(groups, {.name = "groups", .versions = 8});
        v(require_stable, {.name = "require_stable", .versions = 7});
    }
};

struct OffsetFetchResponse {
    static constexpr ApiSpec api = kOffsetFetchApi;

    struct Partition {
        std::int32_t partition_index = 0;
        std::int64_t committed_offset = -1;  // -1: nothing committed
        std::int32_t committed_leader_epoch = -1;
        std::optional<std::string> metadata;
        std::int16_t error_code = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
            v(committed_offset, {.name = "committed_offset"});
            v(committed_leader_epoch,
              {.name = "committed_leader_epoch", .versions = 5, .ignorable = true, .int_default = -1});
            v(metadata, {.name = "metadata", .nullable = 0});
            v(error_code, {.name = "error_code"});
        }
    };
    struct Topic {
        std::string name;  // v0-v9
        Uuid topic_id;     // v10+ (in groups only)
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name", .versions = {0, 9}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 10, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };
    struct Group {
        std::string group_id;
        std::vector<Topic> topics;
        std::int16_t error_code = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(group_id, {.name = "group_id"});
            v(topics, {.name = "topics"});
            v(error_code, {.name = "error_code"});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::vector<Topic> topics;  // v0-v7
    std::int16_t error_code = 0;  // v2-v7
    std::vector<Group> groups;  // v8+
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 3, .ignorable = true});
        v(topics, {.name = "topics", .versions = {0, 7}});
        v(error_code, {.name = "error_code", .versions = {2, 7}, .ignorable = true});
        v(groups, {.name = "groups", .versions = 8});
    }
};

template <>
struct response_for<OffsetFetchRequest> {
    using type = OffsetFetchResponse;
};

}  // namespace kafkascope::protocol
