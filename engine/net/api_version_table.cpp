#include "net/api_version_table.h"

#include <algorithm>

namespace kafkascope::net {

const BrokerApiRange* ApiVersionTable::find(std::int16_t api_key) const {
    auto it = std::find_if(ranges_.begin(), ranges_.end(),
                           [&](const BrokerApiRange& r) { return r.api_key == api_key; });
    return it == ranges_.end() ? nullptr : &*it;
}

Result<std::int16_t> ApiVersionTable::choose(const protocol::ApiSpec& api,
                                             const std::string& broker) const {
    const BrokerApiRange* theirs = find(api.key);
    const std::string ours =
        "v" + std::to_string(api.versions.min) + "-v" + std::to_string(api.versions.max);
    if (!theirs) {
        return Error(client_errc::unsupported_version,
                     "broker " + broker + " does not support " + std::string(api.name) +
                         " (we speak " + ours + ")");
    }
    const auto low = std::max(api.versions.min, theirs->min_version);
    const auto high = std::min(api.versions.max, theirs->max_version);
    if (low > high) {
        return Error(client_errc::unsupported_version,
                     "no common version of " + std::string(api.name) + " with broker " + broker +
                         ": we speak " + ours + ", it speaks v" + std::to_string(theirs->min_version) +
                         "-v" + std::to_string(theirs->max_version));
    }
    return high;
}

}  // namespace kafkascope::net
