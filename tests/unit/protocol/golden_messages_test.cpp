// Golden frames for Produce, Fetch, InitProducerId and the classic consumer
// group APIs: every exchange of the captures (kmsg version sweep plus
// librdkafka and franz-go clients) must decode, re-encode to the captured
// bytes and carry the values the capture notes describe.

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>

#include "golden_round_trip.h"
#include "protocol/messages/describe_groups.h"
#include "protocol/messages/fetch.h"
#include "protocol/messages/find_coordinator.h"
#include "protocol/messages/heartbeat.h"
#include "protocol/messages/init_producer_id.h"
#include "protocol/messages/join_group.h"
#include "protocol/messages/leave_group.h"
#include "protocol/messages/list_groups.h"
#include "protocol/messages/offset_commit.h"
#include "protocol/messages/offset_fetch.h"
#include "protocol/messages/produce.h"
#include "protocol/messages/sync_group.h"

using namespace kafkascope;
using namespace kafkascope::protocol;
using kafkascope::test::Decoded;
using kafkascope::test::golden_round_trip;
using kafkascope::test::GoldenSample;
using kafkascope::test::load_golden;

namespace {

constexpr std::int16_t kNone = 0;
constexpr std::int16_t kUnknownMemberId = 25;
constexpr std::int16_t kMemberIdRequired = 79;

bool from_sweep(const GoldenSample& s) { return s.source.starts_with("kmsg-version-sweep"); }
bool from_librdkafka(const GoldenSample& s) { return s.source.starts_with("librdkafka-2.0.2"); }
bool note_has(const GoldenSample& s, const std::string& text) {
    return s.note.find(text) != std::string::npos;
}

// The number written just before `suffix` in the note ("3 record(s)"), or -1.
long note_number(const GoldenSample& s, const std::string& suffix) {
    const auto at = s.note.find(suffix);
    if (at == std::string::npos) return -1;
    auto start = at;
    while (start > 0 && s.note[start - 1] >= '0' && s.note[start - 1] <= '9') --start;
    return start == at ? -1 : std::stol(s.note.substr(start, at - start));
}

// librdkafka 2.0.2 appends junk after two requests (README "Things to know"
// 3): ListGroups v4 one byte, OffsetFetch v7 for all partitions three. Named
// here explicitly; the test below checks that the notes agree.
std::size_t trailing_bytes(const GoldenSample& s) {
    if (!from_librdkafka(s)) return 0;
    if (s.api_key == kListGroupsApi.key && s.api_version == 4) return 1;
    if (s.api_key == kOffsetFetchApi.key && s.api_version == 7 &&
        note_has(s, "rd_kafka_ListConsumerGroupOffsets")) {
        return 3;
    }
    return 0;
}

// Round-trips every sample of a fixture, runs `check` on each and returns
// the versions the sweep covered.
template <class Request, class Check>
std::set<int> round_trip_file(const std::string& file, Check&& check) {
    std::set<int> sweep_versions;
    for (const GoldenSample& s : load_golden(file)) {
        auto d = golden_round_trip<Request>(s, trailing_bytes(s));
        ASSERT_TRUE(d.has_value());
        if (from_sweep(s)) sweep_versions.insert(s.api_version);
        // No capture carries a top-level tagged field we do not know.
        EXPECT_TRUE(d->request.unknown_tags.empty());
        EXPECT_TRUE(d->response.unknown_tags.empty());
        check(s, *d);
    }
    return sweep_versions;
}

void expect_versions(const std::set<int>& got, int from, int to) {
    std::set<int> want;
    for (int v = from; v <= to; ++v) want.insert(v);
    EXPECT_TRUE(got == want);
}

// Walks raw record batches (v2 format): base offset i64, batch length i32,
// leader epoch i32, magic i8 at 16, crc, attributes i16 at 21, ..., record
// count i32 at 57. Enough to tie the captured bytes to the notes.
struct BatchSummary {
    int batches = 0;
    long records = 0;
    std::set<int> codecs;  // attributes & 7: 0 none, 1 gzip, 2 snappy, 3 lz4, 4 zstd
    bool all_magic_2 = true;
};
void summarise(const std::optional<Bytes>& records, BatchSummary& out) {
    if (!records) return;
    const Bytes& b = *records;
    auto be = [&](std::size_t at, int n) {
        std::int64_t v = 0;
        for (int i = 0; i < n; ++i) v = (v << 8) | b[at + static_cast<std::size_t>(i)];
        return v;
    };
    std::size_t pos = 0;
    while (b.size() - pos >= 61) {
        const auto length = static_cast<std::size_t>(be(pos + 8, 4));
        if (length + 12 > b.size() - pos) break;  // a batch cut short at the size limit
        ++out.batches;
        out.all_magic_2 &= b[pos + 16] == 2;
        out.codecs.insert(static_cast<int>(be(pos + 21, 2) & 7));
        out.records += static_cast<long>(be(pos + 57, 4));
        pos += length + 12;
    }
}
const char* codec_name(int codec) {
    static const char* const names[] = {"none", "gzip", "snappy", "lz4", "zstd"};
    return codec >= 0 && codec <= 4 ? names[codec] : "?";
}
void expect_note_matches(const GoldenSample& s, const BatchSummary& sum) {
    EXPECT_TRUE(sum.all_magic_2);
    if (note_has(s, "holds no record batches")) {
        EXPECT_EQ(sum.batches, 0);
        return;
    }
    EXPECT_EQ(static_cast<long>(sum.batches), note_number(s, " record batch(es)"));
    EXPECT_EQ(sum.records, note_number(s, " record(s)"));
    for (int codec : sum.codecs) EXPECT_TRUE(note_has(s, codec_name(codec)));
}

// kfake runs three brokers, node i listening on 127.0.0.1:49092+i.
void expect_kfake_broker(std::int32_t node_id, const std::string& host, std::int32_t port) {
    EXPECT_TRUE(node_id >= 0 && node_id <= 2);
    EXPECT_EQ(host, std::string("127.0.0.1"));
    EXPECT_EQ(port, 49092 + node_id);
}

}  // namespace

