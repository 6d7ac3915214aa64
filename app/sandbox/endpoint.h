#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kafkascope::sandbox {

struct Endpoint {
    std::string host;
    std::uint16_t port = 0;

    [[nodiscard]] std::string to_string() const { return host + ":" + std::to_string(port); }
};

// Parses "host:port,host:port" as printed by the mock cluster.
std::optional<std::vector<Endpoint>> parse_bootstrap(std::string_view text);

std::string join_bootstrap(const std::vector<Endpoint>& endpoints);

}  // namespace kafkascope::sandbox
