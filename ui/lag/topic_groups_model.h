#pragma once
// The groups that read one topic, from the lag monitor's newest snapshot:
// per group its state, members, how many of the topic's partitions it has
// offsets for, its lag on this topic (sum and worst partition), lag in time
// and status (the worst of those partitions). Same groups in the same order
// update cells in place, as the dashboard's models do.

#include <QAbstractTableModel>
#include <QString>
#include <optional>
#include <vector>

#include "bridge/lag_bridge.h"

namespace kafkascope::ui {

class TopicGroupsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Group, State, Members, Partitions, Lag, MaxLag, LagSeconds, Status, ColumnCount };

    explicit TopicGroupsModel(QObject* parent = nullptr);

    // Shows the groups of `snapshot` that have offsets on `topic`.
    void setTopic(const LagSnapshotPtr& snapshot, const QString& topic);
    QString topic() const { return m_topic; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        QString group;
        QString state;
        int members = -1;
        int partitions = 0;
        qint64 lag = 0;  // sum over the topic's partitions with a known lag
        qint64 maxLag = 0;
        std::optional<double> seconds;
        monitor::LagStatus status = monitor::LagStatus::ok;
        QString error;  // first partition error, if any
    };
    std::vector<Row> m_rows;
    QString m_topic;
};

}  // namespace kafkascope::ui
