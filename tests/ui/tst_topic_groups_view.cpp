// TopicGroupsView asking the engine through the real EngineBridge, offscreen,
// against scripted in-process brokers that have ListGroups (the sandbox has
// not; tests/unit/lag/topic_groups_script.h): selecting "orders" lists the
// two groups with commits on it and their lag, without any lag monitor; a
// monitor snapshot then wins for the group it watches; an answer for a topic
// no longer selected is dropped; a broker without ListGroups is named in the
// hint while the other broker's groups still show. The sandbox error path is
// in tst_lag_dashboard.cpp.

#include <QtTest>
#include <memory>
#include <string>

#include "bridge/engine_bridge.h"
#include "frame_cluster.h"
#include "lag/topic_groups_model.h"
#include "lag/topic_groups_view.h"
#include "protocol/messages/list_groups.h"
#include "protocol/messages/offset_fetch.h"
#include "topic_groups_script.h"

using namespace kafkascope;
using namespace kafkascope::ui;
namespace script = kafkascope::test::topic_groups;

// fake_broker.cpp reports through the engine tests' harness; here such a
// report fails the running QtTest function.
namespace kafkascope::test {
void report_failure(const char* file, int line, const std::string& what) { QTest::qFail(what.c_str(), file, line); }
}  // namespace kafkascope::test

namespace {

constexpr int kTimeoutMs = 15'000;
const QString kTopic = QString::fromStdString(script::kTopic);

QString cell(const TopicGroupsModel* model, int row, int column) {
    return model->index(row, column).data().toString();
}

// The monitor watching "billing" on orders/0 with a lag of 99.
LagSnapshotPtr billingSnapshot() {
    auto s = std::make_shared<monitor::LagSnapshot>();
    s->cycle = 1;
    monitor::GroupLag g;
    g.group_id = "billing";
    g.state = "Stable";
    g.members = 1;
    monitor::PartitionLag p;
    p.topic = script::kTopic;
    p.partition = 0;
    p.committed = 1;
    p.log_end = 100;
    p.lag = 99;
    g.partitions.push_back(p);
    s->groups.push_back(g);
    return s;
}

}  // namespace

class TopicGroupsViewTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void listsTheGroupsTheEngineFinds();
    void dropsTheAnswerForATopicNoLongerSelected();
    void namesABrokerWithoutListGroups();

private:
    // A connected bridge to `cluster`.
    std::unique_ptr<EngineBridge> connectTo(const test::FrameCluster& cluster);
};

std::unique_ptr<EngineBridge> TopicGroupsViewTest::connectTo(const test::FrameCluster& cluster) {
    auto bridge = std::make_unique<EngineBridge>();
    const QString error =
        bridge->connectToCluster(QString::fromStdString(cluster.bootstrap()), QStringLiteral("topic-groups-view-test"));
    if (!error.isEmpty()) qWarning("%s", qPrintable(error));
    return bridge;
}

void TopicGroupsViewTest::listsTheGroupsTheEngineFinds() {
    test::FrameCluster cluster({script::node_one(), script::node_two()}, script::kTopic, script::kPartitions);
    auto bridge = connectTo(cluster);
    QVERIFY(bridge->hasEngine());
    TopicGroupsView view(*bridge);
    view.setTopic(kTopic);
    QVERIFY(view.isQuerying());
    QVERIFY2(view.hintText().startsWith(QStringLiteral("Asking the cluster")), qPrintable(view.hintText()));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isQuerying(), kTimeoutMs);

    TopicGroupsModel* model = view.model();
    QCOMPARE(model->rowCount(), 2);  // "audit" commits only to payments
    QCOMPARE(cell(model, 0, TopicGroupsModel::Group), QStringLiteral("billing"));
    QCOMPARE(cell(model, 0, TopicGroupsModel::State), QStringLiteral("Stable"));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Partitions), QStringLiteral("2"));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Lag), QStringLiteral("5"));  // (15 - 10) + (20 - 20)
    QCOMPARE(cell(model, 0, TopicGroupsModel::MaxLag), QStringLiteral("5"));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Status), QStringLiteral("–"));  // no monitor history
    QVERIFY(!model->isLive(0));
    QCOMPARE(cell(model, 1, TopicGroupsModel::Group), QStringLiteral("shipping"));
    QCOMPARE(cell(model, 1, TopicGroupsModel::Lag), QStringLiteral("10"));  // 40 - 30
    QCOMPARE(view.hintText(), QString());

    // The monitor's numbers win for the group it watches; the other stays.
    view.setSnapshot(billingSnapshot());
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(model->isLive(0));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Lag), QStringLiteral("99"));
    QCOMPARE(cell(model, 0, TopicGroupsModel::Members), QStringLiteral("1"));
    QVERIFY(!model->isLive(1));
    QCOMPARE(cell(model, 1, TopicGroupsModel::Lag), QStringLiteral("10"));
    QCOMPARE(view.hintText(), QString());
}

