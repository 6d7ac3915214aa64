#pragma once
// The live lag dashboard: every watched group in a sortable, filterable
// table (state, members, topics, total / max lag, lag in time, status,
// trend sparkline), and for the selected group its partitions and a chart
// of its total lag or each partition's over a selectable time window (see
// LagChart). Fed by LagBridge, one snapshot per poll; same-shape snapshots
// update cells in place. The detail also lists the group's members with
// their assignments (DescribeGroups) and opens the reset-offsets dialog.

#include <QPointer>
#include <QWidget>

#include "bridge/lag_bridge.h"
#include "lag/lag_chart_history.h"

class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace kafkascope::ui {

class EngineBridge;
class GroupMembersView;
class LagChart;
class LagGroupsModel;
class LagPartitionsModel;
class ResetOffsetsDialog;

class LagDashboardPane : public QWidget {
    Q_OBJECT

public:
    explicit LagDashboardPane(EngineBridge& bridge, QWidget* parent = nullptr);

    // What the Start button does, for tests and the cluster tree.
    QString startWatching(const QStringList& groups, int intervalMs);
    void stopWatching();
    void selectGroup(const QString& group);
    QString selectedGroup() const { return m_selected; }

    // Read-only connections: "Reset offsets…" is disabled, with a tooltip.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // What "Reset offsets…" does: opens the dialog for the selected group
    // (nullptr when none is selected or the connection is read-only).
    ResetOffsetsDialog* openResetDialog();
    QPushButton* resetButton() const { return m_resetButton; }

    LagGroupsModel* groupsModel() const { return m_groups; }
    LagPartitionsModel* partitionsModel() const { return m_partitions; }
    LagChart* chart() const { return m_chart; }
    GroupMembersView* membersView() const { return m_members; }
    QLineSeries* totalLagSeries() const;

Q_SIGNALS:
    // Every snapshot the pane receives (the cluster tree's topic groups).
    void snapshotReceived(const kafkascope::ui::LagSnapshotPtr& snapshot);

private:
    void onSnapshot(const LagSnapshotPtr& snapshot);
    void showSelected();
    void updateResetButton();

    EngineBridge& m_bridge;
    LagBridge* m_lag = nullptr;
    LagSnapshotPtr m_last;
    LagChartHistory m_history;  // per-partition lag for the chart; outlives m_chart's use
    QString m_selected;
    bool m_readOnly = false;
    QPointer<ResetOffsetsDialog> m_resetDialog;

    QLineEdit* m_groupsEdit = nullptr;
    QSpinBox* m_interval = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QLineEdit* m_filter = nullptr;
    QLabel* m_status = nullptr;
    LagGroupsModel* m_groups = nullptr;
    QSortFilterProxyModel* m_proxy = nullptr;
    QTableView* m_groupsView = nullptr;
    LagPartitionsModel* m_partitions = nullptr;
    QTableView* m_partitionsView = nullptr;
    QLabel* m_detailTitle = nullptr;
    QPushButton* m_resetButton = nullptr;
    LagChart* m_chart = nullptr;
    GroupMembersView* m_members = nullptr;
};

}  // namespace kafkascope::ui
