#pragma once
// FindCoordinator (key 10): which broker coordinates a consumer group
// (key type 0) or a transactional id (key type 1). v1 added the key type
// and error message, v3 flexible, v4 (KIP-699) looks up a batch of keys at
// once: the single key and the single answer fields exist only up to v3.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kFindCoordinatorApi{10, "FindCoordinator", {0, 6}, 3};

inline constexpr std::int8_t kCoordinatorGroup = 0;
inline constexpr std::int8_t kCoordinatorTransaction = 1;

struct FindCoordinatorRequest {
    static constexpr ApiSpec api = kFindCoordinatorApi;

    std::string key;                            // v0-v3
    std::int8_t key_type = kCoordinatorGroup;   // v1+
    std::vector<std::string> coordinator_keys;  // v4+
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(key, {.name = "key", .versions = {0, 3}});
        v(key_type, {.name = "key_type", .versions = 1});
        v(coordinator_keys, {.name = "coordinator_keys", .versions = 4});
    }
};

struct FindCoordinatorResponse {
    static constexpr ApiSpec api = kFindCoordinatorApi;

    struct Coordinator {
        std::string key;
        std::int32_t node_id = -1;
        std::string host;
        std::int32_t port = -1;
        std::int16_t error_code = 0;
        std::optional<std::string> error_message;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(key, {.name = "key"});
            v(node_id, {.name = "node_id"});
            v(host, {.name = "host"});
            v(port, {.name = "port"});
            v(error_code, {.name = "error_code"});
            v(error_message, {.name = "error_message", .nullable = 0});
        }
    };

    std::int32_t throttle_time_ms = 0;
    // v0-v3: the one answer. From v4 every key is answered in coordinators.
    std::int16_t error_code = 0;
    std::optional<std::string> error_message;
    std::int32_t node_id = 0;
    std::string host;
    std::int32_t port = 0;
    std::vector<Coordinator> coordinators;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(error_code, {.name = "error_code", .versions = {0, 3}});
        v(error_message,
          {.name = "error_message", .versions = {1, 3}, .nullable = {1, 3}, .ignorable = true});
        v(node_id, {.name = "node_id", .versions = {0, 3}});
        v(host, {.name = "host", .versions = {0, 3}});
        v(port, {.name = "port", .versions = {0, 3}});
        v(coordinators, {.name = "coordinators", .versions = 4});
    }
};

template <>
struct response_for<FindCoordinatorRequest> {
    using type = FindCoordinatorResponse;
};

}  // namespace kafkascope::protocol