TEST_CASE(golden_quirk_trailing_bytes_are_named_explicitly) {
    int quirks = 0;
    for (const char* file : {"list_groups.jsonl", "offset_fetch.jsonl", "produce.jsonl",
                             "fetch.jsonl", "join_group.jsonl", "offset_commit.jsonl"}) {
        for (const GoldenSample& s : load_golden(file)) {
            const std::size_t n = trailing_bytes(s);
            EXPECT_EQ(note_has(s, "wire quirk"), n > 0);
            if (n == 0) continue;
            ++quirks;
            EXPECT_EQ(note_number(s, " trailing byte(s)"), static_cast<long>(n));
            EXPECT_TRUE(std::all_of(s.request.end() - static_cast<std::ptrdiff_t>(n),
                                    s.request.end(), [](std::uint8_t b) { return b == 0; }));
        }
    }
    EXPECT_EQ(quirks, 5);  // 3 ListGroups v4 + 2 OffsetFetch v7
}

TEST_CASE(golden_produce_every_version) {
    const auto versions = round_trip_file<ProduceRequest>(
        "produce.jsonl", [](const GoldenSample& s, const Decoded<ProduceRequest>& d) {
            const auto& req = d.request;
            EXPECT_EQ(req.acks, kAcksAll);
            ASSERT_TRUE(!req.topics.empty());
            BatchSummary sum;
            std::size_t partitions = 0;
            for (const auto& t : req.topics) {
                // v13 identifies topics by id only.
                EXPECT_EQ(t.name.empty(), s.api_version >= 13);
                EXPECT_EQ(t.topic_id.is_zero(), s.api_version < 13);
                for (const auto& p : t.partitions) {
                    ++partitions;
                    summarise(p.records, sum);
                }
            }
            expect_note_matches(s, sum);

            const auto& resp = d.response;
            ASSERT_EQ(resp.topics.size(), req.topics.size());
            std::size_t answered = 0;
            for (std::size_t i = 0; i < resp.topics.size(); ++i) {
                EXPECT_EQ(resp.topics[i].name, req.topics[i].name);
                EXPECT_TRUE(resp.topics[i].topic_id == req.topics[i].topic_id);
                for (const auto& p : resp.topics[i].partitions) {
                    ++answered;
                    EXPECT_EQ(p.error_code, kNone);
                    EXPECT_TRUE(p.base_offset >= 0);
                    EXPECT_TRUE(p.record_errors.empty());
                    EXPECT_FALSE(p.error_message.has_value());
                    EXPECT_EQ(p.current_leader.leader_id, -1);  // only sent with NOT_LEADER
                    if (s.api_version >= 5) EXPECT_TRUE(p.log_start_offset >= 0);
                }
            }
            EXPECT_EQ(answered, partitions);
            EXPECT_TRUE(resp.node_endpoints.empty());
            if (from_sweep(s)) {
                EXPECT_FALSE(req.transactional_id.has_value());
                if (s.api_version < 13) EXPECT_EQ(req.topics[0].name, std::string("sweep"));
            }
        });
    expect_versions(versions, 3, 13);
}

