// The lag dashboard against a sandbox: kcat writes 20 messages into a
// 2-partition topic, a group commits part of it (engine simple commit), and
// the pane — inside the real MainWindow — fills its groups table with the
// lag, shows the group's partitions with end − committed, and its chart
// receives one point per poll, for the total and, in per-partition mode, one
// line per partition. New messages show up without a model reset. The time
// window limits the x axis (checked on a synthetic history spanning 20 min).
// The members tab shows the engine's error in place of the list (the
// sandbox has no DescribeGroups), and fills from a synthetic description.
// Selecting the topic in the cluster tree lists the group with its lag on
// it; a topic nobody reads says so. The view also asks the engine which
// groups read the topic: the sandbox has no ListGroups, so that lookup's
// error (naming the API) shows under the table while the monitor's group
// still shows with its live numbers.

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineSeries>
#include <QValueAxis>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeView>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <memory>

#include "bridge/engine_bridge.h"
#include "engine.h"
#include "lag/lag_chart.h"
#include "lag/lag_chart_history.h"
#include "lag/lag_members_model.h"
#include "lag/group_members_view.h"
#include "lag/topic_groups_model.h"
#include "lag/topic_groups_view.h"
#include "models/cluster_filter_proxy_model.h"
#include "models/cluster_tree_model.h"
#include "panes/cluster_pane.h"
#include "lag/lag_dashboard_pane.h"
#include "lag/lag_groups_model.h"
#include "lag/lag_partitions_model.h"
#include "main_window.h"
#include "fixture_bootstrap.h"
#include "main_window_harness.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 30'000;
const QString kTopic = QStringLiteral("lagui");
const QString kGroup = QStringLiteral("g-lag-ui");

QString cell(QAbstractItemModel* model, int row, int column) { return model->index(row, column).data().toString(); }
}  // namespace

class LagDashboardTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fillsFromTheSandbox();
    void chartDrawsEachPartitionFromPolls();
    void clusterTreeTopicShowsItsGroups();
    void followsNewMessagesInPlace();
    void chartWindowLimitsTheXAxis();
    void membersShowTheBrokersRefusal();
    void membersFillFromADescription();
    void cleanupTestCase();

private:
    void produce(int count);

    QString m_bootstrap;
    kafkascope::test::MainWindowHarness m_ui;
    LagDashboardPane* m_pane = nullptr;
    std::map<int, qint64> m_committed;
};

void LagDashboardTest::produce(int count) {
    QString lines;
    for (int i = 0; i < count; ++i) lines += QStringLiteral("k%1:v%1\n").arg(i);
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-P"), QStringLiteral("-t"),
                                        kTopic, QStringLiteral("-K:")});
    QVERIFY(kcat.waitForStarted());
    kcat.write(lines.toUtf8());
    kcat.closeWriteChannel();
    QVERIFY(kcat.waitForFinished(kTimeoutMs));
    QCOMPARE(kcat.exitCode(), 0);
}

