#pragma once
// Each partition's lag over time, for the dashboard chart's per-partition
// lines, gathered on the UI thread from successive snapshots. The monitor's
// snapshots carry each group's total-lag history but not the partitions'
// (copying every partition's ring into every snapshot would cost far more
// than keeping it once here).
//
// Bounds: LagHistory::kDefaultCapacity samples per partition (an hour at
// the default 5 s), and partitions that leave the snapshot are forgotten.
// Above kRecordAllLimit partitions in a snapshot only the selected group is
// recorded, so a 10,000-partition cluster costs one group's worth.

#include <QString>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <tuple>
#include <utility>

#include "monitor/lag_types.h"

namespace kafkascope::ui {

class LagChartHistory {
public:
    using Point = std::pair<std::int64_t, std::int64_t>;  // (time ms, lag)
    static constexpr std::size_t kCapacity = monitor::LagHistory::kDefaultCapacity;
    static constexpr std::size_t kRecordAllLimit = 2'000;

    void record(const monitor::LagSnapshot& snapshot, const QString& selectedGroup);
    // One partition's points, oldest first; nullptr when none were recorded.
    const std::deque<Point>* points(const std::string& group, const std::string& topic,
                                    std::int32_t partition) const;
    std::size_t partitionCount() const { return m_points.size(); }

private:
    struct Key {
        std::string group;
        std::string topic;
        std::int32_t partition = 0;
        bool operator<(const Key& o) const {
            return std::tie(group, topic, partition) < std::tie(o.group, o.topic, o.partition);
        }
    };
    std::map<Key, std::deque<Point>> m_points;
};

}  // namespace kafkascope::ui
