#include "cluster/api_versions_report.h"

#include <algorithm>
#include <set>

#include "protocol/api_keys.h"
#include "protocol/supported_apis.h"

namespace kafkascope::cluster {

std::vector<ApiVersionRow> api_version_rows(const net::ApiVersionTable& broker) {
    std::set<std::int16_t> keys;
    for (const auto& r : broker.ranges()) keys.insert(r.api_key);
    for (const auto& api : protocol::supported_apis()) keys.insert(api.key);

    std::vector<ApiVersionRow> rows;
    for (const std::int16_t key : keys) {
        ApiVersionRow row;
        row.api_key = key;
        const auto name = protocol::api_name(key);
        row.name = name.empty() ? "Unknown(" + std::to_string(key) + ")" : std::string(name);
        if (const auto* theirs = broker.find(key)) {
            row.broker_min = theirs->min_version;
            row.broker_max = theirs->max_version;
        }
        if (const auto* ours = protocol::find_supported_api(key)) {
            row.our_min = ours->versions.min;
            row.our_max = ours->versions.max;
            if (auto chosen = broker.choose(*ours, "")) row.chosen = *chosen;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace kafkascope::cluster
