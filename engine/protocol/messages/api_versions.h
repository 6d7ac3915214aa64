#pragma once
// ApiVersions (key 18): which versions of each API a broker speaks. Sent
// first on every connection. Responses always use response header v0.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/field.h"
#include "protocol/bytes.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kApiVersionsApi{18, "ApiVersions", {0, 4}, 3};

struct ApiVersionsRequest {
    static constexpr ApiSpec api = kApiVersionsApi;
    std::string client_software_name;
    std::string client_software_version;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(client_software_name, {.name = "client_software_name", .versions = 3});
        v(client_software_version, {.name = "client_software_version", .versions = 3});
    }
};

struct ApiVersionsResponse {
    static constexpr ApiSpec api = kApiVersionsApi;

    struct ApiRange {
        std::int16_t api_key = 0;
        std::int16_t min_version = 0;
        std::int16_t max_version = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(api_key, {.name = "api_key"});
            v(min_version, {.name = "min_version"});
            v(max_version, {.name = "max_version"});
        }
    };
    struct SupportedFeature {
        std::string name;
        std::int16_t min_version = 0;
        std::int16_t max_version = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name"});
            v(min_version, {.name = "min_version"});
            v(max_version, {.name = "max_version"});
        }
    };
    struct FinalizedFeature {
        std::string name;
        std::int16_t max_version_level = 0;
        std::int16_t min_version_level = 0;
        TaggedFields unknown_tags;
        template <class V>
        void fields(V& v) {
            v(name, {.name = "name"});
            v(max_version_level, {.name = "max_version_level"});
            v(min_version_level, {.name = "min_version_level"});
        }
    };

    std::int16_t error_code = 0;
    std::vector<ApiRange> api_keys;
    std::int32_t throttle_time_ms = 0;
    std::vector<SupportedFeature> supported_features;
    std::int64_t finalized_features_epoch = -1;
    std::vector<FinalizedFeature> finalized_features;
    bool zk_migration_ready = false;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(error_code, {.name = "error_code"});
        v(api_keys, {.name = "api_keys"});
        v(throttle_time_ms, {.name = "throttle_time_ms", .versions = 1, .ignorable = true});
        v(supported_features, {.name = "supported_features", .versions = 3, .tag = 0});
        v(finalized_features_epoch,
          {.name = "finalized_features_epoch", .versions = 3, .tag = 1, .int_default = -1});
        v(finalized_features, {.name = "finalized_features", .versions = 3, .tag = 2});
        v(zk_migration_ready, {.name = "zk_migration_ready", .versions = 3, .tag = 3});
    }
};

template <>
struct response_for<ApiVersionsRequest> {
    using type = ApiVersionsResponse;
};

}  // namespace kafkascope::protocol
