#include "monitor/status_rules.h"

#include <algorithm>
#include <vector>

namespace kafkascope::monitor {

LagStatus worse(LagStatus a, LagStatus b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

const char* status_name(LagStatus s) {
    switch (s) {
        case LagStatus::ok: return "OK";
        case LagStatus::warn: return "WARN";
        case LagStatus::rewind: return "REWIND";
        case LagStatus::stall: return "STALL";
        case LagStatus::stop: return "STOP";
    }
    return "?";
}

LagStatus evaluate_partition(std::span<const LagSample> all, MemberActivity members, const StatusRules& rules) {
    const std::size_t n = std::min(all.size(), rules.window);
    std::span<const LagSample> window = all.subspan(all.size() - n);
    // Samples without a commit or an end offset say nothing; the rest is judged.
    std::vector<LagSample> judged;
    for (const LagSample& s : window) {
        if (s.committed >= 0 && s.end >= 0) judged.push_back(s);
    }
    if (judged.empty()) return LagStatus::ok;

    // REWIND: the committed offset went backwards (a reset, or a consumer
    // that restarted from an old position).
    for (std::size_t i = 1; i < judged.size(); ++i) {
        if (judged[i].committed < judged[i - 1].committed) return LagStatus::rewind;
    }
    // OK: caught up at any point of the window. This is what keeps quiet
    // partitions (nothing produced, nothing to commit) out of STOP.
    for (const LagSample& s : judged) {
        if (s.lag() == 0) return LagStatus::ok;
    }
    // Burrow judges only a full window.
    if (judged.size() < rules.window) return LagStatus::ok;

    const LagSample& first = judged.front();
    const LagSample& last = judged.back();
    if (last.committed == first.committed) {
        // The offset did not move for the whole window while lag > 0.
        return members == MemberActivity::active ? LagStatus::stall : LagStatus::stop;
    }
    // WARN: offsets advance, but the lag never decreases between polls.
    bool lag_never_decreases = true;
    for (std::size_t i = 1; i < judged.size(); ++i) {
        if (judged[i].lag() < judged[i - 1].lag()) lag_never_decreases = false;
    }
    if (lag_never_decreases) return LagStatus::warn;
    return LagStatus::ok;
}

}  // namespace kafkascope::monitor
