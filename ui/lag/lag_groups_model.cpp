#include "lag/lag_groups_model.h"

#include <QColor>

namespace kafkascope::ui {

QString statusText(monitor::LagStatus status) { return QString::fromLatin1(monitor::status_name(status)); }

QColor statusColor(monitor::LagStatus status) {
    switch (status) {
        case monitor::LagStatus::ok: return QColor(0x2e, 0x7d, 0x32);
        case monitor::LagStatus::warn: return QColor(0xef, 0x8f, 0x00);
        case monitor::LagStatus::rewind: return QColor(0x6a, 0x1b, 0x9a);
        case monitor::LagStatus::stall: return QColor(0xc6, 0x28, 0x28);
        case monitor::LagStatus::stop: return QColor(0x8e, 0x00, 0x00);
    }
    return {};
}

QString secondsText(const std::optional<double>& seconds) {
    if (!seconds) return QStringLiteral("–");
    return QString::number(*seconds, 'f', 1) + QStringLiteral(" s");
}

LagGroupsModel::LagGroupsModel(QObject* parent) : QAbstractTableModel(parent) {}

void LagGroupsModel::setSnapshot(const LagSnapshotPtr& snapshot) {
    bool sameShape = m_snapshot && snapshot && m_snapshot->groups.size() == snapshot->groups.size();
    for (std::size_t i = 0; sameShape && i < snapshot->groups.size(); ++i) {
        sameShape = m_snapshot->groups[i].group_id == snapshot->groups[i].group_id;
    }
    if (sameShape) {
        m_snapshot = snapshot;
        if (rowCount() > 0) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_snapshot = snapshot;
    endResetModel();
}

const monitor::GroupLag* LagGroupsModel::group(int row) const {
    if (!m_snapshot || row < 0 || row >= rowCount()) return nullptr;
    return &m_snapshot->groups[static_cast<std::size_t>(row)];
}

const monitor::GroupLag* LagGroupsModel::group(const QString& id) const {
    if (!m_snapshot) return nullptr;
    const std::string wanted = id.toStdString();
    for (const auto& g : m_snapshot->groups) {
        if (g.group_id == wanted) return &g;
    }
    return nullptr;
}

int LagGroupsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_snapshot ? 0 : static_cast<int>(m_snapshot->groups.size());
}

int LagGroupsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LagGroupsModel::data(const QModelIndex& index, int role) const {
    const monitor::GroupLag* g = group(index.row());
    if (!g) return {};
    if (role == TrendRole) {
        QList<qint64> points;
        for (const auto& [time, lag] : g->total_lag_history) points.append(lag);
        return QVariant::fromValue(points);
    }
    if (role == StatusRole) return static_cast<int>(g->status);
    if (role == Qt::ForegroundRole && index.column() == Status) return statusColor(g->status);
    if (role == Qt::ToolTipRole && g->error) return QString::fromStdString(g->error.message);
    const bool sort = role == SortRole;
    if (role != Qt::DisplayRole && !sort) return {};
    switch (index.column()) {
        case Group: return QString::fromStdString(g->group_id);
        case State: return g->state.empty() ? QStringLiteral("–") : QString::fromStdString(g->state);
        case Members:
            if (sort) return g->members;
            return g->members < 0 ? QStringLiteral("–") : QString::number(g->members);
        case Topics: {
            QStringList topics;
            for (const auto& t : g->topics) topics << QString::fromStdString(t);
            return topics.join(QStringLiteral(", "));
        }
        case TotalLag: return sort ? QVariant(static_cast<qlonglong>(g->total_lag)) : QVariant(QString::number(g->total_lag));
        case MaxLag: return sort ? QVariant(static_cast<qlonglong>(g->max_lag)) : QVariant(QString::number(g->max_lag));
        case LagSeconds:
            if (sort) return g->max_time_lag_seconds.value_or(-1.0);
            return secondsText(g->max_time_lag_seconds);
        case Status:
            if (sort) return static_cast<int>(g->status);
            return g->error ? tr("ERROR") : statusText(g->status);
        case Trend: return sort ? QVariant(static_cast<qlonglong>(g->total_lag)) : QVariant();
        default: return {};
    }
}

QVariant LagGroupsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Group: return tr("Group");
        case State: return tr("State");
        case Members: return tr("Members");
        case Topics: return tr("Topics");
        case TotalLag: return tr("Total lag");
        case MaxLag: return tr("Max lag");
        case LagSeconds: return tr("Lag (time)");
        case Status: return tr("Status");
        case Trend: return tr("Trend");
        default: return {};
    }
}

}  // namespace kafkascope::ui
