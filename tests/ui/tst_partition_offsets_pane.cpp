// The partition-offset pane against a sandbox from the CTest fixture
// (KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE), in the real main window, offscreen.
// kcat writes 30 keyed messages to topic "window" first; then the pane shows
// first/last offsets, each seek shows the offset kafka-go's rules give,
// reading a window fills the table with exactly the produced messages, and a
// commit for an empty group shows up as its committed offset.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "fixture_bootstrap.h"
#include "main_window_harness.h"
#include "bridge/engine_bridge.h"
#include "main_window.h"
#include "partition_offsets/message_window_model.h"
#include "partition_offsets/partition_offsets_pane.h"

using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 30'000;
const QString kTopic = QStringLiteral("window");
constexpr int kMessages = 30;
}  // namespace

class PartitionOffsetsPaneTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void showsFirstAndLast();
    void seekShowsTheExpectedOffset_data();
    void seekShowsTheExpectedOffset();
    void outOfRangeSeekIsReported();
    void timestampLaterThanEveryMessageGoesToTheEnd();
    void readingAWindowFillsTheTable();
    void commitThenCommittedShowsIt();
    void commitWhileTheGroupHasMembersIsRefused();
    void cleanupTestCase();

private:
    template <class T>
    T* child(const char* name) {
        return kafkascope::test::namedChild<T>(m_pane, name);
    }
    void seek(int modeIndex, const QString& value);

    QString m_bootstrap;
    kafkascope::test::MainWindowHarness m_ui;
    PartitionOffsetsPane* m_pane = nullptr;
};

void PartitionOffsetsPaneTest::initTestCase() {
    QString why;
    m_bootstrap = kafkascope::test::fixtureBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));

    // kcat, the independent peer, writes k0:v0 .. k29:v29 before the pane looks.
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-P"), QStringLiteral("-t"),
                                        kTopic, QStringLiteral("-K:")});
    QVERIFY(kcat.waitForStarted(kTimeoutMs));
    QByteArray lines;
    for (int i = 0; i < kMessages; ++i) lines += QByteArray("k") + QByteArray::number(i) + ":v" + QByteArray::number(i) + "\n";
    kcat.write(lines);
    kcat.closeWriteChannel();
    QVERIFY2(kcat.waitForFinished(kTimeoutMs), "kcat did not finish");
    QCOMPARE(kcat.exitCode(), 0);

    m_pane = m_ui.open<PartitionOffsetsPane>();
    QVERIFY(m_pane);
    QVERIFY(m_ui.showAndConnect(m_bootstrap, QStringLiteral("kafkascope-partition-offsets-test")));
    auto* topic = child<QComboBox>("topicCombo");
    QTRY_VERIFY_WITH_TIMEOUT(topic->findText(kTopic) >= 0, kTimeoutMs);
    topic->setCurrentText(kTopic);
}

void PartitionOffsetsPaneTest::showsFirstAndLast() {
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("firstLabel")->text(), QStringLiteral("0"), kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("lastLabel")->text(), QString::number(kMessages), kTimeoutMs);
    QCOMPARE(child<QLabel>("committedLabel")->text(), QStringLiteral("(no group chosen)"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->position(), qint64{0}, kTimeoutMs);  // starts at the first offset
}

void PartitionOffsetsPaneTest::seek(int modeIndex, const QString& value) {
    child<QComboBox>("seekModeCombo")->setCurrentIndex(modeIndex);
    child<QLineEdit>("seekValueEdit")->setText(value);
    QTest::mouseClick(child<QPushButton>("seekButton"), Qt::LeftButton);
}

void PartitionOffsetsPaneTest::seekShowsTheExpectedOffset_data() {
    // Each row seeks from the position the previous one left (kafka-go's
    // current). Modes: 0 start, 1 absolute, 2 end, 3 current.
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("start + 5") << 0 << QStringLiteral("5") << qint64{5};
    QTest::newRow("current + 7") << 3 << QStringLiteral("7") << qint64{12};
    QTest::newRow("current - 2") << 3 << QStringLiteral("-2") << qint64{10};
    QTest::newRow("end - 10") << 2 << QStringLiteral("10") << qint64{20};
    QTest::newRow("end - 0") << 2 << QStringLiteral("0") << qint64{kMessages};
    QTest::newRow("absolute 3") << 1 << QStringLiteral("3") << qint64{3};
}

void PartitionOffsetsPaneTest::seekShowsTheExpectedOffset() {
    QFETCH(int, mode);
    QFETCH(QString, value);
    QFETCH(qint64, expected);
    seek(mode, value);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("positionLabel")->text(), QString::number(expected), kTimeoutMs);
    QCOMPARE(m_pane->position(), expected);
}