TEST_CASE(golden_produce_compressed_batches) {
    // The -produce-v0 capture has librdkafka's compressed batches for all four
    // codecs, the kgo captures kgo's.
    std::set<int> librdkafka_codecs;
    std::set<int> kgo_codecs;
    for (const GoldenSample& s : load_golden("produce.jsonl")) {
        auto d = golden_round_trip<ProduceRequest>(s);
        ASSERT_TRUE(d.has_value());
        BatchSummary sum;
        for (const auto& t : d->request.topics)
            for (const auto& p : t.partitions) summarise(p.records, sum);
        auto& codecs = from_librdkafka(s) ? librdkafka_codecs : kgo_codecs;
        if (!from_sweep(s)) codecs.insert(sum.codecs.begin(), sum.codecs.end());
    }
    EXPECT_TRUE(librdkafka_codecs == (std::set<int>{0, 1, 2, 3, 4}));
    EXPECT_TRUE(kgo_codecs == (std::set<int>{0, 1, 2, 3, 4}));
}

TEST_CASE(golden_fetch_every_version) {
    const auto versions = round_trip_file<FetchRequest>(
        "fetch.jsonl", [](const GoldenSample& s, const Decoded<FetchRequest>& d) {
            const auto& req = d.request;
            const std::int16_t v = s.api_version;
            EXPECT_EQ(req.replica_id, -1);
            EXPECT_EQ(req.replica_state.replica_id, -1);  // a consumer, not a follower
            EXPECT_FALSE(req.cluster_id.has_value());
            ASSERT_TRUE(!req.topics.empty() || v >= 7);  // an incremental fetch may list none
            for (const auto& t : req.topics) {
                EXPECT_EQ(t.topic.empty(), v >= 13);
                EXPECT_EQ(t.topic_id.is_zero(), v < 13);
                for (const auto& p : t.partitions) {
                    EXPECT_TRUE(p.fetch_offset >= 0);
                    EXPECT_TRUE(p.partition_max_bytes > 0);
                    EXPECT_EQ(p.high_watermark, std::numeric_limits<std::int64_t>::max());
                }
            }

            const auto& resp = d.response;
            EXPECT_EQ(resp.error_code, kNone);
            // Epoch 0 asks for a new fetch session (v7+), whose id comes back.
            if (v >= 7) EXPECT_EQ(resp.session_id != 0, req.session_epoch == 0);
            BatchSummary sum;
            for (const auto& t : resp.topics) {
                EXPECT_EQ(t.topic.empty(), v >= 13);
                for (const auto& p : t.partitions) {
                    EXPECT_EQ(p.error_code, kNone);
                    EXPECT_TRUE(p.high_watermark >= 0);
                    EXPECT_EQ(p.preferred_read_replica, -1);
                    EXPECT_EQ(p.diverging_epoch.epoch, -1);
                    EXPECT_EQ(p.snapshot_id.end_offset, std::int64_t{-1});
                    if (v >= 4) EXPECT_TRUE(p.last_stable_offset >= 0);
                    if (v < 4) EXPECT_FALSE(p.aborted_transactions.has_value());
                    summarise(p.records, sum);
                }
            }
            expect_note_matches(s, sum);
            if (from_sweep(s)) {
                ASSERT_EQ(req.topics.size(), std::size_t{1});
                if (v < 13) EXPECT_EQ(req.topics[0].topic, std::string("sweep"));
                ASSERT_EQ(resp.topics.size(), std::size_t{1});
                EXPECT_TRUE(resp.topics[0].topic_id == req.topics[0].topic_id);
            }
        });
    expect_versions(versions, 4, 18);
}

