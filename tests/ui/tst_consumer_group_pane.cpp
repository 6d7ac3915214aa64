// The consumer-group pane against a sandbox from the CTest fixture
// (KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE), in the real main window, offscreen,
// with kcat as the independent peer. kcat writes 300 keyed messages with a
// header to the 3-partition topic "groupin"; the pane joins a group through
// its form and its table receives every one of them; the partitions table
// shows lag 0 once they are read; a commit of selected rows and of
// everything fetched shows up in Engine::committed_offsets_sync; messages
// marked failed reach the dead-letter topic (read back with kcat) with the
// origin header; messages produced while joined arrive too and
// auto-commit stores them; leave returns at once and the group is left;
// a new engine closes the reader. The messages model runs under
// QAbstractItemModelTester throughout, and its row cap is checked alone.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <map>
#include <memory>

#include "fixture_bootstrap.h"
#include "main_window_harness.h"
#include "bridge/engine_bridge.h"
#include "consumer/assigned_partitions_model.h"
#include "consumer/consumer_group_pane.h"
#include "consumer/dead_letter.h"
#include "consumer/group_messages_model.h"
#include "consumer/group_settings_form.h"
#include "engine.h"
#include "main_window.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 60'000;
const QString kTopic = QStringLiteral("groupin");
const QString kDeadLetterTopic = QStringLiteral("deadletters");
const QString kGroup = QStringLiteral("ui-pane-group");
constexpr int kFirstBatch = 300;
constexpr int kSecondBatch = 200;
}  // namespace

class ConsumerGroupPaneTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelKeepsOnlyTheNewestRows();
    void deadLetterOriginRoundTrips();
    void settingsFormCoversEveryKnob();
    void joinReceivesEveryMessage();
    void partitionsShowLagZeroAfterReading();
    void commitSelectedAndAllShowUpInTheGroup();
    void failedMessagesGoToTheDeadLetterTopic();
    void messagesProducedWhileJoinedArriveAndAutoCommit();
    void leaveDoesNotBlockAndLeavesTheGroup();
    void newEngineClosesTheReader();
    void cleanupTestCase();

private:
    template <class T>
    T* child(const char* name) {
        return kafkascope::test::namedChild<T>(m_pane, name);
    }
    bool produce(int first, int count);
    std::map<int, qint64> committedOffsets();
    void selectRows(const std::vector<int>& rows);

    QTemporaryDir m_dir;  // for settings files of the cases' own
    QString m_bootstrap;
    kafkascope::test::MainWindowHarness m_ui;
    ConsumerGroupPane* m_pane = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

bool ConsumerGroupPaneTest::produce(int first, int count) {
    // kcat, the independent peer: keys k<i>, values v<i>, one header.
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-P"), QStringLiteral("-t"),
                                        kTopic, QStringLiteral("-K:"), QStringLiteral("-H"),
                                        QStringLiteral("source=kcat")});
    if (!kcat.waitForStarted(kTimeoutMs)) return false;
    QByteArray lines;
    for (int i = first; i < first + count; ++i) {
        lines += QByteArray("k") + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    }
    kcat.write(lines);
    kcat.closeWriteChannel();
    return kcat.waitForFinished(kTimeoutMs) && kcat.exitCode() == 0;
}

std::map<int, qint64> ConsumerGroupPaneTest::committedOffsets() {
    std::map<int, qint64> out;
    Engine* engine = m_ui.bridge().engine();
    if (!engine) return out;
    auto committed = engine->committed_offsets_sync(kGroup.toStdString(), {kTopic.toStdString()});
    if (!committed) return out;
    for (const auto& c : *committed) out[c.partition] = c.offset;
    return out;
}

