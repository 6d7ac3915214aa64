#include "endpoint.h"

#include "parse_number.h"

namespace kafkascope::sandbox {

std::optional<std::vector<Endpoint>> parse_bootstrap(std::string_view text) {
    std::vector<Endpoint> endpoints;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto item = text.substr(0, comma);
        const auto colon = item.rfind(':');
        if (colon == std::string_view::npos || colon == 0) return std::nullopt;
        const auto port = parse_number<std::uint16_t>(item.substr(colon + 1), 1, 65535);
        if (!port) return std::nullopt;
        endpoints.push_back({std::string(item.substr(0, colon)), *port});
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    }
    if (endpoints.empty()) return std::nullopt;
    return endpoints;
}

std::string join_bootstrap(const std::vector<Endpoint>& endpoints) {
    std::string out;
    for (const auto& endpoint : endpoints) {
        if (!out.empty()) out += ',';
        out += endpoint.to_string();
    }
    return out;
}

}  // namespace kafkascope::sandbox
