#pragma once
// Lag in seconds and catch-up time from a partition's history, the
// kafka-lag-exporter way: the end-offset history is a table of "when did
// the log reach offset X"; the committed offset is looked up in it and
// interpolated linearly between the two samples around it, and the time
// lag is now minus that moment. Pure code, table-tested.

#include <cstdint>
#include <optional>
#include <vector>

#include "monitor/lag_history.h"

namespace kafkascope::monitor {

enum class TimeLagQuality {
    caught_up,     // committed >= end: 0 s
    interpolated,  // between two samples of the history
    extrapolated,  // before the oldest sample, from the history's average production rate
    lower_bound,   // before the oldest sample with no rate to extrapolate: at least this old
    exact,         // from the record's own timestamp (exact mode)
};

struct TimeLag {
    double seconds = 0;
    TimeLagQuality quality = TimeLagQuality::caught_up;
};

// "caught_up", "interpolated", "extrapolated", "lower_bound", "exact".
const char* time_lag_quality_name(TimeLagQuality q);

// nullopt when there is nothing to look up (no commit, no history, or a
// lagging partition seen in one poll only).
std::optional<TimeLag> interpolate_time_lag(const LagHistory& history, std::int64_t committed, std::int64_t now_ms);

// Seconds until the lag reaches 0 at the rates seen over the newest
// `window` samples: lag / (consumption rate - production rate). 0 when
// caught up; nullopt when the consumer is not gaining on the producer (or
// the window holds too little).
std::optional<double> catch_up_seconds(const LagHistory& history, std::size_t window);

// Messages per second over the newest `window` samples (end or committed).
std::optional<double> production_rate(const LagHistory& history, std::size_t window);
std::optional<double> consumption_rate(const LagHistory& history, std::size_t window);

}  // namespace kafkascope::monitor