void ConsumerGroupPaneTest::selectRows(const std::vector<int>& rows) {
    QTableView* view = m_pane->messagesView();
    view->clearSelection();
    for (int row : rows) {
        view->selectionModel()->select(m_pane->messagesModel()->index(row, 0),
                                       QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
}

void ConsumerGroupPaneTest::initTestCase() {
    QString why;
    m_bootstrap = kafkascope::test::fixtureBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
    QVERIFY2(produce(0, kFirstBatch), "kcat could not produce");

    m_pane = m_ui.open<ConsumerGroupPane>();
    QVERIFY(m_pane);
    m_tester = std::make_unique<QAbstractItemModelTester>(m_pane->messagesModel(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(m_ui.showAndConnect(m_bootstrap, QStringLiteral("kafkascope-group-pane-test")));
    QTRY_VERIFY_WITH_TIMEOUT(child<QComboBox>("deadLetterTopic")->findText(kDeadLetterTopic) >= 0, kTimeoutMs);
}

void ConsumerGroupPaneTest::modelKeepsOnlyTheNewestRows() {
    GroupMessagesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxRows(100);
    std::vector<consumer::Message> batch(70);
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 70; ++i) {
            batch[static_cast<std::size_t>(i)].topic = "t";
            batch[static_cast<std::size_t>(i)].offset = round * 70 + i;
        }
        model.append(batch);
    }
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.droppedRows(), qint64{110});
    QCOMPARE(model.index(0, GroupMessagesModel::Offset).data().toLongLong(), qint64{110});
    QCOMPARE(model.index(99, GroupMessagesModel::Offset).data().toLongLong(), qint64{209});
    // Serials still find rows after the top ones were dropped.
    const quint64 serial = model.serial(50);
    QCOMPARE(model.rowOfSerial(serial), 50);
    QCOMPARE(model.rowOfSerial(1), -1);  // dropped long ago
    // A batch larger than the cap keeps its newest rows only.
    std::vector<consumer::Message> big(250);
    for (int i = 0; i < 250; ++i) big[static_cast<std::size_t>(i)].offset = 1000 + i;
    model.append(big);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.index(0, GroupMessagesModel::Offset).data().toLongLong(), qint64{1150});
    // Committed state follows the partition's committed offset.
    model.setCommitted("", 0, 1200);
    QCOMPARE(model.index(49, GroupMessagesModel::State).data().toString(), QStringLiteral("committed"));
    QCOMPARE(model.index(50, GroupMessagesModel::State).data().toString(), QString());
    // Values that are not UTF-8 show as hex.
    QCOMPARE(GroupMessagesModel::preview(protocol::Bytes{0xff, 0x00, 0x10}, 40), QStringLiteral("0xff0010"));
    QCOMPARE(GroupMessagesModel::preview(std::nullopt, 40), QStringLiteral("(null)"));
}

void ConsumerGroupPaneTest::deadLetterOriginRoundTrips() {
    consumer::Message m;
    m.topic = "orders.v2";
    m.partition = 7;
    m.offset = 123456789012;
    const auto origin = parseDeadLetterOrigin(deadLetterOriginValue(m));
    QVERIFY(origin.has_value());
    QCOMPARE(origin->topic, std::string("orders.v2"));
    QCOMPARE(origin->partition, 7);
    QCOMPARE(origin->offset, qint64{123456789012});
    QVERIFY(!parseDeadLetterOrigin("orders/x/1"));
    QVERIFY(!parseDeadLetterOrigin("orders/1"));
    QVERIFY(!topicNameProblem(QStringLiteral("bad topic")).isEmpty());
    QVERIFY(topicNameProblem(QStringLiteral("good_topic-1.x")).isEmpty());
}

