#pragma once
// Produce (key 0): appends record batches to partitions. Records stay raw
// record-batch bytes here; parsing batches is the record layer's job.
// v3 added the transactional id (and record batches, magic 2), v8 per-record
// errors, v9 flexible, v10 the leader hint and broker endpoints sent with
// NOT_LEADER answers, v13 (Kafka 4.x, KIP-516) topic ids instead of names.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kProduceApi{0, "Produce", {0, 13}, 9};

// acks: 0 = no answer at all, 1 = leader only, -1 = all in-sync replicas.
inline constexpr std::int16_t kAcksNone = 0;
inline constexpr std::int16_t kAcksLeader = 1;
inline constexpr std::int16_t kAcksAll = -1;

struct ProduceRequest {
    static constexpr ApiSpec api = kProduceApi;

    struct Partition {
        std::int32_t index = 0;
        std::optional<Bytes> records;  // one or more record batches, as sent
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(index, {.name = "index"});
            v(records, {.name = "records", .nullable = 0});
        }
    };
    struct Topic {
        // A topic is named up to v12 and identified by id from v13; the other
        // one may be filled in for convenience and is then not sent.
        std::string name;
        Uuid topic_id;
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name", .versions = {0, 12}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 13, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };

    std::optional<std::string> transactional_id;
    std::int16_t acks = kAcksAll;
    std::int32_t timeout_ms = 0;
    std::vector<Topic> topics;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(transactional_id, {.name = "transactional_id", .versions = 3, .nullable = 3});
        v(acks, {.name = "acks"});
        v(timeout_ms, {.name = "timeout_ms"});
        v(topics, {.name = "topics"});
    }
};

struct ProduceResponse {
    static constexpr ApiSpec api = kProduceApi;

    // Also used by the Fetch response (its v12+ / v16+ tagged fields).
    struct LeaderIdAndEpoch {
        std::int32_t leader_id = -1;
        std::int32_t leader_epoch = -1;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(leader_id, {.name = "leader_id"});
            v(leader_epoch, {.name = "leader_epoch"});
        }
    };

    // Where the new leader named in a NOT_LEADER answer listens (KIP-951).
    struct NodeEndpoint {
        std::int32_t node_id = 0;
        std::string host;
        std::int32_t port = 0;
        std::optional<std::string> rack;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(node_id, {.name = "node_id"});
            v(host, {.name = "host"});
            v(port, {.name = "port"});
            v(rack, {.name = "rack", .nullable = 0});
        }
    };

    struct RecordError {
        std::int32_t batch_index = 0;  // offset of the record within its batch
        std::optional<std::string> message;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(batch_index, {.name = "batch_index"});
            v(message, {.name = "message", .nullable = 0});
        }
    };
    struct Partition {
        std::int32_t index = 0;
        std::int16_t error_code = 0;
        std::int64_t base_offset = -1;
        std::int64_t log_append_time_ms = -1;  // -1 unless the topic uses LogAppendTime
        std::int64_t log_start_offset = -1;
        std::vector<RecordError> record_errors;
        std::optional<std::string> error_message;
        LeaderIdAndEpoch current_leader;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(index, {.name = "index"});
            v(error_code, {.name = "error_code"});
            v(base_offset, {.name = "base_offset"});
            v(log_append_time_ms,
              {.name = "log_append_time_ms", .versions = 2, .ignorable = true, .int_default = -1});
            v(log_start_offset,
              {.name = "log_start_offset", .versions = 5, .ignorable = true, .int_default = -1});
            v(record_errors, {.name = "record_errors", .versions = 8, .ignorable = true});
            v(error_message,
              {.name = "error_message", .versions = 8, .nullable = 8, .ignorable = true});
            v(current_leader, {.name = "current_leader", .versions = 10, .tag = 0});
        }
    };
    struct Topic {
        std::string name;  // v0-v12
        Uuid topic_id;     // v13+
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name", .versions = {0, 12}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 13, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };

    std::vector<Topic> topics;
    std::int32_t throttle_time_ms = 0;
    std::vector<NodeEndpoint> node_endpoints;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(topics, {.name = "topics"});
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(node_endpoints, {.name = "node_endpoints", .versions = 10, .tag = 0});
    }
};

template <>
struct response_for<ProduceRequest> {
    using type = ProduceResponse;
};

}  // namespace kafkascope::protocol
