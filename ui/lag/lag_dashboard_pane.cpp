#include "lag/lag_dashboard_pane.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

#include "bridge/engine_bridge.h"
#include "lag/lag_groups_model.h"
#include "lag/lag_partitions_model.h"
#include "lag/sparkline_delegate.h"

namespace kafkascope::ui {

LagDashboardPane::LagDashboardPane(EngineBridge& bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    m_lag = new LagBridge(bridge, this);
    connect(m_lag, &LagBridge::snapshotReady, this, &LagDashboardPane::onSnapshot);

    m_groupsEdit = new QLineEdit(this);
    m_groupsEdit->setPlaceholderText(tr("groups, comma-separated (empty: every group the cluster lists)"));
    m_interval = new QSpinBox(this);
    m_interval->setRange(1, 3600);
    m_interval->setValue(5);
    m_interval->setSuffix(tr(" s"));
    m_start = new QPushButton(tr("Watch"), this);
    m_stop = new QPushButton(tr("Stop"), this);
    m_stop->setEnabled(false);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("filter groups"));
    m_filter->setClearButtonEnabled(true);
    m_status = new QLabel(this);

    auto* bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Groups:"), this));
    bar->addWidget(m_groupsEdit, 3);
    bar->addWidget(new QLabel(tr("every"), this));
    bar->addWidget(m_interval);
    bar->addWidget(m_start);
    bar->addWidget(m_stop);
    bar->addWidget(m_filter, 1);

    m_groups = new LagGroupsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_groups);
    m_proxy->setSortRole(LagGroupsModel::SortRole);
    m_proxy->setFilterKeyColumn(LagGroupsModel::Group);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_groupsView = new QTableView(this);
    m_groupsView->setModel(m_proxy);
    m_groupsView->setSortingEnabled(true);
    m_groupsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_groupsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupsView->setItemDelegateForColumn(LagGroupsModel::Trend,
                                           new SparklineDelegate(LagGroupsModel::TrendRole, m_groupsView));
    m_groupsView->horizontalHeader()->setStretchLastSection(true);
    m_groupsView->verticalHeader()->hide();

    m_partitions = new LagPartitionsModel(this);
    m_partitionsView = new QTableView(this);
    m_partitionsView->setModel(m_partitions);
    m_partitionsView->horizontalHeader()->setStretchLastSection(true);
    m_partitionsView->verticalHeader()->hide();

    m_series = new QLineSeries;
    m_series->setName(tr("total lag"));
    auto* chart = new QChart;
    chart->addSeries(m_series);
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("seconds ago"));
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(tr("messages"));
    m_axisY->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    chart->legend()->hide();
    m_chartView = new QChartView(chart, this);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(180);
    m_window = new QComboBox(this);
    m_window->addItem(tr("last 5 minutes"), 300);
    m_window->addItem(tr("last 15 minutes"), 900);
    m_window->addItem(tr("last hour"), 3600);

    auto* detail = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto* chartBar = new QHBoxLayout;
    chartBar->addWidget(new QLabel(tr("Total lag of the selected group over"), detail));
    chartBar->addWidget(m_window);
    chartBar->addStretch(1);
    detailLayout->addWidget(m_partitionsView, 1);
    detailLayout->addLayout(chartBar);
    detailLayout->addWidget(m_chartView, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_groupsView);
    split->addWidget(detail);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_start, &QPushButton::clicked, this, [this] {
        const QString error = startWatching(m_groupsEdit->text().split(QLatin1Char(','), Qt::SkipEmptyParts),
                                            m_interval->value() * 1000);
        if (!error.isEmpty()) m_status->setText(error);
    });
    connect(m_stop, &QPushButton::clicked, this, &LagDashboardPane::stopWatching);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_groupsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                m_selected = current.isValid()
                                 ? m_proxy->index(current.row(), LagGroupsModel::Group).data().toString()
                                 : QString();
                showSelected();
            });
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] { showSelected(); });
    connect(&m_bridge, &EngineBridge::engineAboutToChange, this, [this] {
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
    });
}

QString LagDashboardPane::startWatching(const QStringList& groups, int intervalMs) {
    const QString error = m_lag->start(groups, intervalMs);
    if (!error.isEmpty()) return error;
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_status->setText(tr("Watching…"));
    return {};
}

void LagDashboardPane::stopWatching() {
    m_lag->stop();
    m_start->setEnabled(true);
    m_stop->setEnabled(false);
    m_status->setText(tr("Stopped."));
}

void LagDashboardPane::selectGroup(const QString& group) {
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, LagGroupsModel::Group);
        if (index.data().toString() == group) {
            m_groupsView->setCurrentIndex(index);
            return;
        }
    }
    m_selected = group;
    showSelected();
}

void LagDashboardPane::onSnapshot(const LagSnapshotPtr& snapshot) {
    m_last = snapshot;
    m_groups->setSnapshot(snapshot);
    QString line = tr("Poll %1: %2 groups, %3 requests, %4 ms")
                       .arg(snapshot->cycle)
                       .arg(snapshot->groups.size())
                       .arg(snapshot->requests)
                       .arg(snapshot->duration.count() / 1000);
    if (snapshot->error) line += QStringLiteral(" — ") + QString::fromStdString(snapshot->error.message);
    if (!snapshot->failures.empty()) {
        line += tr(" — %1 broker(s) failed: %2")
                    .arg(snapshot->failures.size())
                    .arg(QString::fromStdString(snapshot->failures.front().error.message));
    }
    m_status->setText(line);
    if (m_selected.isEmpty() && !snapshot->groups.empty()) {
        selectGroup(QString::fromStdString(snapshot->groups.front().group_id));
        return;
    }
    showSelected();
}

void LagDashboardPane::showSelected() {
    m_partitions->setGroup(m_last, m_selected);
    updateChart(m_groups->group(m_selected));
}

void LagDashboardPane::updateChart(const monitor::GroupLag* group) {
    QList<QPointF> points;
    qint64 top = 1;
    const double window = m_window->currentData().toDouble();
    if (group && m_last) {
        for (const auto& [time, lag] : group->total_lag_history) {
            const double ago = static_cast<double>(m_last->time_ms - time) / 1000.0;
            if (ago > window) continue;
            points.append(QPointF(-ago, static_cast<double>(lag)));
            top = std::max<qint64>(top, lag);
        }
    }
    m_series->replace(points);  // one update per poll, not one per point
    m_axisX->setRange(-window, 0);
    m_axisY->setRange(0, static_cast<double>(top) * 1.1);
}

}  // namespace kafkascope::ui
