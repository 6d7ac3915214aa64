#include "lag/lag_partitions_model.h"

#include <QColor>

#include "lag/lag_groups_model.h"

namespace kafkascope::ui {

LagPartitionsModel::LagPartitionsModel(QObject* parent) : QAbstractTableModel(parent) {}

void LagPartitionsModel::setGroup(const LagSnapshotPtr& snapshot, const QString& group) {
    const monitor::GroupLag* found = nullptr;
    if (snapshot) {
        const std::string wanted = group.toStdString();
        for (const auto& g : snapshot->groups) {
            if (g.group_id == wanted) found = &g;
        }
    }
    bool sameShape = found && m_group && group == m_groupId && found->partitions.size() == m_group->partitions.size();
    for (std::size_t i = 0; sameShape && i < found->partitions.size(); ++i) {
        sameShape = found->partitions[i].topic == m_group->partitions[i].topic &&
                    found->partitions[i].partition == m_group->partitions[i].partition;
    }
    if (sameShape) {
        m_snapshot = snapshot;
        m_group = found;
        if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_snapshot = snapshot;
    m_group = found;
    m_groupId = group;
    endResetModel();
}

int LagPartitionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_group ? 0 : static_cast<int>(m_group->partitions.size());
}

int LagPartitionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LagPartitionsModel::data(const QModelIndex& index, int role) const {
    if (!m_group || index.row() < 0 || index.row() >= rowCount()) return {};
    const monitor::PartitionLag& p = m_group->partitions[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && index.column() == Status) return statusColor(p.status);
    if (role == Qt::ToolTipRole && p.error) return QString::fromStdString(p.error.message);
    if (role != Qt::DisplayRole) return {};
    auto offset = [](std::int64_t v) { return v < 0 ? QStringLiteral("–") : QString::number(v); };
    switch (index.column()) {
        case Topic: return QString::fromStdString(p.topic);
        case Partition: return QString::number(p.partition);
        case Committed: return offset(p.committed);
        case End: return offset(p.log_end);
        case Lag: return offset(p.lag);
        case LagSeconds:
            return p.time_lag ? secondsText(p.time_lag->seconds) : QStringLiteral("–");
        case CatchUp: return secondsText(p.catch_up_seconds);
        case Status: return p.error ? tr("ERROR") : statusText(p.status);
        case Owner: return p.owner.empty() ? QStringLiteral("–") : QString::fromStdString(p.owner);
        case Note:
            if (p.error) return QString::fromStdString(p.error.message);
            if (p.below_log_start) return tr("committed offset below log start %1: data lost to retention").arg(p.log_start);
            return {};
        default: return {};
    }
}

QVariant LagPartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Topic: return tr("Topic");
        case Partition: return tr("Partition");
        case Committed: return tr("Committed");
        case End: return tr("End");
        case Lag: return tr("Lag");
        case LagSeconds: return tr("Lag (time)");
        case CatchUp: return tr("Catch-up");
        case Status: return tr("Status");
        case Owner: return tr("Owner");
        case Note: return tr("Note");
        default: return {};
    }
}

}  // namespace kafkascope::ui
