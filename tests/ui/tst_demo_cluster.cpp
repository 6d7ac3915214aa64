// The main window against a real kafkascope-sandbox: demo mode's
// SandboxProcess starts it (or, under the CTest fixture, the bootstrap comes
// from KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE), and the cluster tree, offsets,
// filter and broker API versions fill from it.
#include <QAction>
#include <QDeadlineTimer>
#include <QTabWidget>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTreeView>
#include <QLabel>
#include <QtTest>
#include <memory>
#include <set>

#include "bridge/engine_bridge.h"
#include "browser/browser_pane.h"
#include "browser/message_table_model.h"
#include "demo/sandbox_process.h"
#include "main_window.h"
#include "models/api_versions_model.h"
#include "models/cluster_filter_proxy_model.h"
#include "models/cluster_tree_model.h"
#include "panes/broker_details_view.h"
#include "panes/cluster_pane.h"

using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 30'000;
}

class DemoClusterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void treeShowsBrokersAndTopics();
    void offsetsShowSeededMessages();
    void filterNarrowsTopics();
    void brokerDetailsListApiVersions();
    void browseFromTheTreeOpensTopicOrPartition();
    void cleanupTestCase();

private:
    QString obtainBootstrap();

    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<SandboxProcess> m_sandbox;
    std::unique_ptr<EngineBridge> m_bridge;
    std::unique_ptr<MainWindow> m_window;
    ClusterTreeModel* m_model = nullptr;
};

