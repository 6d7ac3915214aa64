#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "endpoint.h"

namespace kafkascope::sandbox {

struct ApiVersionRange {
    std::int16_t min = 0;
    std::int16_t max = 0;
};

using ApiVersionRanges = std::map<std::int16_t, ApiVersionRange>;

// Asks one broker for its ApiVersions (v0, the one request every broker
// answers) over a raw TCP connection. librdkafka has no public call for a
// broker's advertised ranges, and we need them to validate 'apiversion'.
std::optional<ApiVersionRanges> probe_api_versions(const Endpoint& broker,
                                                   std::chrono::milliseconds timeout,
                                                   std::string& error);

}  // namespace kafkascope::sandbox
