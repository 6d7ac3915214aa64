// The offset-reset arithmetic (every kind, clamping to [log start, log
// end], rows that cannot be reset) and the CLI-facing parsers.

#include <limits>
#include <string>

#include "admin/offset_reset_plan.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::admin;

namespace {

ResetRow plan(ResetKind kind, std::int64_t value, ResetInputs in) {
    ResetRow row;
    row.topic = "t";
    row.partition = 3;
    plan_reset_row(kind, value, in, row);
    return row;
}

}  // namespace

TEST_CASE(reset_kinds_within_bounds) {
    const ResetInputs in{50, 10, 100, 70};  // committed 50, log [10, 100], by time -> 70
    EXPECT_EQ(plan(ResetKind::earliest, 0, in).after, std::int64_t{10});
    EXPECT_EQ(plan(ResetKind::latest, 0, in).after, std::int64_t{100});
    EXPECT_EQ(plan(ResetKind::timestamp, 123, in).after, std::int64_t{70});
    EXPECT_EQ(plan(ResetKind::absolute, 42, in).after, std::int64_t{42});
    EXPECT_EQ(plan(ResetKind::shift, -5, in).after, std::int64_t{45});
    EXPECT_EQ(plan(ResetKind::shift, 7, in).after, std::int64_t{57});
    const ResetRow row = plan(ResetKind::shift, 7, in);
    EXPECT_EQ(row.before, std::int64_t{50});
    EXPECT_EQ(row.log_start, std::int64_t{10});
    EXPECT_EQ(row.log_end, std::int64_t{100});
    EXPECT_FALSE(row.clamped);
    EXPECT_FALSE(static_cast<bool>(row.error));
}

TEST_CASE(reset_is_clamped_to_the_log) {
    const ResetInputs in{50, 10, 100, -1};
    ResetRow below = plan(ResetKind::absolute, 3, in);
    EXPECT_EQ(below.after, std::int64_t{10});
    EXPECT_TRUE(below.clamped);
    ResetRow above = plan(ResetKind::absolute, 1000, in);
    EXPECT_EQ(above.after, std::int64_t{100});
    EXPECT_TRUE(above.clamped);
    EXPECT_EQ(plan(ResetKind::shift, -100, in).after, std::int64_t{10});
    EXPECT_EQ(plan(ResetKind::shift, std::numeric_limits<std::int64_t>::min(), in).after, std::int64_t{10});
    EXPECT_EQ(plan(ResetKind::shift, std::numeric_limits<std::int64_t>::max(), in).after, std::int64_t{100});
    // No record at or after the time: the end, as Kafka's tool does.
    EXPECT_EQ(plan(ResetKind::timestamp, 5, in).after, std::int64_t{100});
}

TEST_CASE(rows_that_cannot_be_reset_say_why) {
    ResetRow no_commit = plan(ResetKind::shift, 1, ResetInputs{-1, 0, 10, -1});
    EXPECT_TRUE(static_cast<bool>(no_commit.error));
    EXPECT_TRUE(no_commit.error.message.find("t/3") != std::string::npos);
    // Earliest works without a commit.
    EXPECT_EQ(plan(ResetKind::earliest, 0, ResetInputs{-1, 4, 10, -1}).after, std::int64_t{4});
    ResetRow no_bounds = plan(ResetKind::latest, 0, ResetInputs{5, -1, -1, -1});
    EXPECT_TRUE(static_cast<bool>(no_bounds.error));
}

TEST_CASE(iso8601_times) {
    EXPECT_EQ(*parse_iso8601_ms("1970-01-01T00:00:00Z"), std::int64_t{0});
    EXPECT_EQ(*parse_iso8601_ms("2024-05-01T12:00:00Z"), std::int64_t{1714564800000});
    EXPECT_EQ(*parse_iso8601_ms("2024-05-01T12:00:00"), std::int64_t{1714564800000});
    EXPECT_EQ(*parse_iso8601_ms("2024-05-01T14:00:00.250+02:00"), std::int64_t{1714564800250});
    EXPECT_EQ(*parse_iso8601_ms("2024-05-01T07:30:00-04:30"), std::int64_t{1714564800000});
    EXPECT_FALSE(parse_iso8601_ms("2024-02-30T00:00:00Z").ok());
    EXPECT_FALSE(parse_iso8601_ms("yesterday").ok());
    EXPECT_FALSE(parse_iso8601_ms("2024-05-01T12:00:00Zjunk").ok());
    EXPECT_FALSE(parse_iso8601_ms("").ok());
}

TEST_CASE(partition_lists) {
    auto p = parse_partition_list("5,0,2-3,3");
    ASSERT_TRUE(p.ok());
    EXPECT_TRUE(*p == std::vector<std::int32_t>({0, 2, 3, 5}));
    EXPECT_FALSE(parse_partition_list("").ok());
    EXPECT_FALSE(parse_partition_list("1,,2").ok());
    EXPECT_FALSE(parse_partition_list("3-1").ok());
    EXPECT_FALSE(parse_partition_list("-1").ok());
    EXPECT_FALSE(parse_partition_list("a").ok());
    EXPECT_FALSE(parse_partition_list("0-2147483647").ok());
}