TEST_CASE(golden_fetch_sessions_and_compression) {
    // kgo fetches with sessions (v7+): a full fetch with epoch 0 opens one and
    // the broker's session id comes back; epoch -1 with that id closes it.
    // librdkafka 2.0.2 never uses sessions (id 0, epoch -1).
    bool saw_session_opened = false;
    bool saw_session_closed = false;
    std::set<int> codecs;
    for (const GoldenSample& s : load_golden("fetch.jsonl")) {
        auto d = golden_round_trip<FetchRequest>(s);
        ASSERT_TRUE(d.has_value());
        if (s.source.starts_with("kgo") && s.api_version >= 7) {
            EXPECT_EQ(d->request.rack_id, std::string());
            if (d->request.session_epoch == 0) saw_session_opened |= d->response.session_id != 0;
            if (d->request.session_epoch == kFetchFinalSessionEpoch && d->request.session_id != 0) {
                saw_session_closed = true;
                EXPECT_EQ(d->response.session_id, kFetchNoSessionId);
            }
        }
        if (from_librdkafka(s)) {
            EXPECT_EQ(d->request.session_id, kFetchNoSessionId);
            EXPECT_EQ(d->request.session_epoch, kFetchFinalSessionEpoch);
        }
        BatchSummary sum;
        for (const auto& t : d->response.topics)
            for (const auto& p : t.partitions) summarise(p.records, sum);
        codecs.insert(sum.codecs.begin(), sum.codecs.end());
    }
    EXPECT_TRUE(saw_session_opened);
    EXPECT_TRUE(saw_session_closed);
    EXPECT_TRUE(codecs == (std::set<int>{0, 1, 2, 3, 4}));
}

TEST_CASE(golden_init_producer_id_every_version) {
    const auto versions = round_trip_file<InitProducerIdRequest>(
        "init_producer_id.jsonl",
        [](const GoldenSample& s, const Decoded<InitProducerIdRequest>& d) {
            EXPECT_EQ(d.response.error_code, kNone);
            EXPECT_TRUE(d.response.producer_id >= 0);
            EXPECT_TRUE(d.response.producer_epoch >= 0);
            if (from_sweep(s) || from_librdkafka(s)) {
                // Idempotent producers: no transactional id, no id to bump.
                EXPECT_FALSE(d.request.transactional_id.has_value());
                EXPECT_EQ(d.request.producer_id, std::int64_t{-1});
                EXPECT_EQ(d.request.producer_epoch, std::int16_t{-1});
            }
        });
    expect_versions(versions, 0, 5);
}

