#include "lag/topic_groups_model.h"

#include <algorithm>

#include "lag/lag_groups_model.h"

namespace kafkascope::ui {

TopicGroupsModel::TopicGroupsModel(QObject* parent) : QAbstractTableModel(parent) {}

void TopicGroupsModel::setTopic(const LagSnapshotPtr& snapshot, const QString& topic) {
    setSources(snapshot, nullptr, topic);
}

void TopicGroupsModel::setSources(const LagSnapshotPtr& snapshot, const TopicGroupsResultPtr& queried,
                                  const QString& topic) {
    std::vector<Row> rows;
    const std::string wanted = topic.toStdString();
    if (snapshot && !wanted.empty()) {
        for (const monitor::GroupLag& g : snapshot->groups) {
            Row row;
            for (const monitor::PartitionLag& p : g.partitions) {
                if (p.topic != wanted) continue;
                ++row.partitions;
                if (p.lag >= 0) {
                    row.lag += p.lag;
                    row.maxLag = std::max<qint64>(row.maxLag, p.lag);
                }
                if (p.time_lag) row.seconds = std::max(row.seconds.value_or(0.0), p.time_lag->seconds);
                row.status = monitor::worse(row.status, p.status);
                if (p.error && row.error.isEmpty()) row.error = QString::fromStdString(p.error.message);
            }
            if (row.partitions == 0) continue;  // this group does not read the topic
            row.group = QString::fromStdString(g.group_id);
            row.state = QString::fromStdString(g.state);
            row.members = g.members;
            rows.push_back(std::move(row));
        }
    }
    if (queried && !wanted.empty() && queried->topic == wanted) {
        const std::size_t live = rows.size();
        for (const admin::TopicGroupLag& g : queried->groups) {
            const QString id = QString::fromStdString(g.group_id);
            const auto from_monitor = std::find_if(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(live),
                                                   [&](const Row& r) { return r.group == id; });
            if (from_monitor != rows.begin() + static_cast<std::ptrdiff_t>(live)) continue;  // the monitor's win
            Row row;
            row.live = false;
            row.group = id;
            row.state = QString::fromStdString(g.state);
            row.partitions = static_cast<int>(g.partitions.size());
            row.lag = g.total_lag;
            row.maxLag = g.max_lag;
            for (const admin::TopicGroupPartition& p : g.partitions) {
                if (p.error && row.error.isEmpty()) row.error = QString::fromStdString(p.error.message);
            }
            rows.push_back(std::move(row));
        }
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.group < b.group; });
    }
    bool sameShape = topic == m_topic && rows.size() == m_rows.size();
    for (std::size_t i = 0; sameShape && i < rows.size(); ++i) sameShape = rows[i].group == m_rows[i].group;
    if (sameShape) {
        m_rows = std::move(rows);
        if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    m_topic = topic;
    endResetModel();
}

bool TopicGroupsModel::isLive(int row) const {
    return row >= 0 && row < rowCount() && m_rows[static_cast<std::size_t>(row)].live;
}

int TopicGroupsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int TopicGroupsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TopicGroupsModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= rowCount()) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Status) return statusColor(r.status);
    if (role == Qt::ToolTipRole && !r.error.isEmpty()) return r.error;
    if (role == Qt::ToolTipRole && index.column() == Group) {
        return r.live ? tr("Live numbers from the Lag tab's monitor")
                      : tr("Committed offsets read when the topic was selected (not watched in the Lag tab)");
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Group: return r.group;
        case State: return r.state.isEmpty() ? QStringLiteral("–") : r.state;
        case Members: return r.members < 0 ? QStringLiteral("–") : QString::number(r.members);
        case Partitions: return QString::number(r.partitions);
        case Lag: return QString::number(r.lag);
        case MaxLag: return QString::number(r.maxLag);
        case LagSeconds: return r.live ? secondsText(r.seconds) : QStringLiteral("–");
        case Status:
            if (!r.error.isEmpty()) return tr("ERROR");
            return r.live ? statusText(r.status) : QStringLiteral("–");  // status needs the monitor's history
        default: return {};
    }
}

QVariant TopicGroupsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Group: return tr("Group");
        case State: return tr("State");
        case Members: return tr("Members");
        case Partitions: return tr("Partitions");
        case Lag: return tr("Lag");
        case MaxLag: return tr("Max lag");
        case LagSeconds: return tr("Lag (time)");
        case Status: return tr("Status");
        default: return {};
    }
}

}  // namespace kafkascope::ui
