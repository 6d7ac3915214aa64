#pragma once
// One group's partitions in the lag dashboard: committed, end, lag, lag in
// time, catch-up, status, owner and the retention warning. Same-shape
// updates change cells in place, as LagGroupsModel does.

#include <QAbstractTableModel>

#include "bridge/lag_bridge.h"

namespace kafkascope::ui {

class LagPartitionsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Topic, Partition, Committed, End, Lag, LagSeconds, CatchUp, Status, Owner, Note, ColumnCount };

    explicit LagPartitionsModel(QObject* parent = nullptr);

    // Keeps `snapshot` alive; shows `group` of it (nothing when absent).
    void setGroup(const LagSnapshotPtr& snapshot, const QString& group);
    QString groupId() const { return m_groupId; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    LagSnapshotPtr m_snapshot;
    const monitor::GroupLag* m_group = nullptr;
    QString m_groupId;
};

}  // namespace kafkascope::ui
