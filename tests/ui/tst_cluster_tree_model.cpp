// ClusterTreeModel and its filter proxy over synthetic metadata: structure,
// QAbstractItemModelTester through every kind of update, a 10,000-topic
// cluster, and the topic-name filter.
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

#include "models/cluster_filter_proxy_model.h"
#include "models/cluster_tree_model.h"
#include "synthetic_cluster.h"

using kafkascope::ClusterMetadata;
using kafkascope::PartitionOffsets;
using kafkascope::ui::ClusterFilterProxyModel;
using kafkascope::ui::ClusterTreeModel;
using kafkascope::ui::MetadataSnapshot;
using Kind = ClusterTreeModel::NodeKind;

namespace {

MetadataSnapshot snapshot(ClusterMetadata metadata) {
    return std::make_shared<const ClusterMetadata>(std::move(metadata));
}

std::vector<PartitionOffsets> offsetsFor(const ClusterMetadata& metadata, std::int64_t base) {
    std::vector<PartitionOffsets> out;
    for (const auto& topic : metadata.topics) {
        for (const auto& p : topic.partitions) out.push_back({topic.name, p.partition, base, base + 10 + p.partition, {}});
    }
    return out;
}

QStringList names(std::initializer_list<const char*> items) {
    QStringList out;
    for (const char* item : items) out.append(QString::fromUtf8(item));
    return out;
}

QString text(const QAbstractItemModel& model, const QModelIndex& parent, int row, int column) {
    return model.index(row, column, parent).data().toString();
}

}  // namespace

class ClusterTreeModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emptyModelHasNoRows();
    void showsBrokersAndTopics();
    void testerThroughUpdates();
    void sameShapeUpdateDoesNotReset();
    void newShapeResetsAndKeepsOffsets();
    void manyChangedTopicsEmitOneLayoutChange();
    void offsetErrorsAndUnknownTopics();
    void tenThousandTopics();
    void filterByName_data();
    void filterByName();
    void filterHidesTopicsGroupWhenNothingMatches();
};

void ClusterTreeModelTest::emptyModelHasNoRows() {
    ClusterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.brokersIndex().isValid());
}

void ClusterTreeModelTest::showsBrokersAndTopics() {
    ClusterTreeModel model;
    model.setMetadata(snapshot(kafkascope::test::makeCluster(0)));
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex brokers = model.brokersIndex();
    const QModelIndex topics = model.topicsIndex();
    QCOMPARE(brokers.data().toString(), QStringLiteral("Brokers (3)"));
    QCOMPARE(topics.data().toString(), QStringLiteral("Topics (4)"));
    QCOMPARE(model.rowCount(brokers), 3);
    QCOMPARE(ClusterTreeModel::kindOf(model.index(0, 0, brokers)), Kind::Broker);
    QCOMPARE(text(model, brokers, 0, ClusterTreeModel::NameColumn), QStringLiteral("Broker 1"));
    const QString controller = text(model, brokers, 1, ClusterTreeModel::DetailsColumn);
    QVERIFY2(controller.contains(QStringLiteral("broker2.example:9092")), qPrintable(controller));
    QVERIFY2(controller.contains(QStringLiteral("controller")), qPrintable(controller));
    QVERIFY(controller.contains(QStringLiteral("rack-2")));
    QVERIFY(model.index(1, 0, brokers).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!text(model, brokers, 0, ClusterTreeModel::DetailsColumn).contains(QStringLiteral("controller")));

    const QModelIndex orders = model.topicIndex(QStringLiteral("orders"));
    QVERIFY(orders.isValid());
    QCOMPARE(orders.parent(), topics);
    QCOMPARE(model.rowCount(orders), 6);
    QCOMPARE(orders.data(ClusterTreeModel::PartitionCountRole).toInt(), 6);
    QCOMPARE(text(model, topics, orders.row(), ClusterTreeModel::DetailsColumn), QStringLiteral("6 partitions · RF 3"));
    QCOMPARE(text(model, orders, 4, ClusterTreeModel::NameColumn), QStringLiteral("Partition 4"));
    QCOMPARE(text(model, orders, 4, ClusterTreeModel::LeaderColumn), QStringLiteral("2"));
    QCOMPARE(text(model, orders, 4, ClusterTreeModel::ReplicasColumn), QStringLiteral("1, 2, 3"));
    QCOMPARE(text(model, orders, 4, ClusterTreeModel::IsrColumn), QStringLiteral("1, 2, 3"));
    QCOMPARE(text(model, orders, 4, ClusterTreeModel::MessagesColumn), QString());  // offsets not known yet
}

