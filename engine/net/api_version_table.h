#pragma once
// The version ranges one broker advertised in ApiVersions, and the choice of
// version for each request: the highest both sides speak.

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "protocol/field.h"

namespace kafkascope::net {

struct BrokerApiRange {
    std::int16_t api_key = 0;
    std::int16_t min_version = 0;
    std::int16_t max_version = 0;
};

class ApiVersionTable {
public:
    ApiVersionTable() = default;
    explicit ApiVersionTable(std::vector<BrokerApiRange> ranges) : ranges_(std::move(ranges)) {}

    // min(our max, broker max) when the ranges overlap. The error says which
    // API, our range and the broker's (or that the broker lacks the API).
    Result<std::int16_t> choose(const protocol::ApiSpec& api, const std::string& broker) const;

    const BrokerApiRange* find(std::int16_t api_key) const;
    const std::vector<BrokerApiRange>& ranges() const { return ranges_; }

private:
    std::vector<BrokerApiRange> ranges_;
};

}  // namespace kafkascope::net
