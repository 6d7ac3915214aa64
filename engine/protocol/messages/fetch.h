#pragma once
// Fetch (key 1): reads record batches from partitions. Records stay raw
// record-batch bytes (possibly several batches, the last one possibly cut
// short at the size limit); parsing them is the record layer's job.
// v4 added the isolation level and aborted transactions, v7 fetch sessions
// (KIP-227: session id/epoch, forgotten topics), v11 the rack id and
// preferred read replica (KIP-392), v12 flexible plus tagged diverging
// epoch / leader / snapshot id, v13 topic ids instead of names (KIP-516),
// v15 replica state instead of replica id, v16 node endpoints (KIP-951),
// v17 the replica directory id, v18 a tagged high watermark for replicas.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"
#include "protocol/messages/produce.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kFetchApi{1, "Fetch", {0, 18}, 12};

// Fetch sessions (v7+): session 0 with epoch -1 is a full fetch without a session.
inline constexpr std::int32_t kFetchNoSessionId = 0;
inline constexpr std::int32_t kFetchFinalSessionEpoch = -1;

struct FetchRequest {
    static constexpr ApiSpec api = kFetchApi;

    // Only brokers fetching as followers set it (v15+; consumers leave it).
    struct ReplicaState {
        std::int32_t replica_id = -1;
        std::int64_t replica_epoch = -1;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(replica_id, {.name = "replica_id"});
            v(replica_epoch, {.name = "replica_epoch"});
        }
    };
    struct Partition {
        std::int32_t partition = 0;
        std::int32_t current_leader_epoch = -1;
        std::int64_t fetch_offset = 0;
        std::int32_t last_fetched_epoch = -1;
        std::int64_t log_start_offset = -1;  // followers only
        std::int32_t partition_max_bytes = 0;
        Uuid replica_directory_id;
        std::int64_t high_watermark = std::numeric_limits<std::int64_t>::max();
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition, {.name = "partition"});
            v(current_leader_epoch,
              {.name = "current_leader_epoch", .versions = 9, .ignorable = true, .int_default = -1});
            v(fetch_offset, {.name = "fetch_offset"});
            v(last_fetched_epoch, {.name = "last_fetched_epoch", .versions = 12, .int_default = -1});
            v(log_start_offset,
              {.name = "log_start_offset", .versions = 5, .ignorable = true, .int_default = -1});
            v(partition_max_bytes, {.name = "partition_max_bytes"});
            v(replica_directory_id,
              {.name = "replica_directory_id", .versions = 17, .tag = 0, .ignorable = true});
            v(high_watermark, {.name = "high_watermark", .versions = 18, .tag = 1, .ignorable = true,
                               .int_default = std::numeric_limits<std::int64_t>::max()});
        }
    };
    struct Topic {
        // Named up to v12, identified by id from v13; the other one is not sent.
        std::string topic;
        Uuid topic_id;
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(topic, {.name = "topic", .versions = {0, 12}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 13, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };
    // Partitions an incremental fetch session should stop tracking (v7+).
    struct ForgottenTopic {
        std::string topic;
        Uuid topic_id;
        std::vector<std::int32_t> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(topic, {.name = "topic", .versions = {7, 12}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 13, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };

    std::optional<std::string> cluster_id;
    std::int32_t replica_id = -1;  // -1 for consumers; v15+ moved to replica_state
    ReplicaState replica_state;
    std::int32_t max_wait_ms = 0;
    std::int32_t min_bytes = 0;
    std::int32_t max_bytes = std::numeric_limits<std::int32_t>::max();
    std::int8_t isolation_level = 0;  // 0 read uncommitted, 1 read committed
    std::int32_t session_id = kFetchNoSessionId;
    std::int32_t session_epoch = kFetchFinalSessionEpoch;
    std::vector<Topic> topics;
    std::vector<ForgottenTopic> forgotten_topics;
    std::string rack_id;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(cluster_id, {.name = "cluster_id", .versions = 12, .nullable = 12, .tag = 0, .ignorable = true});
        v(replica_id, {.name = "replica_id", .versions = {0, 14}, .int_default = -1});
        v(replica_state, {.name = "replica_state", .versions = 15, .tag = 1});
        v(max_wait_ms, {.name = "max_wait_ms"});
        v(min_bytes, {.name = "min_bytes"});
        v(max_bytes, {.name = "max_bytes", .versions = 3, .ignorable = true,
                      .int_default = std::numeric_limits<std::int32_t>::max()});
        v(isolation_level, {.name = "isolation_level", .versions = 4, .ignorable = true});
        v(session_id, {.name = "session_id", .versions = 7, .ignorable = true});
        v(session_epoch, {.name = "session_epoch", .versions = 7, .ignorable = true, .int_default = -1});
        v(topics, {.name = "topics"});
        v(forgotten_topics, {.name = "forgotten_topics", .versions = 7});
        v(rack_id, {.name = "rack_id", .versions = 11, .ignorable = true});
    }
};

struct FetchResponse {
    static constexpr ApiSpec api = kFetchApi;

    using LeaderIdAndEpoch = ProduceResponse::LeaderIdAndEpoch;
    using NodeEndpoint = ProduceResponse::NodeEndpoint;

    // Set when the fetch offset lies past the end of the leader's log for the
    // last fetched epoch (KIP-320): truncate to end_offset.
    struct EpochEndOffset {
        std::int32_t epoch = -1;
        std::int64_t end_offset = -1;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(epoch, {.name = "epoch"});
            v(end_offset, {.name = "end_offset"});
        }
    };
    // Note the field order differs from EpochEndOffset.
    struct SnapshotId {
        std::int64_t end_offset = -1;
        std::int32_t epoch = -1;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(end_offset, {.name = "end_offset"});
            v(epoch, {.name = "epoch"});
        }
    };
    struct AbortedTransaction {
        std::int64_t producer_id = 0;
        std::int64_t first_offset = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(producer_id, {.name = "producer_id"});
            v(first_offset, {.name = "first_offset"});
        }
    };
    struct Partition {
        std::int32_t partition_index = 0;
        std::int16_t error_code = 0;
        std::int64_t high_watermark = 0;
        std::int64_t last_stable_offset = -1;
        std::int64_t log_start_offset = -1;
        EpochEndOffset diverging_epoch;
        LeaderIdAndEpoch current_leader;
        SnapshotId snapshot_id;
        std::optional<std::vector<AbortedTransaction>> aborted_transactions;
        std::int32_t preferred_read_replica = -1;  // v11+: fetch from this replica instead
        std::optional<Bytes> records;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(partition_index, {.name = "partition_index"});
            v(error_code, {.name = "error_code"});
            v(high_watermark, {.name = "high_watermark"});
            v(last_stable_offset,
              {.name = "last_stable_offset", .versions = 4, .ignorable = true, .int_default = -1});
            v(log_start_offset,
              {.name = "log_start_offset", .versions = 5, .ignorable = true, .int_default = -1});
            v(diverging_epoch, {.name = "diverging_epoch", .versions = 12, .tag = 0});
            v(current_leader, {.name = "current_leader", .versions = 12, .tag = 1});
            v(snapshot_id, {.name = "snapshot_id", .versions = 12, .tag = 2});
            v(aborted_transactions,
              {.name = "aborted_transactions", .versions = 4, .nullable = 4, .ignorable = true});
            v(preferred_read_replica,
              {.name = "preferred_read_replica", .versions = 11, .int_default = -1});
            v(records, {.name = "records", .nullable = 0});
        }
    };
    struct Topic {
        std::string topic;  // v0-v12
        Uuid topic_id;      // v13+
        std::vector<Partition> partitions;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(topic, {.name = "topic", .versions = {0, 12}, .ignorable = true});
            v(topic_id, {.name = "topic_id", .versions = 13, .ignorable = true});
            v(partitions, {.name = "partitions"});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;  // v7+: session-level errors
    std::int32_t session_id = kFetchNoSessionId;
    std::vector<Topic> topics;
    std::vector<NodeEndpoint> node_endpoints;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(error_code, {.name = "error_code", .versions = 7, .ignorable = true});
        v(session_id, {.name = "session_id", .versions = 7});
        v(topics, {.name = "topics"});
        v(node_endpoints, {.name = "node_endpoints", .versions = 16, .tag = 0});
    }
};

template <>
struct response_for<FetchRequest> {
    using type = FetchResponse;
};

}  // namespace kafkascope::protocol
