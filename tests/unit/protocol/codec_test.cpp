// The declarative codec over whole messages: tagged fields (known, unknown,
// order), null versus empty arrays, refusing to drop data, hostile counts,
// and truncated frames at every length.

#include <string>

#include "golden_samples.h"
#include "hex.h"
#include "protocol/frame.h"
#include "protocol/messages/api_versions.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/metadata.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::protocol;
using kafkascope::test::from_hex;
using kafkascope::test::hex;
using kafkascope::test::to_hex;

namespace {

// ApiVersions v3 response body: error 0, one api (18, 0..4) whose entry
// carries unknown tag 9, throttle 0, then tags 1 (finalized epoch 7) and 5
// (unknown to us).
constexpr const char* kTaggedApiVersions =
    "0000 "                             // error_code
    "02 0012 0000 0004 01 09 02 abcd "  // api_keys: one entry, with tag 9 = abcd
    "00000000 "                         // throttle_time_ms
    "02 01 08 0000000000000007 "        // two tags: 1 = finalized_features_epoch 7,
    "05 03 010203";                     // and 5, unknown

long error_offset(const std::string& error) {
    const auto at = error.rfind("at byte ");
    return at == std::string::npos ? -1 : std::stol(error.substr(at + 8));
}

}  // namespace

TEST_CASE(unknown_tags_are_kept_and_re_emitted) {
    const Bytes body = from_hex(kTaggedApiVersions);
    auto r = decode_body<ApiVersionsResponse>(body, 3);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->finalized_features_epoch, std::int64_t{7});
    ASSERT_EQ(r->unknown_tags.size(), std::size_t{1});
    EXPECT_EQ(r->unknown_tags[0].tag, 5u);
    EXPECT_EQ(to_hex(r->unknown_tags[0].data), std::string("010203"));
    ASSERT_EQ(r->api_keys.size(), std::size_t{1});
    ASSERT_EQ(r->api_keys[0].unknown_tags.size(), std::size_t{1});
    EXPECT_EQ(r->api_keys[0].unknown_tags[0].tag, 9u);
    // Known and unknown tags go back out merged in ascending tag order.
    std::string error;
    EXPECT_EQ(to_hex(encode_body(*r, 3, &error)), to_hex(body));
    EXPECT_TRUE(error.empty());

    // In a classic version there is no tagged section to keep them in.
    ApiVersionsResponse classic = *r;
    classic.finalized_features_epoch = -1;
    EXPECT_EQ(to_hex(encode_body(classic, 2, &error)), hex("0000 00000001 001200000004 00000000"));
}

TEST_CASE(tags_at_default_are_not_sent) {
    ApiVersionsResponse r;
    r.api_keys.push_back({18, 0, 4, {}});
    EXPECT_EQ(to_hex(encode_body(r, 3)), hex("0000 02 001200000004 00 00000000 00"));
    r.zk_migration_ready = true;
    EXPECT_EQ(to_hex(encode_body(r, 3)), hex("0000 02 001200000004 00 00000000 01 03 01 01"));
}

TEST_CASE(malformed_tagged_field_fails) {
    // Tag 1 (an int64) with only 2 bytes of payload.
    const Bytes body = from_hex("0000 01 00000000 01 01 02 0000");
    auto r = decode_body<ApiVersionsResponse>(body, 3);
    EXPECT_FALSE(r.ok());
}

TEST_CASE(metadata_null_versus_empty_topic_list) {
    MetadataRequest all;  // topics null: every topic
    MetadataRequest none;
    none.topics.emplace();  // empty: no topic, brokers only
    none.allow_auto_topic_creation = false;
    all.allow_auto_topic_creation = false;

    EXPECT_EQ(to_hex(encode_body(all, 4)), hex("ffffffff 00"));
    EXPECT_EQ(to_hex(encode_body(none, 4)), hex("00000000 00"));
    // v9: topics, three booleans, tagged section.
    EXPECT_EQ(to_hex(encode_body(all, 9)), hex("00 00 00 00 00"));
    EXPECT_EQ(to_hex(encode_body(none, 9)), hex("01 00 00 00 00"));

    for (std::int16_t v : {std::int16_t{4}, std::int16_t{9}}) {
        auto a = decode_body<MetadataRequest>(encode_body(all, v), v);
        auto n = decode_body<MetadataRequest>(encode_body(none, v), v);
        ASSERT_TRUE(a.ok() && n.ok());
        EXPECT_FALSE(a->topics.has_value());
        ASSERT_TRUE(n->topics.has_value());
        EXPECT_TRUE(n->topics->empty());
    }
    // v0 cannot say "null": encoding refuses rather than sending "no topics".
    std::string error;
    (void)encode_body(all, 0, &error);
    EXPECT_FALSE(error.empty());
    // ...and a null array in a v0 frame is malformed.
    EXPECT_FALSE(decode_body<MetadataRequest>(from_hex("ffffffff"), 0).ok());
}

