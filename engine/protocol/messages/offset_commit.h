#pragma once
// OffsetCommit (key 8): stores a group's consumed offsets. v1 added
// generation and member id (and a per-partition timestamp, v1 only), v2-v4
// a retention time, v6 the leader epoch, v7 the group instance id, v8
// flexible, v9 accepts a KIP-848 member epoch in the generation field, v10
// (Kafka 4.2) topic ids instead of names.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kOffsetCommitApi{8, "OffsetCommit", {0, 10}, 8};

struct OffsetCommitRequest {
    static constexpr ApiSpec api = kOffsetCommitApi;

    struct Partition {
        std::int32_t partition_index = 0;
        std::int64_t committed_offset = 0;
        std::int32_t committed_leader_epoch = -1;
        std::int64_t commit_timestamp = -1;  // v1 only
        std::optional<std::string> committed_metadata;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
            v(committed_offset, {.name = "committed_offset"});
            v(committed_leader_epoch,
              {.name = "committed_leader_epoch", .versions = 6, .ignorable = true, .int_default = -1});
            v(commit_timestamp, {.name = "commit_timestamp", .versions = {1, 1}, .int_default = -1});
            v(committed_metadata, {.name = "committed_metadata", .nullable = 0});
        }
    };
    struct Topic {
        // Named up to v9, identified by id from v10; the other one is not sent.
        std::string name;
        Uuid topic_id;
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name", .versions = {0, 9}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 10, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };

    std::string group_id;
    std::int32_t generation_id_or_member_epoch = -1;
    std::string member_id;
    std::optional<std::string> group_instance_id;
    std::int64_t retention_time_ms = -1;  // -1: the broker's default retention
    std::vector<Topic> topics;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(group_id, {.name = "group_id"});
        v(generation_id_or_member_epoch, {.name = "generation_id_or_member_epoch", .versions = 1,
                                          .ignorable = true, .int_default = -1});
        v(member_id, {.name = "member_id", .versions = 1, .ignorable = true});
        v(group_instance_id, {.name = "group_instance_id", .versions = 7, .nullable = 7});
        v(retention_time_ms, {.name = "retention_time_ms", .versions = {2, 4}, .ignorable = true,
                              .int_default = -1});
        v(topics, {.name = "topics"});
    }
};

struct OffsetCommitResponse {
    static constexpr ApiSpec api = kOffsetCommitApi;

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
        std::string name;  // v0-v9
        Uuid topic_id;     // v10+
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name", .versions = {0, 9}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 10, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::vector<Topic> topics;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 3, .ignorable = true});
        v(topics, {.name = "topics"});
    }
};

template <>
struct response_for<OffsetCommitRequest> {
    using type = OffsetCommitResponse;
};

}  // namespace kafkascope::protocol
