#pragma once
// The lag dashboard's groups table: one row per group of the newest
// snapshot (state, members, topics, total / max lag, lag in seconds, status,
// trend). A snapshot with the same groups in the same order updates the
// cells in place (one dataChanged, no reset, so the view does not flicker or
// lose its selection); a different set of groups resets the model.

#include <QAbstractTableModel>
#include <QColor>
#include <QList>
#include <QStringList>

#include "bridge/lag_bridge.h"

namespace kafkascope::ui {

class LagGroupsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Group, State, Members, Topics, TotalLag, MaxLag, LagSeconds, Status, Trend, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;   // numbers sort as numbers
    static constexpr int TrendRole = Qt::UserRole + 2;  // QList<qint64>: total lag per poll
    static constexpr int StatusRole = Qt::UserRole + 3; // int monitor::LagStatus

    explicit LagGroupsModel(QObject* parent = nullptr);

    void setSnapshot(const LagSnapshotPtr& snapshot);
    const monitor::GroupLag* group(int row) const;
    const monitor::GroupLag* group(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    LagSnapshotPtr m_snapshot;
};

// Status as shown in badges and cells.
QString statusText(monitor::LagStatus status);
QColor statusColor(monitor::LagStatus status);
QString secondsText(const std::optional<double>& seconds);

}  // namespace kafkascope::ui