void LagDashboardTest::initTestCase() {
    QString why;
    m_bootstrap = kafkascope::test::fixtureBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    produce(20);

    m_pane = m_ui.open<LagDashboardPane>();
    QVERIFY2(m_pane, "the main window has a Lag pane");
    QVERIFY(m_ui.bridge().connectToCluster(m_bootstrap, QStringLiteral("lag-ui-test")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_ui.bridge().state() == ConnectionState::Connected, kTimeoutMs);
    // The group has read 2 messages of each partition.
    std::vector<consumer::OffsetToCommit> offsets{{kTopic.toStdString(), 0, 2, {}}, {kTopic.toStdString(), 1, 2, {}}};
    auto committed = m_ui.bridge().engine()->commit_offsets_sync(kGroup.toStdString(), offsets);
    QVERIFY(committed.ok());
    m_committed = {{0, 2}, {1, 2}};
}

void LagDashboardTest::fillsFromTheSandbox() {
    QAbstractItemModelTester groupsTester(m_pane->groupsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester partitionsTester(m_pane->partitionsModel(),
                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_pane->startWatching({kGroup}, 250).isEmpty());
    LagGroupsModel* groups = m_pane->groupsModel();
    QTRY_COMPARE_WITH_TIMEOUT(groups->rowCount(), 1, kTimeoutMs);
    QCOMPARE(cell(groups, 0, LagGroupsModel::Group), kGroup);
    QCOMPARE(cell(groups, 0, LagGroupsModel::TotalLag), QStringLiteral("16"));  // 20 - 2 - 2
    QCOMPARE(cell(groups, 0, LagGroupsModel::Topics), kTopic);

    // The first group is selected: its partitions, lag = end - committed.
    LagPartitionsModel* partitions = m_pane->partitionsModel();
    QTRY_COMPARE_WITH_TIMEOUT(partitions->rowCount(), 2, kTimeoutMs);
    auto ends = m_ui.bridge().engine()->partition_offsets_sync({kTopic.toStdString()});
    QVERIFY(ends.ok());
    for (int row = 0; row < 2; ++row) {
        const int p = cell(partitions, row, LagPartitionsModel::Partition).toInt();
        qint64 end = -1;
        for (const auto& o : *ends) {
            if (o.partition == p) end = o.last;
        }
        QCOMPARE(cell(partitions, row, LagPartitionsModel::End), QString::number(end));
        QCOMPARE(cell(partitions, row, LagPartitionsModel::Committed), QString::number(m_committed[p]));
        QCOMPARE(cell(partitions, row, LagPartitionsModel::Lag), QString::number(end - m_committed[p]));
    }
    // The chart gets a point per poll.
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->totalLagSeries()->count() >= 3, kTimeoutMs);
    const QPointF last = m_pane->totalLagSeries()->at(m_pane->totalLagSeries()->count() - 1);
    QCOMPARE(last.y(), 16.0);
    QVERIFY(last.x() <= 0.0);
}

void LagDashboardTest::chartDrawsEachPartitionFromPolls() {
    LagChart* chart = m_pane->chart();
    chart->setMode(LagChart::Mode::PerPartition);
    QCOMPARE(chart->partitionSeries().size(), 2);
    QCOMPARE(chart->partitionSeries()[0]->name(), QStringLiteral("lagui/0"));
    QCOMPARE(chart->partitionSeries()[1]->name(), QStringLiteral("lagui/1"));
    QVERIFY(!chart->totalSeries()->isVisible());
    QCOMPARE(chart->totalSeries()->count(), 0);
    // Each line gains points from the polls, and its newest point is that
    // partition's lag as the partitions table shows it.
    const int before = chart->partitionSeries()[0]->count();
    QTRY_VERIFY_WITH_TIMEOUT(chart->partitionSeries()[0]->count() >= before + 2, kTimeoutMs);
    LagPartitionsModel* partitions = m_pane->partitionsModel();
    for (int row = 0; row < partitions->rowCount(); ++row) {
        const int p = cell(partitions, row, LagPartitionsModel::Partition).toInt();
        QLineSeries* line = chart->partitionSeries()[p];
        QVERIFY(line->count() >= 2);
        QCOMPARE(line->at(line->count() - 1).y(), cell(partitions, row, LagPartitionsModel::Lag).toDouble());
        QVERIFY(line->at(line->count() - 1).x() <= 0.0);
    }
    chart->setMode(LagChart::Mode::Total);
    QVERIFY(chart->partitionSeries().isEmpty());
    QVERIFY(chart->totalSeries()->isVisible());
    QVERIFY(chart->totalSeries()->count() >= 3);
}

void LagDashboardTest::clusterTreeTopicShowsItsGroups() {
    ClusterPane* tree = m_ui.window().clusterPane();
    TopicGroupsView* view = tree->topicGroupsView();
    QVERIFY(view->isHidden());
    auto select = [tree](const QString& topic) {
        const QModelIndex source = tree->model()->topicIndex(topic);
        if (!source.isValid()) return false;
        tree->view()->setCurrentIndex(tree->proxyModel()->mapFromSource(source));
        return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(select(kTopic), kTimeoutMs);  // once the metadata is in
    QVERIFY(!view->isHidden());
    TopicGroupsModel* model = view->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
    QCOMPARE(cell(model, 0, TopicGroupsModel::Group), kGroup);
    QCOMPARE(cell(model, 0, TopicGroupsModel::Partitions), QStringLiteral("2"));
    // Lag on this topic = the group's lag (it reads only this topic), from the same poll.
    QCOMPARE(cell(model, 0, TopicGroupsModel::Lag), cell(m_pane->groupsModel(), 0, LagGroupsModel::TotalLag));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Lag), QStringLiteral("16"));
    QVERIFY(view->titleText().startsWith(QStringLiteral("Groups reading lagui (poll ")));
    // The engine's lookup fails on every broker of the sandbox (no
    // ListGroups); the row stays the monitor's.
    QTRY_VERIFY_WITH_TIMEOUT(!view->isQuerying(), kTimeoutMs);
    const QString error = view->hintText();
    QVERIFY2(error.startsWith(QStringLiteral("3 of 3 broker(s) could not list their groups")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("does not support ListGroups")), qPrintable(error));
    QCOMPARE(model->rowCount(), 1);
    QVERIFY(model->isLive(0));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Lag), QStringLiteral("16"));
    QVERIFY(cell(model, 0, TopicGroupsModel::Status) != QStringLiteral("–"));  // the monitor's status

    QVERIFY(select(QStringLiteral("lagidle")));
    QCOMPARE(model->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!view->isQuerying(), kTimeoutMs);
    const QStringList lines = view->hintText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].contains(QStringLiteral("does not support ListGroups")), qPrintable(lines[0]));
    QCOMPARE(lines[1], QStringLiteral("None of the 1 watched group(s) has offsets on lagidle."));
    QCOMPARE(model->rowCount(), 0);

    tree->view()->setCurrentIndex(tree->proxyModel()->mapFromSource(tree->model()->brokersIndex()));
    QVERIFY(view->isHidden());
}