void PartitionOffsetsPaneTest::outOfRangeSeekIsReported() {
    const qint64 before = m_pane->position();
    seek(1, QStringLiteral("31"));  // past the last offset (30)
    auto* status = child<QLabel>("statusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QStringLiteral("OFFSET_OUT_OF_RANGE")), kTimeoutMs);
    QVERIFY2(status->text().startsWith(QStringLiteral("Seek failed")), qPrintable(status->text()));
    QCOMPARE(m_pane->position(), before);
}

void PartitionOffsetsPaneTest::timestampLaterThanEveryMessageGoesToTheEnd() {
    // 2100-01-01: no message that recent, so the broker answers -1 and the
    // pane moves to the end, as kafka-go's SetOffsetAt does.
    seek(4, QStringLiteral("2100-01-01T00:00:00Z"));
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("positionLabel")->text().startsWith(QString::number(kMessages) +
                                                                               QStringLiteral(" — ")),
                             kTimeoutMs);
    QCOMPARE(m_pane->position(), qint64{kMessages});
}

void PartitionOffsetsPaneTest::readingAWindowFillsTheTable() {
    MessageWindowModel* model = m_pane->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    seek(0, QStringLiteral("5"));
    QTRY_COMPARE_WITH_TIMEOUT(m_pane->position(), qint64{5}, kTimeoutMs);
    child<QSpinBox>("countSpin")->setValue(10);
    QTest::mouseClick(child<QPushButton>("readButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("readStatusLabel")->text().startsWith(QStringLiteral("Read 10")),
                             kTimeoutMs);
    QCOMPARE(model->rowCount(), 10);
    for (int row = 0; row < 10; ++row) {
        const int i = 5 + row;
        QCOMPARE(model->index(row, MessageWindowModel::Offset).data().toString(), QString::number(i));
        QCOMPARE(model->index(row, MessageWindowModel::Key).data().toString(), QStringLiteral("k%1").arg(i));
        QCOMPARE(model->index(row, MessageWindowModel::Value).data().toString(), QStringLiteral("v%1").arg(i));
    }
    QCOMPARE(m_pane->position(), qint64{15});  // the next read goes on from there

    // A window larger than what is left stops at the end.
    child<QSpinBox>("countSpin")->setValue(1000);
    QTest::mouseClick(child<QPushButton>("readButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("readStatusLabel")->text().startsWith(QStringLiteral("Read 15")),
                             kTimeoutMs);
    QCOMPARE(model->rowCount(), 15);
    QCOMPARE(model->index(14, MessageWindowModel::Value).data().toString(), QStringLiteral("v29"));
}

void PartitionOffsetsPaneTest::commitThenCommittedShowsIt() {
    child<QLineEdit>("groupEdit")->setText(QStringLiteral("pane-group"));
    QTest::mouseClick(child<QPushButton>("refreshButton"), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("committedLabel")->text(), QStringLiteral("none committed"), kTimeoutMs);
    child<QLineEdit>("commitOffsetEdit")->setText(QStringLiteral("12"));
    QTest::mouseClick(child<QPushButton>("commitButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("commitStatusLabel")->text().startsWith(QStringLiteral("Committed 12")),
                             kTimeoutMs);
    QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>("committedLabel")->text(), QStringLiteral("12"), kTimeoutMs);

    // kcat -G sees the same committed offset: it resumes at 12 for partition 0.
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-G"),
                                        QStringLiteral("pane-group"), QStringLiteral("-e"), QStringLiteral("-q"),
                                        QStringLiteral("-f"), QStringLiteral("%o\\n"), kTopic});
    QVERIFY2(kcat.waitForFinished(kTimeoutMs), "kcat -G did not finish");
    const QStringList offsets =
        QString::fromUtf8(kcat.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(!offsets.isEmpty(), qPrintable(QString::fromUtf8(kcat.readAllStandardError())));
    QCOMPARE(offsets.front(), QStringLiteral("12"));
}

void PartitionOffsetsPaneTest::commitWhileTheGroupHasMembersIsRefused() {
    // kcat -G keeps a member in the group while the pane tries to commit
    // from outside it.
    QProcess member;
    member.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-G"),
                                          QStringLiteral("pane-busy"), QStringLiteral("-o"), QStringLiteral("end"),
                                          kTopic});
    QVERIFY(member.waitForStarted(kTimeoutMs));
    QByteArray seen;
    QTRY_VERIFY_WITH_TIMEOUT((seen += member.readAllStandardError()).contains("assigned"), kTimeoutMs);

    child<QLineEdit>("groupEdit")->setText(QStringLiteral("pane-busy"));
    child<QLineEdit>("commitOffsetEdit")->setText(QStringLiteral("3"));
    QTest::mouseClick(child<QPushButton>("commitButton"), Qt::LeftButton);
    auto* status = child<QLabel>("commitStatusLabel");
    QTRY_VERIFY_WITH_TIMEOUT(!status->text().startsWith(QStringLiteral("Committing")), kTimeoutMs);
    QVERIFY2(status->text().contains(QStringLiteral("active members")), qPrintable(status->text()));
    QVERIFY2(child<QLabel>("statusLabel")->text().startsWith(QStringLiteral("Commit failed")),
             qPrintable(child<QLabel>("statusLabel")->text()));
    member.terminate();
    QVERIFY(member.waitForFinished(kTimeoutMs));
}

void PartitionOffsetsPaneTest::cleanupTestCase() {
    m_ui.close();
}

QTEST_MAIN(PartitionOffsetsPaneTest)
#include "tst_partition_offsets_pane.moc"
