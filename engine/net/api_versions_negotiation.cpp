#include "net/api_versions_negotiation.h"

#include <algorithm>

#include "protocol/frame.h"
#include "protocol/kafka_error.h"

namespace kafkascope::net {
namespace {

constexpr std::int16_t kUnsupportedVersion = 35;

std::string kafka_error_text(std::int16_t code) {
    return "error " + std::to_string(code) + " " + protocol::kafka_error_name(code);
}

ApiVersionTable to_table(const protocol::ApiVersionsResponse& response) {
    std::vector<BrokerApiRange> ranges;
    ranges.reserve(response.api_keys.size());
    for (const auto& r : response.api_keys) ranges.push_back({r.api_key, r.min_version, r.max_version});
    return ApiVersionTable(std::move(ranges));
}

// After error 35 at `version`: the version to try next.
RetryApiVersionsAt retry_after_unsupported(std::span<const std::uint8_t> response, std::int16_t version) {
    auto v0 = protocol::decode_response<protocol::ApiVersionsResponse>(response, 0);
    if (v0) {
        for (const auto& r : v0->api_keys) {
            if (r.api_key != protocol::kApiVersionsKey) continue;
            const auto next = std::min(protocol::kApiVersionsApi.versions.max, r.max_version);
            // A broker that lists the version it just refused is confused;
            // v0 below still terminates the handshake.
            if (next >= 0 && next < version) return {next};
        }
    }
    return {0};
}

}  // namespace

protocol::ApiVersionsRequest make_api_versions_request(std::int16_t version) {
    protocol::ApiVersionsRequest request;
    if (version >= 3) {
        request.client_software_name = kClientSoftwareName;
        request.client_software_version = kClientSoftwareVersion;
    }
    return request;
}

ApiVersionsVerdict judge_api_versions_response(std::span<const std::uint8_t> response,
                                               std::int16_t version, const std::string& broker) {
    auto decoded = protocol::decode_response<protocol::ApiVersionsResponse>(response, version);
    if (decoded && decoded->error_code == 0) return to_table(*decoded);

    // The error code leads every layout, so it is readable even when the
    // rest of a non-standard body is not.
    std::int16_t code = 0;
    if (decoded) {
        code = decoded->error_code;
    } else if (response.size() >= 2) {
        code = static_cast<std::int16_t>((response[0] << 8) | response[1]);
    }
    if (code == kUnsupportedVersion) {
        if (version > 0) return retry_after_unsupported(response, version);
        return Error(client_errc::unsupported_version,
                     "broker " + broker + " refuses even ApiVersions v0 (" + kafka_error_text(code) + ")");
    }
    if (!decoded) {
        return Error(client_errc::decode_failed, "broker " + broker + ": " + decoded.error().message);
    }
    return Error(protocol::make_kafka_error_code(code), "broker " + broker + " refused ApiVersions v" +
                                                            std::to_string(version) + " (" +
                                                            kafka_error_text(code) + ")");
}

}  // namespace kafkascope::net
