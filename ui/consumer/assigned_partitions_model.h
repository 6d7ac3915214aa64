#pragma once
// The partitions assigned to the group member, one row each: committed
// offset, position, high watermark, lag and time lag (GroupReader's
// partitions() snapshot, which the bridge reads every second). A snapshot
// with the same partitions updates the rows in place with one ranged
// dataChanged; a different assignment resets the model.

#include <QAbstractTableModel>
#include <vector>

#include "consumer/group_reader_config.h"

namespace kafkascope::ui {

class AssignedPartitionsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Topic, Partition, Leader, Committed, Position, HighWatermark, Lag, TimeLag, Error, ColumnCount };

    using QAbstractTableModel::QAbstractTableModel;

    void setPartitions(const std::vector<consumer::AssignedPartition>& partitions);
    void clear();
    const std::vector<consumer::AssignedPartition>& partitions() const { return m_partitions; }
    qint64 totalLag() const;  // sum of known lags, -1 when none is known

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "1.2 s", "3 min 4 s", "-" for unknown.
    static QString formatDuration(qint64 ms);

private:
    std::vector<consumer::AssignedPartition> m_partitions;
};

}  // namespace kafkascope::ui
