#pragma once
// Plain value types the engine hands to its users: snapshots, safe to copy
// across threads.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace kafkascope {

struct BrokerInfo {
    std::int32_t node_id = -1;
    std::string host;
    std::int32_t port = 0;
    std::optional<std::string> rack;
    bool is_controller = false;

    std::string address() const { return host + ":" + std::to_string(port); }
};

struct PartitionInfo {
    std::int32_t partition = 0;
    std::int32_t leader = -1;  // -1: no leader
    std::int32_t leader_epoch = -1;
    std::vector<std::int32_t> replicas;
    std::vector<std::int32_t> isr;
    std::vector<std::int32_t> offline_replicas;
    std::int16_t error_code = 0;  // Kafka error for this partition, 0 if none
};

struct TopicInfo {
    std::string name;
    std::string topic_id;  // base64 as Kafka prints it; empty before Metadata v10
    bool is_internal = false;
    std::int16_t error_code = 0;
    std::vector<PartitionInfo> partitions;  // sorted by partition
};

struct ClusterMetadata {
    std::optional<std::string> cluster_id;
    std::int32_t controller_id = -1;
    std::vector<BrokerInfo> brokers;  // sorted by node id
    std::vector<TopicInfo> topics;    // sorted by name
    std::int16_t metadata_version = -1;  // version the answer came in
    std::string answered_by;             // host:port of the broker that answered

    const TopicInfo* find_topic(const std::string& name) const;
    const BrokerInfo* find_broker(std::int32_t node_id) const;
};

// First and last offsets of one partition. last is the high watermark (the
// offset the next message will get); the partition holds last - first
// messages (fewer after compaction or aborted transactions).
struct PartitionOffsets {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t first = -1;
    std::int64_t last = -1;
    Error error;  // set when this partition's lookup failed; the rest still count

    std::int64_t message_count() const { return first >= 0 && last >= first ? last - first : 0; }
};

// One API in a broker's ApiVersions answer, next to ours.
struct ApiVersionRow {
    std::int16_t api_key = 0;
    std::string name;
    std::int16_t broker_min = -1, broker_max = -1;  // -1: broker lacks it
    std::int16_t our_min = -1, our_max = -1;        // -1: we do not implement it
    std::int16_t chosen = -1;                       // -1: no common version
};

struct BrokerApiVersions {
    std::int32_t node_id = -1;
    std::string address;
    std::vector<ApiVersionRow> rows;  // every API either side knows, by key
    Error error;                      // set when the broker could not be reached
    // How the connection is secured: empty without TLS / SASL.
    std::string tls_version;          // "TLSv1.3"
    std::string tls_cipher;           // "TLS_AES_256_GCM_SHA384"
    std::string sasl_mechanism;       // "SCRAM-SHA-512"
    std::vector<std::string> warnings;  // e.g. hostname verification turned off
};

}  // namespace kafkascope