TEST_CASE(encoder_refuses_to_drop_data) {
    ApiVersionsRequest r;
    r.client_software_name = "kafkascope";
    r.client_software_version = "0.1";
    auto v2 = encode_request(r, 2, "ks");
    EXPECT_FALSE(v2.ok());  // v2 has no software name field
    auto v3 = encode_request(r, 3, "ks", 7);
    ASSERT_TRUE(v3.ok());
    EXPECT_EQ(to_hex(*v3),
              hex("0012 0003 00000007 0002 6b73 00 0b 6b61666b6173636f7065 04 302e31 00"));
    EXPECT_FALSE(encode_request(r, 99, "ks").ok());  // beyond our versions

    // Ignorable fields are dropped on purpose (defaults the old version implies).
    ListOffsetsRequest lo;
    lo.topics.push_back({"t", {{0, 5, kLatestTimestamp, 1, {}}}, {}});
    lo.timeout_ms = 1000;
    EXPECT_TRUE(encode_request(lo, 0, "ks").ok());
    lo.isolation_level = 1;  // read_committed needs v2+
    EXPECT_FALSE(encode_request(lo, 1, "ks").ok());
    EXPECT_TRUE(encode_request(lo, 2, "ks").ok());
}

TEST_CASE(hostile_counts_in_messages) {
    // Metadata v1 response claiming 2^31-1 brokers in a 10-byte frame.
    EXPECT_FALSE(decode_body<MetadataResponse>(from_hex("7fffffff 0000 0000 0000"), 1).ok());
    // Flexible v9: 2^32-2 brokers.
    EXPECT_FALSE(decode_body<MetadataResponse>(from_hex("00000000 ffffffff0f 00"), 9).ok());
    // A null broker array where the schema has no null.
    EXPECT_FALSE(decode_body<MetadataResponse>(from_hex("00000000 00 00"), 9).ok());
    // ListOffsets v0 with a partition claiming 2^30 offsets.
    EXPECT_FALSE(decode_body<ListOffsetsResponse>(
                     from_hex("00000001 0001 74 00000001 00000000 0000 40000000 0000"), 0)
                     .ok());
    // A response header whose tagged section overruns the frame.
    EXPECT_FALSE(decode_response<MetadataResponse>(from_hex("05 01 ff"), 9).ok());
}

// Every strict prefix of every golden response must fail to decode with an
// error offset inside the prefix; the prefix is copied into a buffer of its
// own size so AddressSanitizer builds catch any read past it.
template <class Response>
void check_truncations(const char* file) {
    for (const auto& s : test::load_golden(file)) {
        std::int16_t v = s.api_version;
        if (v > Response::api.versions.max) v = 0;  // the ApiVersions v5 refusal has a v0 body
        const std::span<const std::uint8_t> full =
            std::span<const std::uint8_t>(s.response).subspan(4);
        ASSERT_TRUE(decode_response<Response>(full, v).ok());
        int failures = 0;
        for (std::size_t n = 0; n < full.size(); ++n) {
            const Bytes prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            auto r = decode_response<Response>(prefix, v);
            if (r.ok()) {
                ++failures;
                continue;
            }
            const long at = error_offset(r.error().message);
            if (at < 0 || at > static_cast<long>(n)) ++failures;
            if (r.error().code != make_error_code(client_errc::decode_failed)) ++failures;
        }
        if (failures != 0) {
            test::report_failure(__FILE__, __LINE__,
                                 s.label + ": " + std::to_string(failures) + " bad truncations");
        }
    }
}

TEST_CASE(truncated_golden_responses_fail_cleanly) {
    check_truncations<ApiVersionsResponse>("api_versions.jsonl");
    check_truncations<MetadataResponse>("metadata.jsonl");
    check_truncations<ListOffsetsResponse>("list_offsets.jsonl");
}

TEST_CASE(truncated_request_headers_fail_cleanly) {
    const Bytes frame = from_hex("0003000c00000002000a6b6d73672d737765657000");
    auto flexible = [](std::int16_t, std::int16_t) { return true; };
    ASSERT_TRUE(decode_request_header(frame, flexible).ok());
    for (std::size_t n = 0; n < frame.size(); ++n) {
        const Bytes prefix(frame.begin(), frame.begin() + static_cast<std::ptrdiff_t>(n));
        EXPECT_FALSE(decode_request_header(prefix, flexible).ok());
    }
}