TEST_CASE(golden_find_coordinator_every_version) {
    const auto versions = round_trip_file<FindCoordinatorRequest>(
        "find_coordinator.jsonl",
        [](const GoldenSample& s, const Decoded<FindCoordinatorRequest>& d) {
            const auto& req = d.request;
            const auto& resp = d.response;
            if (s.api_version <= 3) {
                EXPECT_FALSE(req.key.empty());
                EXPECT_TRUE(req.coordinator_keys.empty());
                EXPECT_EQ(resp.error_code, kNone);
                expect_kfake_broker(resp.node_id, resp.host, resp.port);
                EXPECT_TRUE(resp.coordinators.empty());
                return;
            }
            // v4+: one answer per key, in order.
            ASSERT_EQ(resp.coordinators.size(), req.coordinator_keys.size());
            for (std::size_t i = 0; i < resp.coordinators.size(); ++i) {
                const auto& c = resp.coordinators[i];
                EXPECT_EQ(c.key, req.coordinator_keys[i]);
                EXPECT_EQ(c.error_code, kNone);
                expect_kfake_broker(c.node_id, c.host, c.port);
            }
        });
    expect_versions(versions, 0, 6);
}

TEST_CASE(golden_join_group_every_version) {
    const auto versions = round_trip_file<JoinGroupRequest>(
        "join_group.jsonl", [](const GoldenSample& s, const Decoded<JoinGroupRequest>& d) {
            const auto& req = d.request;
            const auto& resp = d.response;
            EXPECT_FALSE(req.group_id.empty());
            if (!from_sweep(s)) {
                EXPECT_EQ(req.protocol_type, std::string("consumer"));
                EXPECT_FALSE(req.protocols.empty());
                for (const auto& p : req.protocols) EXPECT_FALSE(p.metadata.empty());
            }
            if (note_has(s, "MEMBER_ID_REQUIRED")) {
                // v4+: a first join without a member id gets one to rejoin with.
                EXPECT_TRUE(s.api_version >= 4);
                EXPECT_TRUE(req.member_id.empty());
                EXPECT_EQ(resp.error_code, kMemberIdRequired);
                EXPECT_FALSE(resp.member_id.empty());
                return;
            }
            EXPECT_EQ(resp.error_code, kNone);
            EXPECT_TRUE(resp.generation_id >= 1);
            EXPECT_FALSE(resp.member_id.empty());
            EXPECT_TRUE(resp.protocol_name.has_value() && !resp.protocol_name->empty());
            if (s.api_version >= 7) EXPECT_EQ(resp.protocol_type, std::optional<std::string>(req.protocol_type));
            // The leader gets the member list (with each subscription).
            if (resp.leader == resp.member_id) EXPECT_FALSE(resp.members.empty());
            if (resp.leader != resp.member_id) EXPECT_TRUE(resp.members.empty());
        });
    expect_versions(versions, 0, 9);
}

TEST_CASE(golden_sync_group_every_version) {
    const auto versions = round_trip_file<SyncGroupRequest>(
        "sync_group.jsonl", [](const GoldenSample& s, const Decoded<SyncGroupRequest>& d) {
            if (from_sweep(s)) {
                EXPECT_EQ(d.response.error_code, kUnknownMemberId);
                return;
            }
            EXPECT_FALSE(d.request.member_id.empty());
            EXPECT_EQ(d.response.error_code, kNone);
            if (s.api_version >= 5) {
                EXPECT_EQ(d.response.protocol_type, std::optional<std::string>("consumer"));
                EXPECT_TRUE(d.response.protocol_name.has_value());
            }
        });
    expect_versions(versions, 0, 5);
}

TEST_CASE(golden_heartbeat_every_version) {
    const auto versions = round_trip_file<HeartbeatRequest>(
        "heartbeat.jsonl", [](const GoldenSample& s, const Decoded<HeartbeatRequest>& d) {
            EXPECT_FALSE(d.request.group_id.empty());
            EXPECT_FALSE(d.request.group_instance_id.has_value());
            if (from_sweep(s)) EXPECT_EQ(d.response.error_code, kUnknownMemberId);
            if (!from_sweep(s)) EXPECT_TRUE(d.request.generation_id >= 1);
        });
    expect_versions(versions, 0, 4);
}

