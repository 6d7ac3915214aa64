// Golden frames: real exchanges between librdkafka / franz-go and kfake
// (tests/data/golden), plus franz-go's version sweep that covers every
// version of each API. Each must decode, carry the values the capture notes
// describe, and encode back to the captured bytes.

#include <algorithm>
#include <set>

#include "golden_round_trip.h"

using namespace kafkascope;
using namespace kafkascope::protocol;
using kafkascope::test::golden_round_trip;
using kafkascope::test::GoldenSample;
using kafkascope::test::load_golden;

namespace {

bool from_sweep(const GoldenSample& s) {
    return s.source.starts_with("kmsg-version-sweep");
}

// kfake runs three brokers, node i listening on 127.0.0.1:49092+i.
void check_kfake_brokers(const GoldenSample& s, const MetadataResponse& r) {
    EXPECT_EQ(r.brokers.size(), std::size_t{3});
    for (const auto& b : r.brokers) {
        EXPECT_EQ(b.host, std::string("127.0.0.1"));
        EXPECT_EQ(b.port, 49092 + b.node_id);
        if (s.api_version == 0) EXPECT_FALSE(b.rack.has_value());  // v0 has no rack field
    }
}

const MetadataResponse::Topic* find_topic(const MetadataResponse& r, const std::string& name) {
    auto it = std::find_if(r.topics.begin(), r.topics.end(),
                           [&](const auto& t) { return t.name == name; });
    return it == r.topics.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE(golden_api_versions_every_version) {
    const auto samples = load_golden("api_versions.jsonl");
    std::set<int> versions;
    for (const GoldenSample& s : samples) {
        if (s.api_version > kApiVersionsApi.versions.max) continue;  // the v5 refusal, below
        versions.insert(s.api_version);
        auto d = golden_round_trip<ApiVersionsRequest>(s);
        ASSERT_TRUE(d.has_value());
        const auto& r = d->response;
        EXPECT_EQ(r.error_code, std::int16_t{0});
        EXPECT_EQ(r.throttle_time_ms, 0);
        auto self = std::find_if(r.api_keys.begin(), r.api_keys.end(),
                                 [](const auto& k) { return k.api_key == kApiVersionsKey; });
        ASSERT_TRUE(self != r.api_keys.end());
        EXPECT_EQ(self->min_version, std::int16_t{0});
        if (s.api_version >= 3) {
            EXPECT_FALSE(d->request.client_software_name.empty());
            EXPECT_FALSE(d->request.client_software_version.empty());
        }
        if (from_sweep(s)) {
            // The sweep's kfake is stock: 62 APIs, ApiVersions up to v4, and
            // from v3 on the feature tags (epoch 1, transaction.version).
            EXPECT_EQ(r.api_keys.size(), std::size_t{62});
            EXPECT_EQ(self->max_version, std::int16_t{4});
            if (s.api_version >= 3) {
                EXPECT_EQ(d->request.client_software_name, std::string("kmsg-sweep"));
                EXPECT_EQ(d->request.client_software_version, std::string("1.0"));
                EXPECT_EQ(r.finalized_features_epoch, std::int64_t{1});
                ASSERT_EQ(r.supported_features.size(), std::size_t{3});
                EXPECT_EQ(r.supported_features[0].name, std::string("transaction.version"));
                EXPECT_EQ(r.finalized_features.size(), std::size_t{3});
            }
        }
    }
    EXPECT_EQ(versions.size(), std::size_t{5});  // v0..v4 all present
}

// A v5 request is above kfake's maximum (v4): the broker answers with error
// 35 and a v0-shaped body listing what it does support, which is how a
// client learns which version to retry with.
TEST_CASE(golden_api_versions_unsupported_version_answer) {
    const auto samples = load_golden("api_versions.jsonl");
    auto it = std::find_if(samples.begin(), samples.end(),
                           [](const auto& s) { return s.api_version == 5; });
    ASSERT_TRUE(it != samples.end());
    const GoldenSample& s = *it;

    auto header = decode_request_header(s.request, &test::golden_flexible_header);
    ASSERT_TRUE(header.ok());
    EXPECT_EQ(header->api_version, std::int16_t{5});
    // Version 5 is beyond what we decode; the body has v3/v4's layout.
    const auto body = std::span<const std::uint8_t>(s.request).subspan(header->body_offset);
    EXPECT_FALSE(decode_body<ApiVersionsRequest>(body, 5, "request").ok());
    auto as_v4 = decode_body<ApiVersionsRequest>(body, 4, "request");
    ASSERT_TRUE(as_v4.ok());
    EXPECT_EQ(as_v4->client_software_name, std::string("kmsg-sweep"));
    EXPECT_EQ(test::to_hex(encode_body(*as_v4, 4)), test::to_hex(body));

    const auto after_corr = std::span<const std::uint8_t>(s.response).subspan(4);
    auto r = decode_response<ApiVersionsResponse>(after_corr, 0);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->error_code, std::int16_t{35});
    EXPECT_EQ(r->api_keys.size(), std::size_t{62});
    EXPECT_EQ(test::to_hex(encode_body(*r, 0)), test::to_hex(after_corr));
}

TEST_CASE(golden_metadata_every_version) {
    const auto samples = load_golden("metadata.jsonl");
    std::set<int> sweep_versions;
    for (const GoldenSample& s : samples) {
        auto d = golden_round_trip<MetadataRequest>(s);
        ASSERT_TRUE(d.has_value());
        const auto& r = d->response;
        check_kfake_brokers(s, r);
        if (s.api_version >= 2) EXPECT_EQ(r.cluster_id, std::optional<std::string>("kfake"));
        if (s.api_version >= 1) {
            EXPECT_TRUE(r.controller_id >= 0 && r.controller_id <= 2);
        }
        if (!from_sweep(s)) continue;
        sweep_versions.insert(s.api_version);
        // The sweep asks for topic "sweep": one partition led by node 1 with
        // replicas on all three brokers.
        ASSERT_TRUE(d->request.topics.has_value());
        ASSERT_EQ(d->request.topics->size(), std::size_t{1});
        EXPECT_EQ((*d->request.topics)[0].name, std::optional<std::string>("sweep"));
        const auto* t = find_topic(r, "sweep");
        ASSERT_TRUE(t != nullptr);
        EXPECT_EQ(t->error_code, std::int16_t{0});
        ASSERT_EQ(t->partitions.size(), std::size_t{1});
        EXPECT_EQ(t->partitions[0].partition_index, 0);
        EXPECT_EQ(t->partitions[0].leader_id, 1);
        EXPECT_EQ(t->partitions[0].replica_nodes.size(), std::size_t{3});
        EXPECT_EQ(t->partitions[0].isr_nodes.size(), std::size_t{3});
        if (s.api_version >= 10) {
            EXPECT_EQ(t->topic_id.to_string(), std::string("Fl-LJHBtbVpTspceVuBbTQ"));
        }
        if (s.api_version >= 13) EXPECT_EQ(r.error_code, std::int16_t{0});
    }
    EXPECT_EQ(sweep_versions.size(), std::size_t{14});  // v0..v13
}

TEST_CASE(golden_metadata_real_clients) {
    const auto samples = load_golden("metadata.jsonl");
    int librdkafka = 0;
    int kgo = 0;
    for (const GoldenSample& s : samples) {
        if (from_sweep(s)) continue;
        auto d = golden_round_trip<MetadataRequest>(s);
        ASSERT_TRUE(d.has_value());
        if (s.client_id == "rdkafka") {
            ++librdkafka;
            EXPECT_EQ(s.api_version, std::int16_t{4});
        } else if (s.client_id == "kgo-capclient") {
            ++kgo;
        }
        // "kcat -L" and "Metadata(all)" ask for every topic with a null list.
        const bool all_topics = s.note.find("kcat -L") != std::string::npos ||
                                s.note.find("Metadata(all)") != std::string::npos;
        if (all_topics) EXPECT_FALSE(d->request.topics.has_value());
        for (const auto& t : d->response.topics) {
            EXPECT_TRUE(t.name.has_value());
            if (t.error_code == 0) EXPECT_FALSE(t.partitions.empty());
        }
    }
    EXPECT_TRUE(librdkafka >= 4);
    EXPECT_TRUE(kgo >= 6);
}

TEST_CASE(golden_list_offsets_every_version) {
    const auto samples = load_golden("list_offsets.jsonl");
    std::set<int> sweep_versions;
    for (const GoldenSample& s : samples) {
        auto d = golden_round_trip<ListOffsetsRequest>(s);
        ASSERT_TRUE(d.has_value());
        EXPECT_FALSE(d->request.topics.empty());
        EXPECT_EQ(d->request.replica_id, -1);
        for (const auto& t : d->response.topics) {
            for (const auto& p : t.partitions) {
                if (p.error_code == 0 && p.resolved_offset() >= 0) continue;
                // Only "no offset for that timestamp" answers may lack one.
                EXPECT_EQ(p.resolved_offset(), std::int64_t{-1});
            }
        }
        if (!from_sweep(s)) continue;
        sweep_versions.insert(s.api_version);
        // The sweep asks for the latest offset of sweep/0.
        ASSERT_EQ(d->request.topics.size(), std::size_t{1});
        EXPECT_EQ(d->request.topics[0].name, std::string("sweep"));
        ASSERT_EQ(d->request.topics[0].partitions.size(), std::size_t{1});
        EXPECT_EQ(d->request.topics[0].partitions[0].timestamp, kLatestTimestamp);
        ASSERT_EQ(d->response.topics.size(), std::size_t{1});
        ASSERT_EQ(d->response.topics[0].partitions.size(), std::size_t{1});
        const auto& p = d->response.topics[0].partitions[0];
        EXPECT_EQ(p.partition_index, 0);
        EXPECT_EQ(p.error_code, std::int16_t{0});
        if (s.api_version == 0) {
            // kfake answers v0 with an empty offset list (hex "...0000 00000000").
            EXPECT_TRUE(p.old_style_offsets.empty());
            EXPECT_EQ(p.resolved_offset(), std::int64_t{-1});
        } else {
            EXPECT_TRUE(p.resolved_offset() >= 0);
        }
    }
    EXPECT_EQ(sweep_versions.size(), std::size_t{11});  // v0..v10
}

TEST_CASE(golden_list_offsets_real_clients) {
    const auto samples = load_golden("list_offsets.jsonl");
    bool saw_earliest = false;
    bool saw_latest = false;
    bool saw_max_timestamp = false;
    for (const GoldenSample& s : samples) {
        if (from_sweep(s)) continue;
        auto d = golden_round_trip<ListOffsetsRequest>(s);
        ASSERT_TRUE(d.has_value());
        for (const auto& t : d->request.topics) {
            for (const auto& p : t.partitions) {
                saw_earliest |= p.timestamp == kEarliestTimestamp;
                saw_latest |= p.timestamp == kLatestTimestamp;
                saw_max_timestamp |= p.timestamp == kMaxTimestamp;
            }
        }
    }
    EXPECT_TRUE(saw_earliest);
    EXPECT_TRUE(saw_latest);
    EXPECT_TRUE(saw_max_timestamp);
}