QString DemoClusterTest::obtainBootstrap() {
    const QString file = qEnvironmentVariable("KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE");
    if (!file.isEmpty()) {
        QFile bootstrapFile(file);
        if (!bootstrapFile.open(QIODevice::ReadOnly)) return {};
        return QString::fromUtf8(bootstrapFile.readLine()).trimmed();
    }
    m_sandbox = std::make_unique<SandboxProcess>();
    QSignalSpy ready(m_sandbox.get(), &SandboxProcess::ready);
    QSignalSpy failed(m_sandbox.get(), &SandboxProcess::failed);
    m_sandbox->start(SandboxProcess::demoArguments());
    QDeadlineTimer deadline(60'000);
    while (ready.isEmpty() && failed.isEmpty() && !deadline.hasExpired()) QTest::qWait(50);
    if (!failed.isEmpty()) {
        qWarning("sandbox failed: %s", qPrintable(failed.at(0).at(0).toString()));
        return {};
    }
    return ready.at(0).at(0).toString();
}

void DemoClusterTest::initTestCase() {
    QVERIFY(m_dir.isValid());
    const QString bootstrap = obtainBootstrap();
    QVERIFY2(!bootstrap.isEmpty(), "no sandbox cluster to test against");
    qInfo("sandbox at %s", qPrintable(bootstrap));
    if (m_sandbox) QVERIFY(m_sandbox->isRunning());

    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    m_bridge = std::make_unique<EngineBridge>();
    m_window = std::make_unique<MainWindow>(*m_bridge, *m_settings);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_model = m_window->clusterPane()->model();
    QVERIFY(m_window->connectTo(bootstrap, QStringLiteral("kafkascope-ui-test")));
}

void DemoClusterTest::treeShowsBrokersAndTopics() {
    QTRY_VERIFY_WITH_TIMEOUT(m_model->metadata() != nullptr, kTimeoutMs);
    QCOMPARE(m_bridge->state(), ConnectionState::Connected);
    const QString status = m_window->statusText();
    QVERIFY2(status.startsWith(QStringLiteral("Connected")) || status.startsWith(QStringLiteral("Offsets unavailable")),
             qPrintable(status));

    const QModelIndex brokers = m_model->brokersIndex();
    QCOMPARE(m_model->rowCount(brokers), 3);
    for (int row = 0; row < 3; ++row) {
        const QModelIndex broker = m_model->index(row, ClusterTreeModel::DetailsColumn, brokers);
        QVERIFY2(broker.data().toString().startsWith(QStringLiteral("127.0.0.1:")), qPrintable(broker.data().toString()));
    }
    const std::pair<const char*, int> expected[] = {{"orders", 6}, {"audit", 1}, {"payments", 3}};
    for (const auto& [name, partitions] : expected) {
        const QModelIndex topic = m_model->topicIndex(QString::fromUtf8(name));
        QVERIFY2(topic.isValid(), name);
        QCOMPARE(m_model->rowCount(topic), partitions);
        QCOMPARE(topic.data(ClusterTreeModel::PartitionCountRole).toInt(), partitions);
        for (int p = 0; p < partitions; ++p) {
            const QString leader = m_model->index(p, ClusterTreeModel::LeaderColumn, topic).data().toString();
            QVERIFY2(leader.toInt() >= 1 && leader.toInt() <= 3, qPrintable(leader));
        }
    }
    // The view shows the groups expanded.
    QTreeView* view = m_window->clusterPane()->view();
    auto* proxy = m_window->clusterPane()->proxyModel();
    QVERIFY(view->isExpanded(proxy->mapFromSource(m_model->topicsIndex())));
}

void DemoClusterTest::offsetsShowSeededMessages() {
    const char* const topics[] = {"orders", "audit", "payments"};
    // Settled: every partition shows either its offsets or why it has none.
    const auto settled = [&] {
        for (const char* name : topics) {
            const QModelIndex topic = m_model->topicIndex(QString::fromUtf8(name));
            for (int p = 0; p < m_model->rowCount(topic); ++p) {
                if (m_model->index(p, ClusterTreeModel::LastOffsetColumn, topic).data().toString().isEmpty() &&
                    m_model->index(p, ClusterTreeModel::DetailsColumn, topic).data().toString().isEmpty())
                    return false;
            }
        }
        return true;
    };
    OffsetsSnapshot lastOffsets;
    connect(m_bridge.get(), &EngineBridge::offsetsReady, this,
            [&lastOffsets](quint64, const OffsetsSnapshot& offsets) { lastOffsets = offsets; });
    QDeadlineTimer deadline(kTimeoutMs);
    while (!settled() && !deadline.hasExpired()) QTest::qWait(50);
    if (!settled() && lastOffsets) {
        for (const auto& entry : *lastOffsets) {
            qInfo("engine offsets: %s/%d first %lld last %lld error '%s'", entry.topic.c_str(), entry.partition,
                  static_cast<long long>(entry.first), static_cast<long long>(entry.last), entry.error.message.c_str());
        }
    }
    QVERIFY2(settled(), m_bridge->isBusy(RequestKind::Offsets)
                            ? "the engine did not answer partition_offsets within 30 s"
                            : "offsets arrived but some partitions show neither offsets nor an error");
    qint64 total = 0;
    for (const char* name : topics) {
        const QModelIndex topic = m_model->topicIndex(QString::fromUtf8(name));
        for (int p = 0; p < m_model->rowCount(topic); ++p) {
            const QModelIndex last = m_model->index(p, ClusterTreeModel::LastOffsetColumn, topic);
            QVERIFY2(!last.data().toString().isEmpty(),
                     qPrintable(QStringLiteral("%1/%2: %3").arg(QString::fromUtf8(name)).arg(p).arg(
                         m_model->index(p, 0, topic).data(Qt::ToolTipRole).toString())));
        }
        total += m_model->index(topic.row(), 0, topic.parent()).data(ClusterTreeModel::MessageCountRole).toLongLong();
    }
    QVERIFY2(total > 0, "--seed-data writes demo records to every topic");
}

void DemoClusterTest::filterNarrowsTopics() {
    ClusterPane* pane = m_window->clusterPane();
    QTest::keyClicks(pane->filterEdit(), QStringLiteral("PAY"));
    auto* proxy = pane->proxyModel();
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(proxy->mapFromSource(m_model->topicsIndex())), 1, 5'000);
    const QModelIndex topics = proxy->mapFromSource(m_model->topicsIndex());
    QCOMPARE(proxy->index(0, 0, topics).data().toString(), QStringLiteral("payments"));
    QCOMPARE(proxy->rowCount(proxy->index(0, 0, topics)), 3);
    pane->filterEdit()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(proxy->mapFromSource(m_model->topicsIndex())), 3, 5'000);
}

void DemoClusterTest::brokerDetailsListApiVersions() {
    ClusterPane* pane = m_window->clusterPane();
    const QModelIndex broker = m_model->index(0, 0, m_model->brokersIndex());
    pane->view()->setCurrentIndex(pane->proxyModel()->mapFromSource(broker));
    BrokerDetailsView* details = m_window->brokerDetails();
    QCOMPARE(details->brokerId(), broker.data(ClusterTreeModel::BrokerIdRole).toInt());
    QTRY_VERIFY_WITH_TIMEOUT(details->model()->rowCount() > 0, kTimeoutMs);
    bool metadataChosen = false;
    for (const auto& row : details->model()->rows()) {
        if (row.name == "Metadata") metadataChosen = row.chosen >= 0 && row.broker_max >= row.chosen;
    }
    QVERIFY2(metadataChosen, "the Metadata API must have a chosen version");
    // How the connection is secured is stated next to the versions.
    const auto subtitle = details->findChildren<QLabel*>();
    bool stated = false;
    for (QLabel* label : subtitle) stated = stated || label->text().contains(QStringLiteral("plaintext · no SASL"));
    QVERIFY2(stated, "the broker details state plaintext / no SASL for the demo cluster");
}

// "Browse messages" on a tree row opens the Browse tab on that topic (every
// message the tree counts) or on that partition only.
void DemoClusterTest::browseFromTheTreeOpensTopicOrPartition() {
    ClusterPane* pane = m_window->clusterPane();
    QTreeView* view = pane->view();
    auto* browse = view->findChild<QAction*>(QStringLiteral("browseMessagesAction"));
    QVERIFY(browse);
    BrowserPane* browser = m_window->browserPane();
    const QModelIndex orders = m_model->topicIndex(QStringLiteral("orders"));
    QTRY_VERIFY_WITH_TIMEOUT(orders.data(ClusterTreeModel::MessageCountRole).toLongLong() > 0, kTimeoutMs);
    const qint64 total = orders.data(ClusterTreeModel::MessageCountRole).toLongLong();

    view->setCurrentIndex(pane->proxyModel()->mapFromSource(orders));
    browse->trigger();
    QCOMPARE(m_window->tabs()->currentWidget(), browser);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(browser->model()->rowCount()), total, kTimeoutMs);
    std::set<int> partitions;
    for (int row = 0; row < browser->model()->rowCount(); ++row) {
        partitions.insert(browser->model()->index(row, MessageTableModel::PartitionColumn).data().toInt());
    }
    QVERIFY(partitions.size() > 1);

    const QModelIndex partition2 = m_model->index(2, 0, orders);
    const qint64 inPartition2 = partition2.data(ClusterTreeModel::MessageCountRole).toLongLong();
    QVERIFY(inPartition2 > 0);
    m_window->tabs()->setCurrentIndex(0);
    view->setCurrentIndex(pane->proxyModel()->mapFromSource(partition2));
    browse->trigger();
    QCOMPARE(m_window->tabs()->currentWidget(), browser);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(browser->model()->rowCount()), inPartition2, kTimeoutMs);
    for (int row = 0; row < browser->model()->rowCount(); ++row) {
        QCOMPARE(browser->model()->index(row, MessageTableModel::PartitionColumn).data().toInt(), 2);
    }
}

void DemoClusterTest::cleanupTestCase() {
    m_window.reset();
    m_bridge.reset();
    if (m_sandbox) {
        m_sandbox->stop();
        QVERIFY(!m_sandbox->isRunning());
    }
}

QTEST_MAIN(DemoClusterTest)
#include "tst_demo_cluster.moc"
