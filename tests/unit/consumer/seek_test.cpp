// Table-driven checks of consumer::seek_offset against kafka-go's Conn.Seek
// rules, on a partition holding offsets [10, 20].

#include "consumer/seek.h"
#include "protocol/kafka_error.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::consumer;

namespace {

const OffsetBounds kBounds{10, 20};

struct Case {
    std::int64_t current, offset;
    int whence;
    std::int64_t want;  // -100: OFFSET_OUT_OF_RANGE
    bool needs_bounds;
};

}  // namespace

TEST_CASE(every_whence_with_and_without_dont_check) {
    const Case cases[] = {
        {15, 0, seek_start, 10, true},
        {15, 3, seek_start, 13, true},
        {15, 10, seek_start, 20, true},
        {15, 11, seek_start, -100, true},
        {15, -1, seek_start, -100, true},
        {15, 12, seek_absolute, 12, true},
        {15, 15, seek_absolute, 15, false},  // unchanged: no lookup, no check
        {99, 99, seek_absolute, 99, false},  // even when out of range, as in kafka-go
        {15, 9, seek_absolute, -100, true},
        {15, 21, seek_absolute, -100, true},
        {15, 0, seek_end, 20, true},
        {15, 4, seek_end, 16, true},
        {15, 10, seek_end, 10, true},
        {15, 11, seek_end, -100, true},
        {15, -1, seek_end, -100, true},
        {15, 0, seek_current, 15, true},
        {15, -5, seek_current, 10, true},
        {15, 5, seek_current, 20, true},
        {15, 6, seek_current, -100, true},
        {15, -6, seek_current, -100, true},
        {15, 100, seek_absolute | seek_dont_check, 100, false},
        {15, -100, seek_current | seek_dont_check, -85, false},
        {15, 11, seek_start | seek_dont_check, -100, true},  // flag only affects absolute/current
        {15, 2, seek_end | seek_dont_check, 18, true},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(seek_needs_bounds(c.current, c.offset, c.whence), c.needs_bounds);
        const auto bounds = c.needs_bounds ? std::optional<OffsetBounds>(kBounds) : std::nullopt;
        auto r = seek_offset(c.current, c.offset, c.whence, bounds);
        if (c.want == -100) {
            ASSERT_TRUE(!r.ok());
            EXPECT_TRUE(r.error().code == protocol::make_kafka_error_code(1));
            EXPECT_TRUE(r.error().message.find("OFFSET_OUT_OF_RANGE") != std::string::npos);
        } else {
            ASSERT_TRUE(r.ok());
            EXPECT_EQ(*r, c.want);
        }
    }
}

TEST_CASE(unknown_whence_is_rejected_like_kafka_go) {
    EXPECT_FALSE(seek_needs_bounds(0, 0, 4));
    auto r = seek_offset(0, 0, 4, std::nullopt);
    ASSERT_TRUE(!r.ok());
    EXPECT_TRUE(r.error().code == make_error_code(client_errc::invalid_argument));
    EXPECT_TRUE(r.error().message.find("whence = 4") != std::string::npos);
}
