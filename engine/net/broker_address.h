#pragma once
// host:port of a broker, and parsing of bootstrap strings.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace kafkascope::net {

struct BrokerAddress {
    std::string host;
    std::uint16_t port = 0;

    std::string to_string() const;  // "host:port", "[::1]:9092" for IPv6
    friend bool operator==(const BrokerAddress&, const BrokerAddress&) = default;
};

// Parses "host:port[,host:port...]" (spaces around commas allowed, IPv6 in
// brackets). An error names the offending entry and what is wrong with it.
Result<std::vector<BrokerAddress>> parse_bootstrap(std::string_view text);

}  // namespace kafkascope::net
