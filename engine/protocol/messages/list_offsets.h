#pragma once
// ListOffsets (key 2): offset for a timestamp per partition; -2 asks for the
// earliest offset, -1 for the latest (high watermark), -3 for the offset of
// the record with the largest timestamp (v7+).

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kListOffsetsApi{2, "ListOffsets", {0, 10}, 6};

inline constexpr std::int64_t kLatestTimestamp = -1;
inline constexpr std::int64_t kEarliestTimestamp = -2;
inline constexpr std::int64_t kMaxTimestamp = -3;

struct ListOffsetsRequest {
    static constexpr ApiSpec api = kListOffsetsApi;

    struct Partition {
        std::int32_t partition_index = 0;
        std::int32_t current_leader_epoch = -1;
        std::int64_t timestamp = kLatestTimestamp;
        std::int32_t max_num_offsets = 1;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
            v(current_leader_epoch,
              {.name = "current_leader_epoch", .versions = 4, .ignorable = true, .int_default = -1});
            v(timestamp, {.name = "timestamp"});
            v(max_num_offsets, {.name = "max_num_offsets", .versions = {0, 0}, .ignorable = true});
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

    std::int32_t replica_id = -1;
    std::int8_t isolation_level = 0;
    std::vector<Topic> topics;
    std::int32_t timeout_ms = 0;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(replica_id, {.name = "replica_id"});
        v(isolation_level, {.name = "isolation_level", .versions = 2});
        v(topics, {.name = "topics"});
        v(timeout_ms, {.name = "timeout_ms", .versions = 10, .ignorable = true});
    }
};

struct ListOffsetsResponse {
    static constexpr ApiSpec api = kListOffsetsApi;

    struct Partition {
        std::int32_t partition_index = 0;
        std::int16_t error_code = 0;
        std::vector<std::int64_t> old_style_offsets;
        std::int64_t timestamp = -1;
        std::int64_t offset = -1;
        std::int32_t leader_epoch = -1;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
            v(error_code, {.name = "error_code"});
            v(old_style_offsets, {.name = "old_style_offsets", .versions = {0, 0}, .ignorable = true});
            v(timestamp, {.name = "timestamp", .versions = 1, .ignorable = true});
            v(offset, {.name = "offset", .versions = 1, .ignorable = true});
            v(leader_epoch, {.name = "leader_epoch", .versions = 4, .ignorable = true});
        }
        // v0 answers with a list of offsets; later versions with one.
        std::int64_t resolved_offset() const {
            if (!old_style_offsets.empty()) return old_style_offsets.front();
            return offset;
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

    std::int32_t throttle_time_ms = 0;
    std::vector<Topic> topics;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 2, .ignorable = true});
        v(topics, {.name = "topics"});
    }
};

template <>
struct response_for<ListOffsetsRequest> {
    using type = ListOffsetsResponse;
};

}  // namespace kafkascope::protocol
