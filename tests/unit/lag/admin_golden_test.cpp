// Captured DeleteGroups and OffsetDelete exchanges (kmsg sweep, librdkafka
// admin, franz-go kadm against kfake) decode and re-encode byte for byte and
// carry what the capture notes say; every captured DescribeGroups member of
// a consumer group decodes into a subscription and an assignment.

#include <algorithm>
#include <set>
#include <string>

#include "admin/admin_errors.h"
#include "admin/group_description.h"
#include "golden_round_trip.h"
#include "protocol/messages/delete_groups.h"
#include "protocol/messages/describe_groups.h"
#include "protocol/messages/offset_delete.h"

using namespace kafkascope;
using namespace kafkascope::protocol;
using kafkascope::test::golden_round_trip;
using kafkascope::test::GoldenSample;
using kafkascope::test::load_golden;

namespace {

bool note_has(const GoldenSample& s, const std::string& text) { return s.note.find(text) != std::string::npos; }

}  // namespace

TEST_CASE(golden_delete_groups_every_version) {
    std::set<int> versions;
    int not_found = 0;
    for (const GoldenSample& s : load_golden("delete_groups.jsonl")) {
        auto d = golden_round_trip<DeleteGroupsRequest>(s);
        ASSERT_TRUE(d.has_value());
        versions.insert(s.api_version);
        ASSERT_EQ(d->response.results.size(), d->request.groups_names.size());
        for (std::size_t i = 0; i < d->request.groups_names.size(); ++i) {
            const auto& r = d->response.results[i];
            EXPECT_EQ(r.group_id, d->request.groups_names[i]);
            const bool says_not_found = note_has(s, "GROUP_ID_NOT_FOUND(69)");
            EXPECT_EQ(r.error_code == 69, says_not_found);
            not_found += r.error_code == 69;
        }
    }
    EXPECT_TRUE(versions == std::set<int>({0, 1, 2}));
    EXPECT_TRUE(not_found >= 2);
}

TEST_CASE(golden_offset_delete) {
    int samples = 0;
    for (const GoldenSample& s : load_golden("offset_delete.jsonl")) {
        auto d = golden_round_trip<OffsetDeleteRequest>(s);
        ASSERT_TRUE(d.has_value());
        ++samples;
        EXPECT_EQ(s.api_version, 0);
        if (note_has(s, "GROUP_ID_NOT_FOUND(69)")) {
            EXPECT_EQ(d->response.error_code, 69);
            EXPECT_TRUE(d->response.topics.empty());
            continue;
        }
        EXPECT_EQ(d->response.error_code, 0);
        ASSERT_EQ(d->response.topics.size(), d->request.topics.size());
        for (std::size_t t = 0; t < d->request.topics.size(); ++t) {
            EXPECT_EQ(d->response.topics[t].name, d->request.topics[t].name);
            EXPECT_EQ(d->response.topics[t].partitions.size(), d->request.topics[t].partitions.size());
        }
    }
    EXPECT_EQ(samples, 4);
}

TEST_CASE(golden_describe_groups_members_decode) {
    int members = 0;
    for (const GoldenSample& s : load_golden("describe_groups.jsonl")) {
        auto d = golden_round_trip<DescribeGroupsRequest>(s);
        ASSERT_TRUE(d.has_value());
        for (const auto& g : d->response.groups) {
            const admin::GroupDescription desc = admin::to_description(g);
            EXPECT_EQ(desc.group_id, g.group_id);
            EXPECT_EQ(static_cast<bool>(desc.error), g.error_code != 0);
            EXPECT_EQ(desc.members.size(), g.members.size());
            if (g.protocol_type != "consumer") continue;
            for (const auto& m : desc.members) {
                ++members;
                EXPECT_EQ(m.decode_error, std::string());
                EXPECT_FALSE(m.subscription.empty());
                // A Stable group's members hold partitions of topics they subscribe to.
                if (g.group_state == "Stable") {
                    EXPECT_FALSE(m.assignment.empty());
                    for (const auto& tp : m.assignment) {
                        EXPECT_TRUE(std::find(m.subscription.begin(), m.subscription.end(), tp.topic) !=
                                    m.subscription.end());
                    }
                }
            }
            EXPECT_EQ(admin::has_active_members(desc), !g.members.empty() || (g.group_state != "Empty" &&
                                                                                g.group_state != "Dead"));
        }
    }
    EXPECT_TRUE(members >= 3);
}

TEST_CASE(member_with_garbage_assignment_is_reported_not_fatal) {
    DescribeGroupsResponse::Group g;
    g.group_id = "g";
    g.group_state = "Stable";
    g.protocol_type = "consumer";
    DescribeGroupsResponse::Member m;
    m.member_id = "m1";
    m.member_metadata = {0x00, 0x01, 0xff};  // truncated subscription
    m.member_assignment = {0x00, 0x00, 0x00, 0x00, 0x00, 0x05};  // claims 5 topics, has none
    g.members.push_back(m);
    const admin::GroupDescription d = admin::to_description(g);
    ASSERT_EQ(d.members.size(), std::size_t{1});
    EXPECT_TRUE(d.members[0].decode_error.find("subscription") != std::string::npos);
    EXPECT_TRUE(d.members[0].decode_error.find("assignment") != std::string::npos);
    EXPECT_TRUE(d.members[0].assignment.empty());
}
