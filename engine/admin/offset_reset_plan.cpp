#include "admin/offset_reset_plan.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <limits>

namespace kafkascope::admin {

const char* reset_kind_name(ResetKind kind) {
    switch (kind) {
        case ResetKind::earliest: return "earliest";
        case ResetKind::latest: return "latest";
        case ResetKind::timestamp: return "timestamp";
        case ResetKind::absolute: return "absolute";
        case ResetKind::shift: return "shift";
    }
    return "?";
}

void plan_reset_row(ResetKind kind, std::int64_t value, const ResetInputs& in, ResetRow& row) {
    row.before = in.committed;
    row.log_start = in.log_start;
    row.log_end = in.log_end;
    row.clamped = false;
    const std::string where = row.topic + "/" + std::to_string(row.partition);
    if (in.log_start < 0 || in.log_end < in.log_start) {
        row.error = Error(client_errc::invalid_argument, where + ": log start and end offsets are unknown");
        return;
    }
    std::int64_t wanted = 0;
    switch (kind) {
        case ResetKind::earliest: wanted = in.log_start; break;
        case ResetKind::latest: wanted = in.log_end; break;
        // Kafka's tool: no record at or after the time means "the end".
        case ResetKind::timestamp: wanted = in.timestamp_offset >= 0 ? in.timestamp_offset : in.log_end; break;
        case ResetKind::absolute: wanted = value; break;
        case ResetKind::shift:
            if (in.committed < 0) {
                row.error = Error(client_errc::invalid_argument,
                                  where + ": nothing committed to shift from; use an absolute reset");
                return;
            }
            // Saturating: a shift of INT64_MIN must not wrap around.
            if (value < 0 && in.committed < std::numeric_limits<std::int64_t>::min() - value) {
                wanted = std::numeric_limits<std::int64_t>::min();
            } else if (value > 0 && in.committed > std::numeric_limits<std::int64_t>::max() - value) {
                wanted = std::numeric_limits<std::int64_t>::max();
            } else {
                wanted = in.committed + value;
            }
            break;
    }
    row.after = std::clamp(wanted, in.log_start, in.log_end);
    row.clamped = row.after != wanted;
}

namespace {

bool digits(const std::string& s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

}  // namespace

Result<std::int64_t> parse_iso8601_ms(const std::string& text) {
    auto bad = [&](const std::string& why) {
        return Error(client_errc::invalid_argument,
                     "'" + text + "' is not an ISO-8601 time like 2024-05-01T12:00:00Z (" + why + ")");
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' || !digits(text, 5, 2, month) ||
        text[7] != '-' || !digits(text, 8, 2, day) || (text[10] != 'T' && text[10] != ' ') ||
        !digits(text, 11, 2, hour) || text[13] != ':' || !digits(text, 14, 2, minute) || text[16] != ':' ||
        !digits(text, 17, 2, second)) {
        return bad("expected YYYY-MM-DDTHH:MM:SS");
    }
    std::size_t at = 19;
    int millis = 0;
    if (at < text.size() && text[at] == '.') {
        ++at;
        int scale = 100, count = 0;
        while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
            if (count < 3) millis += (text[at] - '0') * scale;
            scale /= 10;
            ++count;
            ++at;
        }
        if (count == 0) return bad("no digits after '.'");
    }
    int offset_minutes = 0;
    if (at < text.size()) {
        if (text[at] == 'Z' && at + 1 == text.size()) {
            ++at;
        } else if ((text[at] == '+' || text[at] == '-') && text.size() == at + 6 && text[at + 3] == ':') {
            int oh = 0, om = 0;
            if (!digits(text, at + 1, 2, oh) || !digits(text, at + 4, 2, om) || oh > 23 || om > 59) {
                return bad("bad UTC offset");
            }
            offset_minutes = (oh * 60 + om) * (text[at] == '-' ? -1 : 1);
            at = text.size();
        } else {
            return bad("unexpected '" + text.substr(at) + "'");
        }
    }
    using namespace std::chrono;
    const year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                             std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok() || hour > 23 || minute > 59 || second > 60) return bad("no such date or time");
    const auto days = sys_days(ymd).time_since_epoch();
    const auto ms = duration_cast<milliseconds>(days) + hours(hour) + minutes(minute) + seconds(second) +
                    milliseconds(millis) - minutes(offset_minutes);
    return static_cast<std::int64_t>(ms.count());
}

Result<std::vector<std::int32_t>> parse_partition_list(const std::string& text) {
    std::vector<std::int32_t> out;
    auto bad = [&](const std::string& part) {
        return Error(client_errc::invalid_argument,
                     "partition list '" + text + "': '" + part + "' is not a partition or a range like 2-5");
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const std::string part = text.substr(start, comma - start);
        const std::size_t dash = part.find('-');
        std::int32_t lo = 0, hi = 0;
        auto number = [](const std::string& s, std::int32_t& v) {
            const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
            return !s.empty() && ec == std::errc{} && end == s.data() + s.size() && v >= 0;
        };
        if (dash == std::string::npos) {
            if (!number(part, lo)) return bad(part);
            hi = lo;
        } else if (!number(part.substr(0, dash), lo) || !number(part.substr(dash + 1), hi) || hi < lo) {
            return bad(part);
        }
        if (hi - lo > 100'000) return bad(part);
        for (std::int64_t p = lo; p <= hi; ++p) out.push_back(static_cast<std::int32_t>(p));
        start = comma + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace kafkascope::admin
