#include "lag/lag_chart_history.h"

#include <tuple>

namespace kafkascope::ui {

void LagChartHistory::record(const monitor::LagSnapshot& snapshot, const QString& selectedGroup) {
    std::size_t partitions = 0;
    for (const monitor::GroupLag& g : snapshot.groups) partitions += g.partitions.size();
    const bool all = partitions <= kRecordAllLimit;
    const std::string selected = selectedGroup.toStdString();

    std::map<Key, std::deque<Point>> next;  // only what the snapshot still has
    for (const monitor::GroupLag& g : snapshot.groups) {
        if (!all && g.group_id != selected) continue;
        for (const monitor::PartitionLag& p : g.partitions) {
            Key key{g.group_id, p.topic, p.partition};
            std::deque<Point> points;
            if (auto old = m_points.find(key); old != m_points.end()) points = std::move(old->second);
            if (p.lag >= 0 && (points.empty() || points.back().first < snapshot.time_ms)) {
                points.emplace_back(snapshot.time_ms, p.lag);
                while (points.size() > kCapacity) points.pop_front();
            }
            next.emplace(std::move(key), std::move(points));
        }
    }
    m_points = std::move(next);
}

const std::deque<LagChartHistory::Point>* LagChartHistory::points(const std::string& group, const std::string& topic,
                                                                  std::int32_t partition) const {
    auto it = m_points.find(Key{group, topic, partition});
    return it == m_points.end() ? nullptr : &it->second;
}

}  // namespace kafkascope::ui