void ConsumerGroupPaneTest::settingsFormCoversEveryKnob() {
    // Defaults are kafka-go's, read back from the form.
    GroupSettingsForm form;
    consumer::GroupReaderConfig c = form.config();
    const consumer::GroupReaderConfig d;
    QCOMPARE(c.queue_capacity, d.queue_capacity);
    QCOMPARE(c.max_wait.count(), d.max_wait.count());
    QCOMPARE(c.session_timeout.count(), d.session_timeout.count());
    QCOMPARE(c.group_balancers, d.group_balancers);
    QCOMPARE(c.start_offset, d.start_offset);
    QString error;
    form.config(&error);
    QCOMPARE(error, QStringLiteral("Enter a group id."));

    // Every knob changed, saved and restored into a fresh form.
    c.group_id = "g";
    c.topics = {"a", "b"};
    c.queue_capacity = 7;
    c.commit_interval = std::chrono::milliseconds(1500);
    c.start_offset = consumer::last_offset;
    c.min_bytes = 10;
    c.max_bytes = 20'000;
    c.max_wait = std::chrono::milliseconds(250);
    c.heartbeat_interval = std::chrono::milliseconds(700);
    c.session_timeout = std::chrono::milliseconds(9000);
    c.rebalance_timeout = std::chrono::milliseconds(12000);
    c.group_balancers = {"roundrobin"};
    c.group_instance_id = "member-1";
    c.isolation = consumer::IsolationLevel::read_committed;
    c.commit_retries = 5;
    form.setConfig(c);
    QSettings settings(m_dir.filePath(QStringLiteral("form.ini")), QSettings::IniFormat);
    form.save(settings, QStringLiteral("g"));
    GroupSettingsForm other;
    other.restore(settings, QStringLiteral("g"));
    const consumer::GroupReaderConfig r = other.config(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(r.group_id, c.group_id);
    QCOMPARE(r.topics, c.topics);
    QCOMPARE(r.queue_capacity, c.queue_capacity);
    QCOMPARE(r.commit_interval.count(), c.commit_interval.count());
    QCOMPARE(r.start_offset, c.start_offset);
    QCOMPARE(r.min_bytes, c.min_bytes);
    QCOMPARE(r.max_bytes, c.max_bytes);
    QCOMPARE(r.max_wait.count(), c.max_wait.count());
    QCOMPARE(r.heartbeat_interval.count(), c.heartbeat_interval.count());
    QCOMPARE(r.session_timeout.count(), c.session_timeout.count());
    QCOMPARE(r.rebalance_timeout.count(), c.rebalance_timeout.count());
    QCOMPARE(r.group_balancers, c.group_balancers);
    QCOMPARE(r.group_instance_id, c.group_instance_id);
    QVERIFY(r.isolation == c.isolation);
    QCOMPARE(r.commit_retries, c.commit_retries);

    // Heartbeat not below the session timeout is refused with a reason.
    c.heartbeat_interval = c.session_timeout;
    other.setConfig(c);
    other.config(&error);
    QVERIFY2(error.contains(QStringLiteral("heartbeat")), qPrintable(error));
}

void ConsumerGroupPaneTest::joinReceivesEveryMessage() {
    // Through the pane's own fields. The mock holds an empty fetch for all
    // of max wait and forms a group slowly: short waits and timeouts.
    child<QLineEdit>("groupId")->setText(kGroup);
    child<QLineEdit>("topics")->setText(kTopic);
    child<QSpinBox>("maxWait")->setValue(300);
    child<QSpinBox>("heartbeatInterval")->setValue(500);
    child<QSpinBox>("sessionTimeout")->setValue(6000);
    child<QSpinBox>("rebalanceTimeout")->setValue(10000);
    child<QSpinBox>("joinGroupBackoff")->setValue(500);
    QSignalSpy batches(m_pane->readerBridge(), &GroupReaderBridge::messagesReceived);
    QTest::mouseClick(child<QPushButton>("joinButton"), Qt::LeftButton);
    QCOMPARE(m_pane->readerBridge()->state(), GroupReaderBridge::State::Running);

    GroupMessagesModel* model = m_pane->messagesModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kFirstBatch, kTimeoutMs);
    // Batched hand-over: the 300 messages waiting in the topic arrive in a
    // few signals, not one per message.
    QVERIFY2(batches.count() <= kFirstBatch / 10, qPrintable(QString::number(batches.count())));
    QSet<QString> values;
    QSet<QPair<int, qint64>> positions;
    for (int row = 0; row < model->rowCount(); ++row) {
        const consumer::Message m = model->message(row);
        QCOMPARE(QString::fromStdString(m.topic), kTopic);
        const QString value = model->index(row, GroupMessagesModel::Value).data().toString();
        const QString key = model->index(row, GroupMessagesModel::Key).data().toString();
        QCOMPARE(key, QStringLiteral("k") + value.mid(1));
        QCOMPARE(model->index(row, GroupMessagesModel::Headers).data().toInt(), 1);
        values.insert(value);
        positions.insert({m.partition, m.offset});
    }
    QCOMPARE(values.size(), kFirstBatch);  // each message once
    QCOMPARE(positions.size(), kFirstBatch);
    for (int i = 0; i < kFirstBatch; ++i) QVERIFY(values.contains(QStringLiteral("v%1").arg(i)));
    QVERIFY(m_pane->eventLogText().contains(QStringLiteral("joined")));
}

void ConsumerGroupPaneTest::partitionsShowLagZeroAfterReading() {
    AssignedPartitionsModel* partitions = m_pane->partitionsModel();
    QTRY_COMPARE_WITH_TIMEOUT(partitions->rowCount(), 3, kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(partitions->totalLag(), qint64{0}, kTimeoutMs);
    qint64 highWatermarks = 0;
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(partitions->index(row, AssignedPartitionsModel::Lag).data().toLongLong(), qint64{0});
        const qint64 hw = partitions->index(row, AssignedPartitionsModel::HighWatermark).data().toLongLong();
        QCOMPARE(partitions->index(row, AssignedPartitionsModel::Position).data().toLongLong(), hw);
        highWatermarks += hw;
    }
    QCOMPARE(highWatermarks, qint64{kFirstBatch});
}