void LagDashboardTest::followsNewMessagesInPlace() {
    LagGroupsModel* groups = m_pane->groupsModel();
    QSignalSpy resets(groups, &QAbstractItemModel::modelReset);
    QSignalSpy changes(groups, &QAbstractItemModel::dataChanged);
    produce(10);
    QTRY_COMPARE_WITH_TIMEOUT(cell(groups, 0, LagGroupsModel::TotalLag), QStringLiteral("26"), kTimeoutMs);
    QCOMPARE(resets.count(), 0);  // same groups: cells change, the table is not rebuilt
    QVERIFY(changes.count() >= 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->totalLagSeries()->at(m_pane->totalLagSeries()->count() - 1).y(), 26.0,
                              kTimeoutMs);
    m_pane->stopWatching();
}

void LagDashboardTest::chartWindowLimitsTheXAxis() {
    // A group polled every minute for 20 minutes: total lag 0, 10, ..., 200;
    // partition 0 has all of it.
    auto snapshot = std::make_shared<monitor::LagSnapshot>();
    snapshot->time_ms = 1'700'000'000'000;
    monitor::GroupLag group;
    group.group_id = "g-synthetic";
    group.topics = {"t"};
    monitor::PartitionLag partition;
    partition.topic = "t";
    partition.partition = 0;
    group.partitions = {partition};
    snapshot->groups = {group};
    LagChartHistory history;
    for (int minute = 20; minute >= 0; --minute) {
        const std::int64_t lag = (20 - minute) * 10;
        snapshot->time_ms = 1'700'000'000'000 - minute * 60'000;
        snapshot->groups[0].total_lag_history.emplace_back(snapshot->time_ms, lag);
        snapshot->groups[0].partitions[0].lag = lag;
        history.record(*snapshot, QString());
    }
    QVERIFY(history.points("g-synthetic", "t", 0));
    QCOMPARE(history.points("g-synthetic", "t", 0)->size(), std::size_t{21});

    LagChart chart(history);
    chart.setGroup(snapshot, QStringLiteral("g-synthetic"));
    chart.setWindowSeconds(300);  // minutes 5..0 only
    QCOMPARE(chart.totalSeries()->count(), 6);
    QCOMPARE(chart.totalSeries()->at(0), QPointF(-300, 150));
    QCOMPARE(chart.axisX()->min(), -300.0);
    QCOMPARE(chart.axisX()->max(), 0.0);
    chart.setWindowSeconds(900);
    QCOMPARE(chart.totalSeries()->count(), 16);
    QCOMPARE(chart.axisX()->min(), -900.0);
    chart.setWindowSeconds(0);  // all kept: from the oldest point
    QCOMPARE(chart.totalSeries()->count(), 21);
    QCOMPARE(chart.axisX()->min(), -1200.0);
    chart.setMode(LagChart::Mode::PerPartition);
    QCOMPARE(chart.partitionSeries().size(), 1);
    QCOMPARE(chart.partitionSeries()[0]->count(), 21);
    chart.setWindowSeconds(300);
    QCOMPARE(chart.partitionSeries()[0]->count(), 6);
    QCOMPARE(chart.partitionSeries()[0]->at(5), QPointF(0, 200));

    // A group that left the snapshot is forgotten.
    snapshot->groups.clear();
    history.record(*snapshot, QString());
    QVERIFY(!history.points("g-synthetic", "t", 0));
}