TEST_CASE(golden_leave_group_every_version) {
    const auto versions = round_trip_file<LeaveGroupRequest>(
        "leave_group.jsonl", [](const GoldenSample& s, const Decoded<LeaveGroupRequest>& d) {
            const auto& req = d.request;
            const auto& resp = d.response;
            if (s.api_version <= 2) {
                EXPECT_TRUE(req.members.empty());
                EXPECT_TRUE(resp.members.empty());
            } else {
                // v3+: a batch of members, each answered on its own.
                EXPECT_TRUE(req.member_id.empty());
                ASSERT_EQ(resp.members.size(), req.members.size());
                for (std::size_t i = 0; i < req.members.size(); ++i)
                    EXPECT_EQ(resp.members[i].member_id, req.members[i].member_id);
            }
            if (!from_sweep(s)) {
                EXPECT_EQ(resp.error_code, kNone);
                for (const auto& m : resp.members) EXPECT_EQ(m.error_code, kNone);
                return;
            }
            // The sweep leaves as an unknown member: the error is top-level up
            // to v2 and per member from v3.
            const bool unknown = resp.error_code == kUnknownMemberId ||
                                 std::any_of(resp.members.begin(), resp.members.end(), [](const auto& m) {
                                     return m.error_code == kUnknownMemberId;
                                 });
            EXPECT_TRUE(unknown);
        });
    expect_versions(versions, 0, 5);
}

TEST_CASE(golden_offset_commit_every_version) {
    const auto versions = round_trip_file<OffsetCommitRequest>(
        "offset_commit.jsonl", [](const GoldenSample& s, const Decoded<OffsetCommitRequest>& d) {
            const auto& req = d.request;
            const auto& resp = d.response;
            EXPECT_FALSE(req.group_id.empty());
            ASSERT_EQ(resp.topics.size(), req.topics.size());
            for (std::size_t i = 0; i < req.topics.size(); ++i) {
                const auto& rt = req.topics[i];
                const auto& at = resp.topics[i];
                // v10 names topics by id only.
                EXPECT_EQ(rt.name.empty(), s.api_version >= 10);
                EXPECT_EQ(rt.topic_id.is_zero(), s.api_version < 10);
                EXPECT_EQ(at.name, rt.name);
                EXPECT_TRUE(at.topic_id == rt.topic_id);
                ASSERT_EQ(at.partitions.size(), rt.partitions.size());
                for (std::size_t j = 0; j < rt.partitions.size(); ++j) {
                    EXPECT_EQ(at.partitions[j].partition_index, rt.partitions[j].partition_index);
                    EXPECT_TRUE(rt.partitions[j].committed_offset >= 0);
                    if (!from_sweep(s)) EXPECT_EQ(at.partitions[j].error_code, kNone);
                }
            }
        });
    expect_versions(versions, 0, 10);
}

TEST_CASE(golden_offset_fetch_every_version) {
    const auto versions = round_trip_file<OffsetFetchRequest>(
        "offset_fetch.jsonl", [](const GoldenSample& s, const Decoded<OffsetFetchRequest>& d) {
            const auto& req = d.request;
            const auto& resp = d.response;
            if (s.api_version <= 7) {
                EXPECT_FALSE(req.group_id.empty());
                EXPECT_TRUE(req.groups.empty());
                EXPECT_TRUE(resp.groups.empty());
                EXPECT_EQ(resp.error_code, kNone);
                if (trailing_bytes(s) > 0) {
                    // The quirky "all partitions" request: a null topic list.
                    EXPECT_FALSE(req.topics.has_value());
                    EXPECT_FALSE(req.require_stable);
                }
                if (req.topics) {
                    std::size_t asked = 0, answered = 0;
                    for (const auto& t : *req.topics) asked += t.partition_indexes.size();
                    for (const auto& t : resp.topics) answered += t.partitions.size();
                    EXPECT_EQ(answered, asked);
                }
                return;
            }
            // v8+: groups in, groups out.
            EXPECT_TRUE(req.group_id.empty());
            EXPECT_FALSE(req.topics.has_value());
            ASSERT_EQ(resp.groups.size(), req.groups.size());
            for (std::size_t i = 0; i < req.groups.size(); ++i) {
                EXPECT_EQ(resp.groups[i].group_id, req.groups[i].group_id);
                EXPECT_EQ(resp.groups[i].error_code, kNone);
                for (const auto& t : resp.groups[i].topics) {
                    EXPECT_EQ(t.name.empty(), s.api_version >= 10);
                    EXPECT_EQ(t.topic_id.is_zero(), s.api_version < 10);
                }
            }
        });
    expect_versions(versions, 0, 10);
}