void ClusterTreeModelTest::testerThroughUpdates() {
    ClusterTreeModel model;
    ClusterFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(ClusterTreeModel::NameColumn);
    QAbstractItemModelTester modelTester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    ClusterMetadata metadata = kafkascope::test::makeCluster(40);
    model.setMetadata(snapshot(metadata));
    model.setOffsets(offsetsFor(metadata, 5));
    metadata.topics[2].partitions[1].leader = -1;  // same shape, new state
    metadata.topics[2].partitions[1].isr = {3};
    model.setMetadata(snapshot(metadata));
    model.setOffsets(offsetsFor(metadata, 7));  // 44 topics changed: fine-grained signals
    proxy.setTopicFilter(QStringLiteral("t0001"));
    metadata.topics.push_back(kafkascope::test::makeTopic("zeta", 4));  // new shape
    model.setMetadata(snapshot(metadata));
    proxy.setTopicFilter(QString());
    proxy.sort(ClusterTreeModel::MessagesColumn, Qt::DescendingOrder);
    model.setOffsets(offsetsFor(metadata, 9));
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void ClusterTreeModelTest::sameShapeUpdateDoesNotReset() {
    ClusterTreeModel model;
    ClusterMetadata metadata = kafkascope::test::makeCluster(10);
    model.setMetadata(snapshot(metadata));
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QCOMPARE(metadata.topics[2].name, std::string("orders"));
    metadata.topics[2].partitions[3].leader = 2;  // "orders" partition 3 moves from broker 1 to 2
    model.setMetadata(snapshot(metadata));
    QCOMPARE(resets.count(), 0);
    QVERIFY(changes.count() >= 1);
    QVERIFY(changes.count() <= 3);  // brokers range, topic row, its partitions: no per-row storm
    const QModelIndex orders = model.topicIndex(QStringLiteral("orders"));
    QCOMPARE(text(model, orders, 3, ClusterTreeModel::LeaderColumn), QStringLiteral("2"));

    changes.clear();
    model.setMetadata(snapshot(metadata));  // nothing changed: nothing to repaint
    QCOMPARE(changes.count(), 0);
}

void ClusterTreeModelTest::newShapeResetsAndKeepsOffsets() {
    ClusterTreeModel model;
    ClusterMetadata metadata = kafkascope::test::makeCluster(0);
    model.setMetadata(snapshot(metadata));
    model.setOffsets(offsetsFor(metadata, 100));
    const QModelIndex orders = model.topicIndex(QStringLiteral("orders"));
    // Partitions 0..5 hold 10..15 messages.
    QCOMPARE(orders.data(ClusterTreeModel::MessageCountRole).toLongLong(), 75);

    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    metadata.topics.insert(metadata.topics.begin() + 1, kafkascope::test::makeTopic("alpha", 2));
    model.setMetadata(snapshot(metadata));
    QCOMPARE(resets.count(), 1);
    QCOMPARE(model.topicIndex(QStringLiteral("orders")).data(ClusterTreeModel::MessageCountRole).toLongLong(), 75);
    QCOMPARE(model.topicIndex(QStringLiteral("alpha")).data(ClusterTreeModel::MessageCountRole).toLongLong(), -1);
    const QModelIndex moved = model.topicIndex(QStringLiteral("orders"));
    QCOMPARE(text(model, moved, 5, ClusterTreeModel::FirstOffsetColumn), QStringLiteral("100"));
    QCOMPARE(text(model, moved, 5, ClusterTreeModel::LastOffsetColumn), QStringLiteral("115"));
    QCOMPARE(text(model, moved, 5, ClusterTreeModel::MessagesColumn), QStringLiteral("15"));
}

void ClusterTreeModelTest::manyChangedTopicsEmitOneLayoutChange() {
    ClusterTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const ClusterMetadata metadata = kafkascope::test::makeCluster(500);
    model.setMetadata(snapshot(metadata));
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy layouts(&model, &QAbstractItemModel::layoutChanged);
    model.setOffsets(offsetsFor(metadata, 1));
    QCOMPARE(layouts.count(), 1);
    QCOMPARE(changes.count(), 0);
    QCOMPARE(model.topicIndex(QStringLiteral("t00499")).data(ClusterTreeModel::MessageCountRole).toLongLong(), 33);
}

void ClusterTreeModelTest::offsetErrorsAndUnknownTopics() {
    ClusterTreeModel model;
    model.setMetadata(snapshot(kafkascope::test::makeCluster(0)));
    std::vector<PartitionOffsets> offsets;
    offsets.push_back({"payments", 0, 0, 42, {}});
    offsets.push_back({"payments", 1, -1, -1,
                       kafkascope::Error(kafkascope::client_errc::request_timeout, "ListOffsets to broker 2 timed out")});
    offsets.push_back({"payments", 99, 0, 1, {}});     // no such partition
    offsets.push_back({"not-a-topic", 0, 0, 1, {}});  // not in metadata
    model.setOffsets(offsets);
    const QModelIndex payments = model.topicIndex(QStringLiteral("payments"));
    QCOMPARE(payments.data(ClusterTreeModel::MessageCountRole).toLongLong(), 42);
    QCOMPARE(text(model, payments, 0, ClusterTreeModel::MessagesColumn), QStringLiteral("42"));
    QCOMPARE(text(model, payments, 1, ClusterTreeModel::DetailsColumn), QStringLiteral("offsets unavailable"));
    QCOMPARE(model.index(1, 0, payments).data(Qt::ToolTipRole).toString(),
             QStringLiteral("ListOffsets to broker 2 timed out"));
}

void ClusterTreeModelTest::tenThousandTopics() {
    ClusterTreeModel model;
    ClusterFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(ClusterTreeModel::NameColumn);
    const ClusterMetadata metadata = kafkascope::test::makeCluster(10'000, 3);
    model.setMetadata(snapshot(metadata));
    model.setOffsets(offsetsFor(metadata, 0));

    QCOMPARE(model.rowCount(model.topicsIndex()), 10'004);
    const QModelIndex topics = proxy.mapFromSource(model.topicsIndex());
    QCOMPARE(proxy.rowCount(topics), 10'004);

    proxy.setTopicFilter(QStringLiteral("t0999"));  // t09990..t09999
    QCOMPARE(proxy.rowCount(proxy.mapFromSource(model.topicsIndex())), 10);
    const QModelIndex first = proxy.index(0, 0, proxy.mapFromSource(model.topicsIndex()));
    QCOMPARE(first.data().toString(), QStringLiteral("t09990"));
    QCOMPARE(proxy.rowCount(first), 3);
    proxy.setTopicFilter(QString());
    QCOMPARE(proxy.rowCount(proxy.mapFromSource(model.topicsIndex())), 10'004);

    // Once more through the tester, which walks every index of the tree.
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setOffsets(offsetsFor(metadata, 3));
}

void ClusterTreeModelTest::filterByName_data() {
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("empty shows all") << QString() << names({"ORDERS-archive", "audit", "orders", "payments"});
    QTest::newRow("case-insensitive substring") << QStringLiteral("order") << names({"ORDERS-archive", "orders"});
    QTest::newRow("whitespace trimmed") << QStringLiteral("  pay ") << names({"payments"});
    QTest::newRow("middle of name") << QStringLiteral("DIT") << names({"audit"});
}

void ClusterTreeModelTest::filterByName() {
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    ClusterTreeModel model;
    ClusterFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(ClusterTreeModel::NameColumn);
    model.setMetadata(snapshot(kafkascope::test::makeCluster(0)));
    proxy.setTopicFilter(filter);

    const QModelIndex topics = proxy.mapFromSource(model.topicsIndex());
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(topics); ++row) {
        const QModelIndex topic = proxy.index(row, 0, topics);
        shown.append(topic.data().toString());
        // A matching topic brings all its partitions along.
        QCOMPARE(proxy.rowCount(topic), topic.data(ClusterTreeModel::PartitionCountRole).toInt());
    }
    QCOMPARE(shown, expected);
    // Brokers are never filtered away.
    QCOMPARE(proxy.rowCount(proxy.mapFromSource(model.brokersIndex())), 3);
}

void ClusterTreeModelTest::filterHidesTopicsGroupWhenNothingMatches() {
    ClusterTreeModel model;
    ClusterFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    model.setMetadata(snapshot(kafkascope::test::makeCluster(5)));
    proxy.setTopicFilter(QStringLiteral("no-such-topic"));
    QCOMPARE(proxy.rowCount(), 1);
    QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Brokers (3)"));
}

QTEST_MAIN(ClusterTreeModelTest)
#include "tst_cluster_tree_model.moc"
