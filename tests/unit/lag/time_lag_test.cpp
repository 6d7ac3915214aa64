// Lag in seconds by interpolation over a synthetic end-offset history whose
// production times are known, the catch-up estimate, and the history ring.

#include <cmath>

#include "monitor/time_lag.h"
#include "unit_test.h"

using namespace kafkascope::monitor;

namespace {

constexpr std::int64_t kT0 = 1'700'000'000'000;

bool near(double a, double b, double eps = 1e-6) { return std::fabs(a - b) < eps; }

// Production of 100 messages per second from offset 0 at kT0, polled every
// 5 s for `polls` polls; the consumer's committed offset per poll.
LagHistory steady_production(int polls, std::int64_t committed) {
    LagHistory h;
    for (int i = 0; i < polls; ++i) {
        const std::int64_t t = kT0 + i * 5'000;
        h.push({t, i * 500, committed});
    }
    return h;
}

}  // namespace

TEST_CASE(interpolates_between_the_samples_around_the_committed_offset) {
    // End offsets 0, 500, 1000, ... at 0 s, 5 s, 10 s: offset 1250 was
    // reached at 12.5 s. Now is 30 s (the last poll at 25 s + 5 s).
    LagHistory h = steady_production(6, 1250);
    auto lag = interpolate_time_lag(h, 1250, kT0 + 30'000);
    ASSERT_TRUE(lag.has_value());
    EXPECT_EQ(lag->quality, TimeLagQuality::interpolated);
    EXPECT_TRUE(near(lag->seconds, 17.5));
}

TEST_CASE(uneven_production_is_interpolated_per_segment) {
    // A burst: 0 at 0 s, 10 at 5 s, 1010 at 10 s, 1020 at 15 s.
    LagHistory h;
    h.push({kT0, 0, 0});
    h.push({kT0 + 5'000, 10, 0});
    h.push({kT0 + 10'000, 1010, 0});
    h.push({kT0 + 15'000, 1020, 0});
    // 510 lies halfway through the burst segment: 7.5 s; now 15 s.
    auto lag = interpolate_time_lag(h, 510, kT0 + 15'000);
    ASSERT_TRUE(lag.has_value());
    EXPECT_TRUE(near(lag->seconds, 7.5));
    // Flat stretch: the offset was first reached at the start of the flat run.
    LagHistory flat;
    flat.push({kT0, 100, 0});
    flat.push({kT0 + 5'000, 200, 0});
    flat.push({kT0 + 10'000, 200, 0});
    flat.push({kT0 + 15'000, 300, 0});
    auto at200 = interpolate_time_lag(flat, 200, kT0 + 20'000);
    ASSERT_TRUE(at200.has_value());
    EXPECT_TRUE(near(at200->seconds, 15.0));
}

TEST_CASE(caught_up_is_zero_seconds) {
    LagHistory h = steady_production(4, 1500);
    auto lag = interpolate_time_lag(h, 1500, kT0 + 60'000);
    ASSERT_TRUE(lag.has_value());
    EXPECT_EQ(lag->quality, TimeLagQuality::caught_up);
    EXPECT_TRUE(near(lag->seconds, 0));
}

TEST_CASE(older_than_the_history_is_extrapolated_at_the_average_rate) {
    // History starts at offset 500 (5 s); 100/s; offset 200 was at 2 s.
    LagHistory h;
    for (int i = 1; i <= 4; ++i) h.push({kT0 + i * 5'000, i * 500, 200});
    auto lag = interpolate_time_lag(h, 200, kT0 + 20'000);
    ASSERT_TRUE(lag.has_value());
    EXPECT_EQ(lag->quality, TimeLagQuality::extrapolated);
    EXPECT_TRUE(near(lag->seconds, 18.0));
    // No production at all in the history: only a lower bound (the oldest sample's age).
    LagHistory idle;
    for (int i = 0; i < 3; ++i) idle.push({kT0 + i * 5'000, 900, 100});
    auto bound = interpolate_time_lag(idle, 100, kT0 + 10'000);
    ASSERT_TRUE(bound.has_value());
    EXPECT_EQ(bound->quality, TimeLagQuality::lower_bound);
    EXPECT_TRUE(near(bound->seconds, 10.0));
}

TEST_CASE(nothing_to_look_up) {
    LagHistory one;
    one.push({kT0, 100, 40});  // lagging, but seen once: no age to tell
    EXPECT_FALSE(interpolate_time_lag(one, 40, kT0 + 1'000).has_value());
    LagHistory empty;
    EXPECT_FALSE(interpolate_time_lag(empty, 5, kT0).has_value());
    LagHistory h = steady_production(3, -1);
    EXPECT_FALSE(interpolate_time_lag(h, -1, kT0).has_value());
}

TEST_CASE(catch_up_estimate_from_the_two_rates) {
    // Production 100/s, consumption 150/s, one poll a second.
    LagHistory h;
    for (int i = 0; i < 5; ++i) h.push({kT0 + i * 1'000, 1000 + i * 100, 400 + i * 150});
    // Last: end 1400, committed 1000, lag 400; gains 50/s -> 8 s.
    auto eta = catch_up_seconds(h, 12);
    ASSERT_TRUE(eta.has_value());
    EXPECT_TRUE(near(*eta, 8.0));
    EXPECT_TRUE(near(*production_rate(h, 12), 100.0));
    EXPECT_TRUE(near(*consumption_rate(h, 12), 150.0));
    // Consumer slower than the producer: never.
    LagHistory slow;
    for (int i = 0; i < 5; ++i) slow.push({kT0 + i * 1'000, 1000 + i * 100, 400 + i * 50});
    EXPECT_FALSE(catch_up_seconds(slow, 12).has_value());
    // Caught up: 0.
    LagHistory done;
    done.push({kT0, 10, 10});
    EXPECT_TRUE(near(*catch_up_seconds(done, 12), 0.0));
}

TEST_CASE(history_ring_keeps_the_newest_samples_in_order) {
    LagHistory h(4);
    for (int i = 0; i < 10; ++i) h.push({i, i * 10, i});
    EXPECT_EQ(h.size(), std::size_t{4});
    EXPECT_EQ(h.at(0).time_ms, std::int64_t{6});
    EXPECT_EQ(h.back().time_ms, std::int64_t{9});
    auto last2 = h.last(2);
    EXPECT_EQ(last2.size(), std::size_t{2});
    EXPECT_EQ(last2[0].time_ms, std::int64_t{8});
    // The default spans an hour at 5 s.
    LagHistory hour;
    EXPECT_TRUE(hour.capacity() * 5 >= 3600);
}