void LagDashboardTest::membersShowTheBrokersRefusal() {
    GroupMembersView* members = m_pane->membersView();
    QCOMPARE(members->group(), kGroup);  // asked for when the group was selected
    QTRY_VERIFY_WITH_TIMEOUT(!members->isBusy(), kTimeoutMs);
    QVERIFY(members->isShowingMessage());
    QCOMPARE(members->model()->rowCount(), 0);
    // The mock cluster has no DescribeGroups: the engine says so, in words.
    const QString text = members->messageText();
    QVERIFY2(text.startsWith(QStringLiteral("Members unavailable: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("does not support DescribeGroups")), qPrintable(text));
    members->refresh();  // asked again: the same answer, no crash
    QVERIFY(members->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!members->isBusy(), kTimeoutMs);
    QCOMPARE(members->messageText(), text);
}

void LagDashboardTest::membersFillFromADescription() {
    GroupMembersView view(m_ui.bridge());
    QAbstractItemModelTester tester(view.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    admin::GroupDescription d;
    d.group_id = "g-described";
    d.state = "Stable";
    d.protocol_type = "consumer";
    d.protocol = "range";
    d.coordinator_address = "localhost:9092";
    admin::GroupMemberDescription a;
    a.member_id = "consumer-1-abc";
    a.client_id = "consumer-1";
    a.client_host = "/10.0.0.1";
    a.subscription = {"orders", "audit"};
    a.assignment = {{"orders", {0, 1, 2}}, {"audit", {0}}};
    admin::GroupMemberDescription b;
    b.member_id = "consumer-2-def";
    b.client_id = "consumer-2";
    b.client_host = "/10.0.0.2";
    b.group_instance_id = "pod-2";
    b.decode_error = "assignment: truncated";
    d.members = {a, b};
    view.setDescription(d);
    QVERIFY(!view.isShowingMessage());
    LagMembersModel* model = view.model();
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(cell(model, 0, LagMembersModel::Member), QStringLiteral("consumer-1-abc"));
    QCOMPARE(cell(model, 0, LagMembersModel::ClientId), QStringLiteral("consumer-1"));
    QCOMPARE(cell(model, 0, LagMembersModel::Host), QStringLiteral("/10.0.0.1"));
    QCOMPARE(cell(model, 0, LagMembersModel::InstanceId), QStringLiteral("–"));
    QCOMPARE(cell(model, 0, LagMembersModel::Assignment), QStringLiteral("orders: 0, 1, 2; audit: 0"));
    QCOMPARE(model->index(0, LagMembersModel::Assignment).data(Qt::ToolTipRole).toString(),
             QStringLiteral("subscribed to orders, audit"));
    QCOMPARE(cell(model, 1, LagMembersModel::InstanceId), QStringLiteral("pod-2"));
    QCOMPARE(cell(model, 1, LagMembersModel::Assignment), QStringLiteral("not decoded: assignment: truncated"));
    QCOMPARE(view.summaryText(),
             QStringLiteral("State Stable · 2 member(s) · assignor range · coordinator localhost:9092"));

    d.state = "Empty";
    d.members.clear();
    view.setDescription(d);
    QVERIFY(view.isShowingMessage());
    QCOMPARE(view.messageText(), QStringLiteral("g-described has no active members."));
    QCOMPARE(model->rowCount(), 0);
}

void LagDashboardTest::cleanupTestCase() {
    m_ui.close();
}

QTEST_MAIN(LagDashboardTest)
#include "tst_lag_dashboard.moc"
