// The lag dashboard against a sandbox: kcat writes 20 messages into a
// 2-partition topic, a group commits part of it (engine simple commit), and
// the pane — inside the real MainWindow — fills its groups table with the
// lag, shows the group's partitions with end − committed, and its chart
// receives one point per poll. New messages show up without a model reset.

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineSeries>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <memory>

#include "bridge/engine_bridge.h"
#include "engine.h"
#include "lag/lag_dashboard_pane.h"
#include "lag/lag_groups_model.h"
#include "lag/lag_partitions_model.h"
#include "main_window.h"

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
    void followsNewMessagesInPlace();
    void cleanupTestCase();

private:
    void produce(int count);

    QTemporaryDir m_dir;
    QString m_bootstrap;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<EngineBridge> m_bridge;
    std::unique_ptr<MainWindow> m_window;
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
    const QString file = qEnvironmentVariable("KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE");
    QVERIFY2(!file.isEmpty(), "KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE is not set (run through ctest)");
    QFile bootstrapFile(file);
    QVERIFY2(bootstrapFile.open(QIODevice::ReadOnly), qPrintable(file));
    m_bootstrap = QString::fromUtf8(bootstrapFile.readLine()).trimmed();
    produce(20);

    QVERIFY(m_dir.isValid());
    m_settings = std::make_unique<QSettings>(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    m_bridge = std::make_unique<EngineBridge>();
    m_window = std::make_unique<MainWindow>(*m_bridge, *m_settings);
    QVERIFY(m_bridge->connectToCluster(m_bootstrap, QStringLiteral("lag-ui-test")).isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_bridge->state() == ConnectionState::Connected, kTimeoutMs);
    // The group has read 2 messages of each partition.
    std::vector<consumer::OffsetToCommit> offsets{{kTopic.toStdString(), 0, 2, {}}, {kTopic.toStdString(), 1, 2, {}}};
    auto committed = m_bridge->engine()->commit_offsets_sync(kGroup.toStdString(), offsets);
    QVERIFY(committed.ok());
    m_committed = {{0, 2}, {1, 2}};

    auto* tabs = m_window->findChild<QTabWidget*>();
    QVERIFY(tabs);
    for (int i = 0; i < tabs->count(); ++i) {
        if (tabs->tabText(i) == QStringLiteral("Lag")) m_pane = qobject_cast<LagDashboardPane*>(tabs->widget(i));
    }
    QVERIFY2(m_pane, "the main window has a Lag tab");
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
    auto ends = m_bridge->engine()->partition_offsets_sync({kTopic.toStdString()});
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

void LagDashboardTest::cleanupTestCase() {
    m_window.reset();
    m_bridge.reset();
    m_settings.reset();
}

QTEST_MAIN(LagDashboardTest)
#include "tst_lag_dashboard.moc"
