#include "golden_round_trip.h"

#include "protocol/supported_apis.h"

namespace kafkascope::test {

bool golden_flexible_header(std::int16_t key, std::int16_t version) {
    const protocol::ApiSpec* api = protocol::find_supported_api(key);
    return api != nullptr && api->flexible.contains(version);
}

void expect_same_bytes(const GoldenSample& s, const char* what,
                       std::span<const std::uint8_t> actual,
                       std::span<const std::uint8_t> expected) {
    if (std::equal(actual.begin(), actual.end(), expected.begin(), expected.end())) return;
    report_failure(__FILE__, __LINE__,
                   s.label + ": " + what + " differs\n    got      " + to_hex(actual) +
                       "\n    captured " + to_hex(expected));
}

void expect_sample(const GoldenSample& s, bool ok, const std::string& what) {
    if (!ok) report_failure(__FILE__, __LINE__, s.label + ": " + what);
}

}  // namespace kafkascope::test
