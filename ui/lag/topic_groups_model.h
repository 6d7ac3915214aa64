#pragma once
// The groups that read one topic: per group its state, members, how many of
// the topic's partitions it has offsets for, its lag on this topic (sum and
// worst partition), lag in time and status (the worst of those partitions).
// Two sources are merged: the lag monitor's newest snapshot (live, with
// members, time lag and status) and the engine's one-off answer for the topic
// (every group with commits on it, whether watched or not). A group in both
// shows the monitor's numbers. Same groups in the same order update cells in
// place, as the dashboard's models do.

#include <QAbstractTableModel>
#include <QString>
#include <optional>
#include <vector>

#include "bridge/lag_bridge.h"
#include "bridge/topic_groups_bridge.h"

namespace kafkascope::ui {

class TopicGroupsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Group, State, Members, Partitions, Lag, MaxLag, LagSeconds, Status, ColumnCount };

    explicit TopicGroupsModel(QObject* parent = nullptr);

    // Shows the groups of `snapshot` that have offsets on `topic`.
    void setTopic(const LagSnapshotPtr& snapshot, const QString& topic);
    // ... and those of `queried` (the engine's answer for `topic`, may be
    // null) that the snapshot does not have on it.
    void setSources(const LagSnapshotPtr& snapshot, const TopicGroupsResultPtr& queried, const QString& topic);
    QString topic() const { return m_topic; }
    // Whether row `row` carries the monitor's live numbers (else the query's).
    bool isLive(int row) const;

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
        bool live = true;  // from the monitor; false: from the engine's query (no time lag, no status)
    };
    std::vector<Row> m_rows;
    QString m_topic;
};

}  // namespace kafkascope::ui
