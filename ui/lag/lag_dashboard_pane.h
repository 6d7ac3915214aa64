#pragma once
// The live lag dashboard: every watched group in a sortable, filterable
// table (state, members, topics, total / max lag, lag in time, status,
// trend sparkline), and for the selected group its partitions and a chart
// of total lag over a selectable time window. Fed by LagBridge, one
// snapshot per poll; same-shape snapshots update cells in place.

#include <QPointer>
#include <QWidget>

#include "bridge/lag_bridge.h"

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QValueAxis;

namespace kafkascope::ui {

class EngineBridge;
class LagGroupsModel;
class LagPartitionsModel;

class LagDashboardPane : public QWidget {
    Q_OBJECT

public:
    explicit LagDashboardPane(EngineBridge& bridge, QWidget* parent = nullptr);

    // What the Start button does, for tests and the cluster tree.
    QString startWatching(const QStringList& groups, int intervalMs);
    void stopWatching();
    void selectGroup(const QString& group);

    LagGroupsModel* groupsModel() const { return m_groups; }
    LagPartitionsModel* partitionsModel() const { return m_partitions; }
    QLineSeries* totalLagSeries() const { return m_series; }

private:
    void onSnapshot(const LagSnapshotPtr& snapshot);
    void showSelected();
    void updateChart(const monitor::GroupLag* group);

    EngineBridge& m_bridge;
    LagBridge* m_lag = nullptr;
    LagSnapshotPtr m_last;
    QString m_selected;

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
    QComboBox* m_window = nullptr;
    QChartView* m_chartView = nullptr;
    QLineSeries* m_series = nullptr;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
};

}  // namespace kafkascope::ui