void TopicGroupsViewTest::dropsTheAnswerForATopicNoLongerSelected() {
    test::FrameCluster cluster({script::node_one(), script::node_two()}, script::kTopic, script::kPartitions);
    auto bridge = connectTo(cluster);
    TopicGroupsView view(*bridge);
    // Both questions are in flight; only the second answer may show.
    view.setTopic(kTopic);
    view.setTopic(QStringLiteral("missing"));
    QTRY_VERIFY_WITH_TIMEOUT(!view.isQuerying(), kTimeoutMs);
    QCOMPARE(view.hintText().split(QLatin1Char('\n')).first(),
             QStringLiteral("Could not look up the groups reading missing: topic 'missing' does not exist"));
    QCOMPARE(view.model()->rowCount(), 0);
    // Once the first question has been answered too, it is still dropped.
    QTRY_COMPARE_WITH_TIMEOUT(cluster.requests(protocol::kOffsetFetchApi.key).size(), std::size_t{2}, kTimeoutMs);
    QTest::qWait(300);
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(view.hintText().split(QLatin1Char('\n')).first(),
             QStringLiteral("Could not look up the groups reading missing: topic 'missing' does not exist"));

    view.setTopic(QStringLiteral("missing-too"));
    view.setTopic(kTopic);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isQuerying(), kTimeoutMs);
    QCOMPARE(view.model()->rowCount(), 2);
    QCOMPARE(view.hintText(), QString());
    QTest::qWait(300);
    QCOMPARE(view.model()->rowCount(), 2);
    QCOMPARE(view.hintText(), QString());
}

void TopicGroupsViewTest::namesABrokerWithoutListGroups() {
    test::NodeScript bare = script::node_two();
    bare.responders.erase(protocol::kListGroupsApi.key);
    test::FrameCluster cluster({script::node_one(), bare}, script::kTopic, script::kPartitions);
    auto bridge = connectTo(cluster);
    TopicGroupsView view(*bridge);
    view.setTopic(kTopic);
    QTRY_VERIFY_WITH_TIMEOUT(!view.isQuerying(), kTimeoutMs);
    QCOMPARE(view.model()->rowCount(), 1);
    QCOMPARE(cell(view.model(), 0, TopicGroupsModel::Group), QStringLiteral("billing"));
    const QStringList lines = view.hintText().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 2);
    const QString broker = QString::fromStdString(cluster.address(2));
    QVERIFY2(lines[0].startsWith(QStringLiteral("1 of 2 broker(s) could not list their groups")), qPrintable(lines[0]));
    QVERIFY2(lines[0].contains(QStringLiteral("broker %1 does not support ListGroups").arg(broker)),
             qPrintable(lines[0]));
    QVERIFY2(lines[1].startsWith(QStringLiteral("No lag data yet: watch groups in the Lag tab")), qPrintable(lines[1]));
}

QTEST_MAIN(TopicGroupsViewTest)
#include "tst_topic_groups_view.moc"
