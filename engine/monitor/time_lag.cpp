#include "monitor/time_lag.h"

#include <algorithm>

namespace kafkascope::monitor {

const char* time_lag_quality_name(TimeLagQuality q) {
    switch (q) {
        case TimeLagQuality::caught_up: return "caught_up";
        case TimeLagQuality::interpolated: return "interpolated";
        case TimeLagQuality::extrapolated: return "extrapolated";
        case TimeLagQuality::lower_bound: return "lower_bound";
        case TimeLagQuality::exact: return "exact";
    }
    return "?";
}

std::optional<TimeLag> interpolate_time_lag(const LagHistory& history, std::int64_t committed, std::int64_t now_ms) {
    if (committed < 0 || history.empty()) return std::nullopt;
    const LagSample& newest = history.back();
    if (newest.end < 0) return std::nullopt;
    if (committed >= newest.end) return TimeLag{0, TimeLagQuality::caught_up};
    auto age = [&](double at_ms) { return std::max(0.0, (static_cast<double>(now_ms) - at_ms) / 1000.0); };

    // The first sample whose end reached the committed offset; the one
    // before it had not reached it yet.
    std::size_t first_known = history.size();
    std::size_t i = 0;
    for (; i < history.size(); ++i) {
        const LagSample& s = history.at(i);
        if (s.end < 0) continue;
        if (first_known == history.size()) first_known = i;
        if (s.end >= committed) break;
    }
    if (i == history.size()) return std::nullopt;  // cannot happen: newest.end > committed
    // Previous sample with a known end.
    std::size_t before = i;
    while (before > first_known) {
        --before;
        if (history.at(before).end >= 0) break;
    }
    if (before < i && history.at(before).end >= 0 && history.at(before).end < committed) {
        const LagSample& a = history.at(before);
        const LagSample& b = history.at(i);
        const double fraction =
            static_cast<double>(committed - a.end) / static_cast<double>(b.end - a.end);
        const double at = static_cast<double>(a.time_ms) + fraction * static_cast<double>(b.time_ms - a.time_ms);
        return TimeLag{age(at), TimeLagQuality::interpolated};
    }

    // Older than the whole history: extend it back at its average rate.
    const LagSample& oldest = history.at(first_known);
    if (newest.end > oldest.end && newest.time_ms > oldest.time_ms) {
        const double rate = static_cast<double>(newest.end - oldest.end) /
                            static_cast<double>(newest.time_ms - oldest.time_ms);  // per ms
        const double at = static_cast<double>(oldest.time_ms) - static_cast<double>(oldest.end - committed) / rate;
        return TimeLag{age(at), TimeLagQuality::extrapolated};
    }
    // A single poll says nothing about how old the data is.
    if (newest.time_ms <= oldest.time_ms) return std::nullopt;
    return TimeLag{age(static_cast<double>(oldest.time_ms)), TimeLagQuality::lower_bound};
}

namespace {

// (first, last) samples of the window that have both offsets.
std::optional<std::pair<LagSample, LagSample>> span(const LagHistory& history, std::size_t window) {
    auto samples = history.last(window);
    std::optional<LagSample> first, last;
    for (const LagSample& s : samples) {
        if (s.end < 0 || s.committed < 0) continue;
        if (!first) first = s;
        last = s;
    }
    if (!first || last->time_ms <= first->time_ms) return std::nullopt;
    return std::make_pair(*first, *last);
}

}  // namespace

std::optional<double> production_rate(const LagHistory& history, std::size_t window) {
    auto s = span(history, window);
    if (!s) return std::nullopt;
    return static_cast<double>(s->second.end - s->first.end) * 1000.0 /
           static_cast<double>(s->second.time_ms - s->first.time_ms);
}

std::optional<double> consumption_rate(const LagHistory& history, std::size_t window) {
    auto s = span(history, window);
    if (!s) return std::nullopt;
    return static_cast<double>(s->second.committed - s->first.committed) * 1000.0 /
           static_cast<double>(s->second.time_ms - s->first.time_ms);
}

std::optional<double> catch_up_seconds(const LagHistory& history, std::size_t window) {
    if (history.empty()) return std::nullopt;
    const std::int64_t lag = history.back().lag();
    if (lag == 0) return 0.0;
    if (lag < 0) return std::nullopt;
    auto produced = production_rate(history, window);
    auto consumed = consumption_rate(history, window);
    if (!produced || !consumed || *consumed <= *produced) return std::nullopt;
    return static_cast<double>(lag) / (*consumed - *produced);
}

}  // namespace kafkascope::monitor
