// The "groups reading a topic" model merges its two sources: the lag
// monitor's snapshot (live numbers, status) and the engine's one-off answer
// for the topic (every group with commits on it). A group in both shows the
// monitor's numbers; a group only in the answer shows its lag with no
// status; an answer for another topic is ignored; rows stay sorted by group.
// The offscreen view test against the sandbox is in tst_lag_dashboard.cpp.

#include <QAbstractItemModelTester>
#include <QtTest>
#include <memory>

#include "lag/topic_groups_model.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {

QString cell(const TopicGroupsModel& model, int row, int column) {
    return model.index(row, column).data().toString();
}

// The monitor watches "billing", which reads orders/0 with lag 7 (STALL).
LagSnapshotPtr snapshot() {
    auto s = std::make_shared<monitor::LagSnapshot>();
    s->cycle = 4;
    monitor::GroupLag g;
    g.group_id = "billing";
    g.state = "Stable";
    g.members = 2;
    monitor::PartitionLag p;
    p.topic = "orders";
    p.partition = 0;
    p.committed = 3;
    p.log_end = 10;
    p.lag = 7;
    p.status = monitor::LagStatus::stall;
    g.partitions.push_back(p);
    s->groups.push_back(g);
    return s;
}

// The engine found "billing" (with older numbers) and "audit" on orders.
TopicGroupsResultPtr answer(const std::string& topic) {
    auto r = std::make_shared<admin::TopicGroupsResult>();
    r->topic = topic;
    admin::TopicGroupLag audit;
    audit.group_id = "audit";
    audit.state = "Empty";
    audit.partitions = {{0, 4, 10, 6, {}}, {1, 1, 5, 4, {}}};
    audit.total_lag = 10;
    audit.max_lag = 6;
    admin::TopicGroupLag billing;
    billing.group_id = "billing";
    billing.state = "Stable";
    billing.partitions = {{0, 1, 10, 9, {}}};
    billing.total_lag = 9;
    billing.max_lag = 9;
    r->groups = {audit, billing};
    return r;
}

}  // namespace

class TopicGroupsModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void monitorNumbersWinAndQueriedGroupsAreAdded() {
        TopicGroupsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSources(snapshot(), answer("orders"), QStringLiteral("orders"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, TopicGroupsModel::Group), QStringLiteral("audit"));
        QVERIFY(!model.isLive(0));
        QCOMPARE(cell(model, 0, TopicGroupsModel::State), QStringLiteral("Empty"));
        QCOMPARE(cell(model, 0, TopicGroupsModel::Partitions), QStringLiteral("2"));
        QCOMPARE(cell(model, 0, TopicGroupsModel::Lag), QStringLiteral("10"));
        QCOMPARE(cell(model, 0, TopicGroupsModel::MaxLag), QStringLiteral("6"));
        QCOMPARE(cell(model, 0, TopicGroupsModel::Members), QStringLiteral("–"));
        QCOMPARE(cell(model, 0, TopicGroupsModel::Status), QStringLiteral("–"));

        QCOMPARE(cell(model, 1, TopicGroupsModel::Group), QStringLiteral("billing"));
        QVERIFY(model.isLive(1));
        QCOMPARE(cell(model, 1, TopicGroupsModel::Lag), QStringLiteral("7"));  // the monitor's, not the query's 9
        QCOMPARE(cell(model, 1, TopicGroupsModel::Members), QStringLiteral("2"));
        QCOMPARE(cell(model, 1, TopicGroupsModel::Status), QStringLiteral("STALL"));
    }

    void answerAloneOrForAnotherTopic() {
        TopicGroupsModel model;
        model.setSources(nullptr, answer("orders"), QStringLiteral("orders"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 1, TopicGroupsModel::Lag), QStringLiteral("9"));
        QVERIFY(!model.isLive(1));
        // An answer for the topic selected before is not shown for this one.
        model.setSources(nullptr, answer("orders"), QStringLiteral("payments"));
        QCOMPARE(model.rowCount(), 0);
        // Monitor only, as before the engine could be asked.
        model.setTopic(snapshot(), QStringLiteral("orders"));
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(model.isLive(0));
    }

    void partitionErrorShowsAsError() {
        auto r = std::make_shared<admin::TopicGroupsResult>();
        r->topic = "orders";
        admin::TopicGroupLag g;
        g.group_id = "late";
        g.partitions = {{0, 4, -1, -1, Error(client_errc::request_timeout, "ListOffsets timed out")}};
        r->groups = {g};
        TopicGroupsModel model;
        model.setSources(nullptr, r, QStringLiteral("orders"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, TopicGroupsModel::Status), QStringLiteral("ERROR"));
        QCOMPARE(model.index(0, TopicGroupsModel::Lag).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("ListOffsets timed out"));
    }
};

QTEST_MAIN(TopicGroupsModelTest)
#include "tst_topic_groups_model.moc"
