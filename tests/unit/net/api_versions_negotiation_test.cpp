// The ApiVersions handshake decisions, from bytes alone (no sockets).
#include <string>

#include "net/api_versions_negotiation.h"
#include "protocol/frame.h"
#include "protocol/kafka_error.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::net;
using protocol::ApiVersionsResponse;

namespace {

const std::string kBroker = "b1.example:9092";

ApiVersionsResponse response_with(std::int16_t error, std::int16_t api_versions_max) {
    ApiVersionsResponse r;
    r.error_code = error;
    r.api_keys = {{18, 0, api_versions_max, {}}, {3, 0, 12, {}}};
    return r;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE(accepts_a_successful_answer_at_every_version) {
    for (std::int16_t v = 0; v <= 4; ++v) {
        const auto bytes = protocol::encode_body(response_with(0, 4), v);
        auto verdict = judge_api_versions_response(bytes, v, kBroker);
        ASSERT_TRUE(std::holds_alternative<ApiVersionTable>(verdict));
        const auto& table = std::get<ApiVersionTable>(verdict);
        ASSERT_EQ(table.ranges().size(), 2u);
        ASSERT_TRUE(table.find(3) != nullptr);
        EXPECT_EQ(table.find(3)->max_version, 12);
    }
}

TEST_CASE(unsupported_version_with_v0_body_retries_at_their_max) {
    const auto bytes = protocol::encode_body(response_with(35, 2), 0);
    auto verdict = judge_api_versions_response(bytes, 4, kBroker);
    ASSERT_TRUE(std::holds_alternative<RetryApiVersionsAt>(verdict));
    EXPECT_EQ(std::get<RetryApiVersionsAt>(verdict).version, 2);
}

TEST_CASE(unsupported_version_listing_the_refused_version_falls_back_to_v0) {
    const auto bytes = protocol::encode_body(response_with(35, 7), 0);
    auto verdict = judge_api_versions_response(bytes, 4, kBroker);
    ASSERT_TRUE(std::holds_alternative<RetryApiVersionsAt>(verdict));
    EXPECT_EQ(std::get<RetryApiVersionsAt>(verdict).version, 0);
}

TEST_CASE(unsupported_version_with_garbage_body_retries_at_v0) {
    const protocol::Bytes bytes{0x00, 0x23, 0xff, 0xff, 0xff, 0x7f, 0x01};
    auto verdict = judge_api_versions_response(bytes, 3, kBroker);
    ASSERT_TRUE(std::holds_alternative<RetryApiVersionsAt>(verdict));
    EXPECT_EQ(std::get<RetryApiVersionsAt>(verdict).version, 0);
}

TEST_CASE(unsupported_version_at_v0_gives_up) {
    const auto bytes = protocol::encode_body(response_with(35, 0), 0);
    auto verdict = judge_api_versions_response(bytes, 0, kBroker);
    ASSERT_TRUE(std::holds_alternative<Error>(verdict));
    const auto& error = std::get<Error>(verdict);
    EXPECT_TRUE(error.code == client_errc::unsupported_version);
    EXPECT_TRUE(contains(error.message, kBroker));
}

TEST_CASE(other_kafka_errors_are_reported_with_their_code) {
    const auto bytes = protocol::encode_body(response_with(42, 4), 4);
    auto verdict = judge_api_versions_response(bytes, 4, kBroker);
    ASSERT_TRUE(std::holds_alternative<Error>(verdict));
    const auto& error = std::get<Error>(verdict);
    EXPECT_TRUE(error.code == protocol::make_kafka_error_code(42));
    EXPECT_TRUE(contains(error.message, kBroker));
    EXPECT_TRUE(contains(error.message, "ApiVersions v4"));
    EXPECT_TRUE(contains(error.message, "42"));
}

TEST_CASE(undecodable_answers_are_decode_failures) {
    for (const protocol::Bytes& bytes : {protocol::Bytes{}, protocol::Bytes{0x00},
                                         protocol::Bytes{0x00, 0x00, 0xff, 0xff, 0xff, 0x7f}}) {
        auto verdict = judge_api_versions_response(bytes, 4, kBroker);
        ASSERT_TRUE(std::holds_alternative<Error>(verdict));
        const auto& error = std::get<Error>(verdict);
        EXPECT_TRUE(error.code == client_errc::decode_failed);
        EXPECT_TRUE(contains(error.message, kBroker));
    }
}

TEST_CASE(requests_carry_software_name_only_where_the_version_has_it) {
    EXPECT_EQ(make_api_versions_request(2).client_software_name, std::string());
    EXPECT_EQ(make_api_versions_request(3).client_software_name, std::string("kafkascope"));
    EXPECT_EQ(make_api_versions_request(4).client_software_version, std::string("0.1.0"));
    for (std::int16_t v = 0; v <= 4; ++v) {
        auto encoded = protocol::encode_request(make_api_versions_request(v), v, "kafkascope");
        EXPECT_TRUE(encoded.ok());
    }
}
