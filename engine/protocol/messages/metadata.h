#pragma once
// Metadata (key 3): brokers, controller, cluster id, topics and partitions.
// One description spans v0 (the sandbox stops at v2) to v13 (Kafka 4.x).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kMetadataApi{3, "Metadata", {0, 13}, 9};
inline constexpr std::int32_t kAuthorizedOperationsUnknown = -2147483648;

struct MetadataRequest {
    static constexpr ApiSpec api = kMetadataApi;

    struct Topic {
        Uuid topic_id;
        std::optional<std::string> name;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(topic_id, {.name = "topic_id", .versions = 10, .ignorable = true});
            v(name, {.name = "name", .nullable = 10});
        }
    };

    // Null asks for every topic (v1+); v0 asks for every topic with an empty list.
    std::optional<std::vector<Topic>> topics;
    bool allow_auto_topic_creation = true;
    bool include_cluster_authorized_operations = false;
    bool include_topic_authorized_operations = false;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(topics, {.name = "topics", .nullable = 1});
        v(allow_auto_topic_creation,
          {.name = "allow_auto_topic_creation", .versions = 4, .ignorable = true});
        v(include_cluster_authorized_operations,
          {.name = "include_cluster_authorized_operations", .versions = {8, 10}, .ignorable = true});
        v(include_topic_authorized_operations,
          {.name = "include_topic_authorized_operations", .versions = 8, .ignorable = true});
    }
};

struct MetadataResponse {
    static constexpr ApiSpec api = kMetadataApi;

    struct Broker {
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
            v(rack, {.name = "rack", .versions = 1, .nullable = 1, .ignorable = true});
        }
    };
    struct Partition {
        std::int16_t error_code = 0;
        std::int32_t partition_index = 0;
        std::int32_t leader_id = -1;
        std::int32_t leader_epoch = -1;
        std::vector<std::int32_t> replica_nodes;
        std::vector<std::int32_t> isr_nodes;
        std::vector<std::int32_t> offline_replicas;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(error_code, {.name = "error_code"});
            v(partition_index, {.name = "partition_index"});
            v(leader_id, {.name = "leader_id"});
            v(leader_epoch, {.name = "leader_epoch", .versions = 7, .ignorable = true});
            v(replica_nodes, {.name = "replica_nodes"});
            v(isr_nodes, {.name = "isr_nodes"});
            v(offline_replicas, {.name = "offline_replicas", .versions = 5, .ignorable = true});
        }
    };
    struct Topic {
        std::int16_t error_code = 0;
        std::optional<std::string> name;  // null only in v12+ when asked by id
        Uuid topic_id;
        bool is_internal = false;
        std::vector<Partition> partitions;
        std::int32_t topic_authorized_operations = kAuthorizedOperationsUnknown;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(error_code, {.name = "error_code"});
            v(name, {.name = "name", .nullable = 12});
            v(topic_id, {.name = "topic_id", .versions = 10, .ignorable = true});
            v(is_internal, {.name = "is_internal", .versions = 1, .ignorable = true});
            v(partitions, {.name = "partitions"});
            v(topic_authorized_operations,
              {.name = "topic_authorized_operations", .versions = 8, .ignorable = true});
        }
    };

    std::int32_t throttle_time_ms = 0;
    std::vector<Broker> brokers;
    std::optional<std::string> cluster_id;
    std::int32_t controller_id = -1;
    std::vector<Topic> topics;
    std::int32_t cluster_authorized_operations = kAuthorizedOperationsUnknown;
    std::int16_t error_code = 0;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 3, .ignorable = true});
        v(brokers, {.name = "brokers"});
        v(cluster_id, {.name = "cluster_id", .versions = 2, .nullable = 2, .ignorable = true});
        v(controller_id, {.name = "controller_id", .versions = 1, .ignorable = true});
        v(topics, {.name = "topics"});
        v(cluster_authorized_operations,
          {.name = "cluster_authorized_operations", .versions = {8, 10}, .ignorable = true});
        v(error_code, {.name = "error_code", .versions = 13, .ignorable = true});
    }
};

template <>
struct response_for<MetadataRequest> {
    using type = MetadataResponse;
};

}  // namespace kafkascope::protocol