void ConsumerGroupPaneTest::commitSelectedAndAllShowUpInTheGroup() {
    GroupMessagesModel* model = m_pane->messagesModel();
    for (const auto& [p, offset] : committedOffsets()) QCOMPARE(offset, qint64{-1});  // nothing committed yet

    // The first three rows of partition p: the commit stores the highest + 1.
    std::vector<int> rows;
    int partition = -1;
    qint64 highest = -1;
    for (int row = 0; row < model->rowCount() && rows.size() < 3; ++row) {
        const consumer::Message m = model->message(row);
        if (partition < 0) partition = m.partition;
        if (m.partition != partition) continue;
        rows.push_back(row);
        highest = std::max<qint64>(highest, m.offset);
    }
    QCOMPARE(rows.size(), std::size_t{3});
    selectRows(rows);
    QTest::mouseClick(child<QPushButton>("commitSelectedButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->statusText().startsWith(QStringLiteral("Committed")), kTimeoutMs);
    QCOMPARE(committedOffsets()[partition], highest + 1);
    QTRY_COMPARE_WITH_TIMEOUT(model->index(rows.front(), GroupMessagesModel::State).data().toString(),
                              QStringLiteral("committed"), kTimeoutMs);

    // Everything fetched: each partition's committed offset is its high watermark.
    QTest::mouseClick(child<QPushButton>("commitAllButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->statusText().startsWith(QStringLiteral("Committed")) &&
                                 m_pane->statusText().count(QLatin1Char('@')) == 3,
                             kTimeoutMs);
    const auto committed = committedOffsets();
    QCOMPARE(committed.size(), std::size_t{3});
    qint64 total = 0;
    for (const auto& [p, offset] : committed) total += offset;
    QCOMPARE(total, qint64{kFirstBatch});
    AssignedPartitionsModel* partitions = m_pane->partitionsModel();
    for (int row = 0; row < partitions->rowCount(); ++row) {
        const int p = partitions->index(row, AssignedPartitionsModel::Partition).data().toInt();
        QTRY_COMPARE_WITH_TIMEOUT(partitions->index(row, AssignedPartitionsModel::Committed).data().toLongLong(),
                                  committed.at(p), kTimeoutMs);
    }
}

void ConsumerGroupPaneTest::failedMessagesGoToTheDeadLetterTopic() {
    GroupMessagesModel* model = m_pane->messagesModel();
    const std::vector<int> rows{5, 17, 42};
    std::vector<consumer::Message> originals;
    for (int row : rows) originals.push_back(model->message(row));
    selectRows(rows);
    QCOMPARE(m_pane->markSelectedFailed(), 3);
    QCOMPARE(model->index(17, GroupMessagesModel::State).data().toString(), QStringLiteral("failed"));
    child<QComboBox>("deadLetterTopic")->setCurrentText(kDeadLetterTopic);
    QTest::mouseClick(child<QPushButton>("sendDeadLetterButton"), Qt::LeftButton);
    for (int row : rows) {
        QTRY_COMPARE_WITH_TIMEOUT(model->index(row, GroupMessagesModel::State).data().toString(),
                                  QStringLiteral("dead-lettered"), kTimeoutMs);
    }
    QVERIFY2(m_pane->statusText().contains(QStringLiteral("sent to dead-letter topic")), qPrintable(m_pane->statusText()));

    // kcat reads the copies back: same key and value, the original header
    // kept, the origin header added.
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-C"), QStringLiteral("-t"),
                                        kDeadLetterTopic, QStringLiteral("-e"), QStringLiteral("-q"),
                                        QStringLiteral("-f"), QStringLiteral("%k|%s|%h\\n")});
    QVERIFY2(kcat.waitForFinished(kTimeoutMs), "kcat -C did not finish");
    const QStringList lines = QString::fromUtf8(kcat.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QSet<QString> got(lines.begin(), lines.end());
    for (const consumer::Message& m : originals) {
        const QString key = QString::fromUtf8(reinterpret_cast<const char*>(m.key->data()), static_cast<qsizetype>(m.key->size()));
        const QString value =
            QString::fromUtf8(reinterpret_cast<const char*>(m.value->data()), static_cast<qsizetype>(m.value->size()));
        const QString expected = QStringLiteral("%1|%2|source=kcat,%3=%4/%5/%6")
                                     .arg(key, value, QString::fromLatin1(kDeadLetterOriginHeader), kTopic)
                                     .arg(m.partition)
                                     .arg(m.offset);
        QVERIFY2(got.contains(expected), qPrintable(expected + QStringLiteral(" not in ") + lines.join(QLatin1Char(';'))));
    }

    // A topic name Kafka would refuse is refused before anything is sent.
    selectRows({60});
    m_pane->markSelectedFailed();
    child<QComboBox>("deadLetterTopic")->setCurrentText(QStringLiteral("no such/topic"));
    QVERIFY(!m_pane->sendFailedToDeadLetter());
    QVERIFY2(m_pane->statusText().contains(QStringLiteral("Dead-letter topic")), qPrintable(m_pane->statusText()));
}

void ConsumerGroupPaneTest::messagesProducedWhileJoinedArriveAndAutoCommit() {
    child<QCheckBox>("autoCommitCheck")->setChecked(true);
    QVERIFY(m_pane->readerBridge()->autoCommit());
    QVERIFY2(produce(kFirstBatch, kSecondBatch), "kcat could not produce");
    GroupMessagesModel* model = m_pane->messagesModel();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), kFirstBatch + kSecondBatch, kTimeoutMs);
    QCOMPARE(model->index(model->rowCount() - 1, GroupMessagesModel::Value).data().toString().left(1),
             QStringLiteral("v"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->partitionsModel()->totalLag(), qint64{0}, kTimeoutMs);
    // Auto-commit stored every received message (commit interval 0: at once).
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            qint64 total = 0;
            for (const auto& [p, offset] : committedOffsets()) total += offset;
            return total == kFirstBatch + kSecondBatch;
        }(),
        kTimeoutMs);
    child<QCheckBox>("autoCommitCheck")->setChecked(false);
}

