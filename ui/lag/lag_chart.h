#pragma once
// The group detail's lag chart: the group's total lag, or one line per
// partition, over a selectable time window (5 min, 15 min, 1 h, or all that
// is kept). Points are "seconds before the newest poll" on the x axis. The
// total comes from the snapshot's own history; partition lines from
// LagChartHistory. One replace() per series per poll, never per point.

#include <QList>
#include <QString>
#include <QWidget>

#include "bridge/lag_bridge.h"

class QChartView;
class QComboBox;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace kafkascope::ui {

class LagChartHistory;

class LagChart : public QWidget {
    Q_OBJECT

public:
    enum class Mode { Total, PerPartition };
    // At most this many partition lines (those with the most lag now).
    static constexpr int kMaxPartitionLines = 24;

    // `history` must outlive the chart.
    explicit LagChart(const LagChartHistory& history, QWidget* parent = nullptr);

    // Shows `group` of `snapshot` (nothing when absent).
    void setGroup(const LagSnapshotPtr& snapshot, const QString& group);
    void setMode(Mode mode);
    Mode mode() const;
    // 0: all that is kept.
    void setWindowSeconds(int seconds);
    int windowSeconds() const;

    QLineSeries* totalSeries() const { return m_total; }
    const QList<QLineSeries*>& partitionSeries() const { return m_partitionLines; }
    QValueAxis* axisX() const { return m_axisX; }
    QString note() const;

private:
    void redraw();
    void drawTotal(const monitor::GroupLag* group, double window, double& oldest, double& top);
    void drawPartitions(const monitor::GroupLag* group, double window, double& oldest, double& top);
    void setPartitionLines(const QStringList& names);

    const LagChartHistory& m_history;
    LagSnapshotPtr m_snapshot;
    QString m_group;

    QComboBox* m_modeBox = nullptr;
    QComboBox* m_windowBox = nullptr;
    QLabel* m_note = nullptr;
    QChartView* m_view = nullptr;
    QLineSeries* m_total = nullptr;
    QList<QLineSeries*> m_partitionLines;
    QValueAxis* m_axisX = nullptr;
    QValueAxis* m_axisY = nullptr;
};

}  // namespace kafkascope::ui