TEST_CASE(golden_list_groups_every_version) {
    bool saw_member_group = false;
    const auto versions = round_trip_file<ListGroupsRequest>(
        "list_groups.jsonl", [&](const GoldenSample& s, const Decoded<ListGroupsRequest>& d) {
            EXPECT_EQ(d.response.error_code, kNone);
            EXPECT_TRUE(d.request.types_filter.empty());
            for (const auto& g : d.response.groups) {
                EXPECT_FALSE(g.group_id.empty());
                EXPECT_EQ(g.group_state.empty(), s.api_version < 4);
                EXPECT_EQ(g.group_type.empty(), s.api_version < 5);
                saw_member_group |= g.group_id == "g-admin" || g.group_id == "kgo-group";
            }
        });
    expect_versions(versions, 0, 5);
    EXPECT_TRUE(saw_member_group);
}

TEST_CASE(golden_describe_groups_every_version) {
    const auto versions = round_trip_file<DescribeGroupsRequest>(
        "describe_groups.jsonl",
        [](const GoldenSample& s, const Decoded<DescribeGroupsRequest>& d) {
            const auto& req = d.request;
            const auto& resp = d.response;
            ASSERT_EQ(resp.groups.size(), req.groups.size());
            for (std::size_t i = 0; i < req.groups.size(); ++i) {
                const auto& g = resp.groups[i];
                EXPECT_EQ(g.group_id, req.groups[i]);
                if (s.api_version >= 3 && !req.include_authorized_operations) {
                    EXPECT_EQ(g.authorized_operations, -2147483648);
                }
                for (const auto& m : g.members) {
                    EXPECT_FALSE(m.member_id.empty());
                    EXPECT_FALSE(m.client_id.empty());
                }
                if (g.group_state == "Stable") {
                    EXPECT_EQ(g.protocol_type, std::string("consumer"));
                    EXPECT_FALSE(g.members.empty());
                }
            }
        });
    expect_versions(versions, 0, 6);
}

// The samples answer without errors, so they never carry the NOT_LEADER hints
// (KIP-951). Their layout, built by hand from the schema: the leader as tag 0
// of the partition, the endpoints as tag 0 of the response.
TEST_CASE(produce_response_leader_hint_tags) {
    ProduceResponse r;
    auto& topic = r.topics.emplace_back();
    topic.name = "t";
    auto& p = topic.partitions.emplace_back();
    p.error_code = 6;  // NOT_LEADER_OR_FOLLOWER
    p.current_leader.leader_id = 1;
    p.current_leader.leader_epoch = 5;
    auto& endpoint = r.node_endpoints.emplace_back();
    endpoint.node_id = 1;
    endpoint.host = "h";
    endpoint.port = 49093;
    const std::string expected =
        "02" "0274" "02" "00000000" "0006" "ffffffffffffffff" "ffffffffffffffff"
        "ffffffffffffffff" "01" "00"                    // record_errors [], error_message null
        "01" "00" "09" "00000001" "00000005" "00"       // tag 0: current_leader
        "00"                                            // topic tags
        "00000000"                                      // throttle_time_ms
        "01" "00" "0d" "02" "00000001" "0268" "0000bfc5" "00" "00";  // tag 0: node_endpoints
    std::string error;
    const Bytes bytes = encode_body(r, 10, &error);
    EXPECT_EQ(error, std::string());
    EXPECT_EQ(test::to_hex(bytes), expected);

    auto back = decode_body<ProduceResponse>(bytes, 10);
    ASSERT_TRUE(back.ok());
    ASSERT_EQ(back->topics.size(), std::size_t{1});
    const auto& bp = back->topics[0].partitions.at(0);
    EXPECT_EQ(bp.current_leader.leader_id, 1);
    EXPECT_EQ(bp.current_leader.leader_epoch, 5);
    EXPECT_TRUE(bp.unknown_tags.empty());
    ASSERT_EQ(back->node_endpoints.size(), std::size_t{1});
    EXPECT_EQ(back->node_endpoints[0].port, 49093);
    EXPECT_TRUE(back->unknown_tags.empty());

    // v9 has no place for the hints: refusing beats dropping them silently.
    encode_body(r, 9, &error);
    EXPECT_FALSE(error.empty());
}