void ConsumerGroupPaneTest::leaveDoesNotBlockAndLeavesTheGroup() {
    QElapsedTimer timer;
    timer.start();
    QTest::mouseClick(child<QPushButton>("leaveButton"), Qt::LeftButton);
    // close() is asynchronous: the click returns while the reader is still
    // leaving (a blocking close would return Idle), and quickly.
    QCOMPARE(m_pane->readerBridge()->state(), GroupReaderBridge::State::Leaving);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->readerBridge()->state(), GroupReaderBridge::State::Idle, kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(m_pane->eventLogText().contains(QStringLiteral("left group ") + kGroup), kTimeoutMs);
    QCOMPARE(m_pane->statusText(), QStringLiteral("Left the group."));
    QVERIFY(!child<QPushButton>("leaveButton")->isEnabled());
    // Offsets stay committed after the member left.
    qint64 total = 0;
    for (const auto& [p, offset] : committedOffsets()) total += offset;
    QCOMPARE(total, qint64{kFirstBatch + kSecondBatch});
}

void ConsumerGroupPaneTest::newEngineClosesTheReader() {
    QTest::mouseClick(child<QPushButton>("joinButton"), Qt::LeftButton);
    QCOMPARE(m_pane->readerBridge()->state(), GroupReaderBridge::State::Running);
    // Rejoining resumes after the committed offsets: nothing is re-read.
    QCOMPARE(m_pane->messagesModel()->rowCount(), 0);  // cleared by the join
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->partitionsModel()->rowCount(), 3, kTimeoutMs);
    QTest::qWait(2000);
    QCOMPARE(m_pane->messagesModel()->rowCount(), 0);
    QCOMPARE(m_pane->partitionsModel()->totalLag(), qint64{0});
    QVERIFY(m_ui.window().connectTo(m_bootstrap, QStringLiteral("kafkascope-group-pane-test-2")));
    QCOMPARE(m_pane->readerBridge()->state(), GroupReaderBridge::State::Idle);
    QCOMPARE(child<QLabel>("groupState")->text(), QStringLiteral("Not in a group."));
}

void ConsumerGroupPaneTest::cleanupTestCase() {
    m_tester.reset();
    m_ui.close();
}

QTEST_MAIN(ConsumerGroupPaneTest)
#include "tst_consumer_group_pane.moc"
