#include "lag/lag_dashboard_pane.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "bridge/engine_bridge.h"
#include "lag/group_members_view.h"
#include "lag/lag_chart.h"
#include "lag/lag_groups_model.h"
#include "lag/lag_partitions_model.h"
#include "lag/reset_offsets_dialog.h"
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

    m_chart = new LagChart(m_history, this);
    m_members = new GroupMembersView(bridge, this);

    m_detailTitle = new QLabel(this);
    m_resetButton = new QPushButton(tr("Reset offsets…"), this);

    auto* detail = new QWidget(this);
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto* detailBar = new QHBoxLayout;
    detailBar->addWidget(m_detailTitle, 1);
    detailBar->addWidget(m_resetButton);
    detailLayout->addLayout(detailBar);
    auto* detailTabs = new QTabWidget(detail);
    detailTabs->setDocumentMode(true);
    detailTabs->addTab(m_partitionsView, tr("Partitions"));
    detailTabs->addTab(m_chart, tr("Lag chart"));
    detailTabs->addTab(m_members, tr("Members"));
    detailLayout->addWidget(detailTabs, 1);

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
    connect(&m_bridge, &EngineBridge::engineAboutToChange, this, [this] {
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
    });
    connect(m_resetButton, &QPushButton::clicked, this, [this] { openResetDialog(); });
    updateResetButton();
}

void LagDashboardPane::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    if (m_resetDialog) m_resetDialog->setReadOnly(readOnly);
    updateResetButton();
}

void LagDashboardPane::updateResetButton() {
    m_resetButton->setEnabled(!m_readOnly && !m_selected.isEmpty());
    if (m_readOnly) {
        m_resetButton->setToolTip(tr("This connection is read-only: offsets cannot be reset."));
    } else if (m_selected.isEmpty()) {
        m_resetButton->setToolTip(tr("Select a group first."));
    } else {
        m_resetButton->setToolTip(tr("Preview and reset the committed offsets of %1 (it must have no active members).")
                                      .arg(m_selected));
    }
    m_detailTitle->setText(m_selected.isEmpty() ? tr("No group selected") : tr("Group %1").arg(m_selected));
}

ResetOffsetsDialog* LagDashboardPane::openResetDialog() {
    if (m_readOnly || m_selected.isEmpty()) return nullptr;
    if (m_resetDialog) m_resetDialog->close();  // one at a time, for the group now selected
    QStringList topics;
    if (const monitor::GroupLag* group = m_groups->group(m_selected)) {
        for (const std::string& t : group->topics) topics << QString::fromStdString(t);
    }
    auto* dialog = new ResetOffsetsDialog(m_bridge, m_selected, topics, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setReadOnly(m_readOnly);
    m_resetDialog = dialog;
    dialog->open();
    return dialog;
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

QLineSeries* LagDashboardPane::totalLagSeries() const { return m_chart->totalSeries(); }

void LagDashboardPane::onSnapshot(const LagSnapshotPtr& snapshot) {
    m_last = snapshot;
    m_history.record(*snapshot, m_selected);
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
    Q_EMIT snapshotReceived(snapshot);
    if (m_selected.isEmpty() && !snapshot->groups.empty()) {
        selectGroup(QString::fromStdString(snapshot->groups.front().group_id));
        return;
    }
    showSelected();
}

void LagDashboardPane::showSelected() {
    updateResetButton();
    m_partitions->setGroup(m_last, m_selected);
    m_chart->setGroup(m_last, m_selected);
    // Members are asked for when the group changes (and on Refresh), not every poll.
    if (m_members->group() != m_selected) m_members->showGroup(m_selected);
}

}  // namespace kafkascope::ui