// Fetch's tagged fields, likewise absent from consumer traffic: each must
// come back as the field it was written from, not as an unknown tag.
TEST_CASE(fetch_tagged_fields_round_trip) {
    FetchRequest req;
    req.cluster_id = "kfake";
    req.replica_state.replica_id = 2;
    req.replica_state.replica_epoch = 7;
    auto& t = req.topics.emplace_back();
    t.topic_id.bytes[15] = 1;
    auto& p = t.partitions.emplace_back();
    p.partition_max_bytes = 1 << 20;
    p.replica_directory_id.bytes[0] = 9;
    p.high_watermark = 42;
    req.replica_id = -1;
    std::string error;
    const Bytes req_bytes = encode_body(req, 18, &error);
    EXPECT_EQ(error, std::string());
    auto req_back = decode_body<FetchRequest>(req_bytes, 18, "request");
    ASSERT_TRUE(req_back.ok());
    EXPECT_EQ(req_back->cluster_id, std::optional<std::string>("kfake"));
    EXPECT_EQ(req_back->replica_state.replica_epoch, std::int64_t{7});
    const auto& bp = req_back->topics.at(0).partitions.at(0);
    EXPECT_TRUE(bp.replica_directory_id == p.replica_directory_id);
    EXPECT_EQ(bp.high_watermark, std::int64_t{42});
    EXPECT_TRUE(bp.unknown_tags.empty() && req_back->unknown_tags.empty());
    // v14 still has the replica id field and no replica state.
    encode_body(req, 14, &error);
    EXPECT_FALSE(error.empty());

    FetchResponse resp;
    auto& rp = resp.topics.emplace_back().partitions.emplace_back();
    rp.diverging_epoch.epoch = 3;
    rp.diverging_epoch.end_offset = 100;
    rp.current_leader.leader_id = 2;
    rp.current_leader.leader_epoch = 4;
    rp.snapshot_id.end_offset = 50;
    rp.snapshot_id.epoch = 1;
    auto& aborted = rp.aborted_transactions.emplace().emplace_back();
    aborted.producer_id = 5;
    aborted.first_offset = 6;
    auto& endpoint = resp.node_endpoints.emplace_back();
    endpoint.node_id = 2;
    endpoint.host = "127.0.0.1";
    endpoint.port = 49094;
    const Bytes resp_bytes = encode_body(resp, 16, &error);
    EXPECT_EQ(error, std::string());
    auto resp_back = decode_body<FetchResponse>(resp_bytes, 16);
    ASSERT_TRUE(resp_back.ok());
    const auto& bq = resp_back->topics.at(0).partitions.at(0);
    EXPECT_EQ(bq.diverging_epoch.end_offset, std::int64_t{100});
    EXPECT_EQ(bq.current_leader.leader_epoch, 4);
    EXPECT_EQ(bq.snapshot_id.epoch, 1);
    ASSERT_TRUE(bq.aborted_transactions.has_value());
    EXPECT_EQ(bq.aborted_transactions->at(0).first_offset, std::int64_t{6});
    EXPECT_FALSE(bq.records.has_value());
    EXPECT_EQ(resp_back->node_endpoints.at(0).host, std::string("127.0.0.1"));
    EXPECT_TRUE(bq.unknown_tags.empty() && resp_back->unknown_tags.empty());
    EXPECT_EQ(test::to_hex(encode_body(*resp_back, 16)), test::to_hex(resp_bytes));
}
