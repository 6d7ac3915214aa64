// The producer pane against a sandbox from the CTest fixture
// (KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE): Send N copies fills the results table
// with delivery reports, kcat reads the values back, and JSON mode refuses
// invalid JSON. With KAFKASCOPE_PRODUCER_SCREENSHOT=FILE.png the window is
// grabbed after the send (run under Xvfb with QT_QPA_PLATFORM=xcb).
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "fixture_bootstrap.h"
#include "main_window_harness.h"
#include "bridge/engine_bridge.h"
#include "bridge/producer_bridge.h"
#include "main_window.h"
#include "models/delivery_results_model.h"
#include "panes/producer_pane.h"
#include "panes/producer_settings_form.h"

using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 30'000;
const QString kTopic = QStringLiteral("produced");
}  // namespace

class ProducerPaneTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void substitutesIndexAndTimestamp();
    void invalidJsonIsRefused();
    void sendCopiesFillsResults();
    void settingsPersistAcrossRestarts();
    void longSendShowsProgressAndCancels();
    void cleanupTestCase();

private:
    template <class T>
    T* child(const char* name) {
        return kafkascope::test::namedChild<T>(m_pane, name);
    }

    QString m_bootstrap;
    kafkascope::test::MainWindowHarness m_ui;
    ProducerPane* m_pane = nullptr;
};

void ProducerPaneTest::initTestCase() {
    QString why;
    m_bootstrap = kafkascope::test::fixtureBootstrap(&why);
    QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));

    m_pane = m_ui.open<ProducerPane>();
    QVERIFY(m_pane);
    QVERIFY(m_ui.showAndConnect(m_bootstrap, QStringLiteral("kafkascope-producer-pane-test")));

    // The topic combo fills from the bridge's metadata.
    auto* topic = child<QComboBox>("topic");
    QTRY_VERIFY_WITH_TIMEOUT(topic->findText(kTopic) >= 0, kTimeoutMs);
}

void ProducerPaneTest::substitutesIndexAndTimestamp() {
    QCOMPARE(ProducerPane::substitute(QStringLiteral("k{{i}}-{{ts}}-{{i}}"), 7, 1234),
             QStringLiteral("k7-1234-7"));
}

void ProducerPaneTest::invalidJsonIsRefused() {
    child<QComboBox>("topic")->setEditText(kTopic);
    auto* json = child<QCheckBox>("jsonMode");
    auto* value = child<QPlainTextEdit>("value");
    auto* error = child<QLabel>("jsonError");
    json->setChecked(true);
    value->setPlainText(QStringLiteral("{\"n\": {{i}}, \"broken\": }"));
    QVERIFY(!error->isHidden());
    QVERIFY2(error->text().startsWith(QStringLiteral("Invalid JSON")), qPrintable(error->text()));

    QTest::mouseClick(child<QPushButton>("sendCopies"), Qt::LeftButton);
    QVERIFY(!m_pane->producerBridge()->isSending());
    QCOMPARE(m_pane->resultsModel()->rowCount(), 0);
    QVERIFY2(m_pane->messageText().startsWith(QStringLiteral("Invalid JSON")), qPrintable(m_pane->messageText()));

    // {{i}} is substituted before validation, so this template is valid JSON.
    value->setPlainText(QStringLiteral("{\"n\":{{i}},\"ok\":true}"));
    QVERIFY(m_pane->validateJson());
    QVERIFY(!error->text().startsWith(QStringLiteral("Invalid")));
    child<QPushButton>("pretty")->click();
    QVERIFY(value->toPlainText().contains(QLatin1Char('\n')) || value->toPlainText().contains(QStringLiteral("{{i}}")));
    json->setChecked(false);
    QVERIFY(error->isHidden());
}

void ProducerPaneTest::sendCopiesFillsResults() {
    DeliveryResultsModel* model = m_pane->resultsModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    child<QComboBox>("topic")->setEditText(kTopic);
    child<QLineEdit>("key")->setText(QStringLiteral("key-{{i}}"));
    child<QPlainTextEdit>("value")->setPlainText(QStringLiteral("value-{{i}}"));
    child<QSpinBox>("copies")->setValue(5);
    QTest::mouseClick(child<QPushButton>("sendCopies"), Qt::LeftButton);
    QVERIFY2(m_pane->messageText().isEmpty(), qPrintable(m_pane->messageText()));

    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 5, kTimeoutMs);
    for (int row = 0; row < 5; ++row) {
        const auto raw = [&](int column) {
            return model->index(row, column).data(DeliveryResultsModel::RawRole);
        };
        QCOMPARE(raw(DeliveryResultsModel::IndexColumn).toLongLong(), row);
        QVERIFY2(raw(DeliveryResultsModel::ErrorColumn).toString().isEmpty(),
                 qPrintable(raw(DeliveryResultsModel::ErrorColumn).toString()));
        QVERIFY(raw(DeliveryResultsModel::PartitionColumn).toLongLong() >= 0);
        QVERIFY(raw(DeliveryResultsModel::OffsetColumn).toLongLong() >= 0);
        QVERIFY(raw(DeliveryResultsModel::TimestampColumn).toLongLong() > 0);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_pane->producerBridge()->isSending(), kTimeoutMs);
    const QString summary = m_pane->summaryText();
    QVERIFY2(summary.startsWith(QStringLiteral("5 ok · 0 failed")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("sync")), qPrintable(summary));  // linger unset: flushed at once

    const QString shot = qEnvironmentVariable("KAFKASCOPE_PRODUCER_SCREENSHOT");
    if (!shot.isEmpty()) {
        QTest::qWait(300);
        QVERIFY(m_ui.window().grab().save(shot));
    }

    // kcat reads back exactly the five values.
    QProcess kcat;
    kcat.start(QStringLiteral("kcat"), {QStringLiteral("-b"), m_bootstrap, QStringLiteral("-C"), QStringLiteral("-e"),
                                        QStringLiteral("-q"), QStringLiteral("-t"), kTopic, QStringLiteral("-f"),
                                        QStringLiteral("%k=%s\\n")});
    QVERIFY2(kcat.waitForFinished(kTimeoutMs), "kcat did not finish");
    QCOMPARE(kcat.exitCode(), 0);
    QStringList lines = QString::fromUtf8(kcat.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    lines.sort();
    QCOMPARE(lines, (QStringList{QStringLiteral("key-0=value-0"), QStringLiteral("key-1=value-1"),
                                 QStringLiteral("key-2=value-2"), QStringLiteral("key-3=value-3"),
                                 QStringLiteral("key-4=value-4")}));
}

// Every Writer knob persists in QSettings (group producer/writer, plain
// values) and a pane made on the next start restores it, including the
// "unset" choices (linger, compression level, idempotence auto).
void ProducerPaneTest::settingsPersistAcrossRestarts() {
    using namespace std::chrono_literals;
    namespace producer = kafkascope::producer;
    ProducerSettingsForm* form = m_pane->settingsForm();
    producer::WriterConfig c;
    c.batch_size = 777;
    c.batch_bytes = 65'536;
    c.batch_timeout = 250ms;
    c.linger = 25ms;
    c.required_acks = producer::RequiredAcks::one;
    c.max_attempts = 4;
    c.write_backoff_min = 11ms;
    c.write_backoff_max = 222ms;
    c.write_timeout = 3333ms;
    c.async = true;
    c.compression = kafkascope::records::Compression::zstd;
    c.compression_level = 7;
    c.balancer = "round-robin";
    c.round_robin_chunk_size = 50;
    c.idempotent = false;
    form->setConfig(c);
    QCOMPARE(child<QSpinBox>("roundRobinChunkSize")->value(), 50);
    QCOMPARE(child<QSpinBox>("compressionLevel")->value(), 7);
    QVERIFY(child<QCheckBox>("compressionLevelSet")->isChecked());

    m_ui.settings().sync();
    const QString group = ProducerPane::settingsGroup() + QLatin1Char('/');
    QCOMPARE(m_ui.settings().value(group + QStringLiteral("batchSize")).toInt(), 777);
    QCOMPARE(m_ui.settings().value(group + QStringLiteral("compression")).toString(), QStringLiteral("zstd"));
    QCOMPARE(m_ui.settings().value(group + QStringLiteral("lingerMs")).toInt(), 25);
    QCOMPARE(m_ui.settings().value(group + QStringLiteral("idempotent")).toString(), QStringLiteral("off"));

    const auto expectSame = [](const producer::WriterConfig& a, const producer::WriterConfig& b) {
        QCOMPARE(a.batch_size, b.batch_size);
        QCOMPARE(a.batch_bytes, b.batch_bytes);
        QCOMPARE(a.batch_timeout.count(), b.batch_timeout.count());
        QCOMPARE(a.linger.has_value(), b.linger.has_value());
        if (a.linger) QCOMPARE(a.linger->count(), b.linger->count());
        QCOMPARE(static_cast<int>(a.required_acks), static_cast<int>(b.required_acks));
        QCOMPARE(a.max_attempts, b.max_attempts);
        QCOMPARE(a.write_backoff_min.count(), b.write_backoff_min.count());
        QCOMPARE(a.write_backoff_max.count(), b.write_backoff_max.count());
        QCOMPARE(a.write_timeout.count(), b.write_timeout.count());
        QCOMPARE(a.async, b.async);
        QCOMPARE(static_cast<int>(a.compression), static_cast<int>(b.compression));
        QCOMPARE(a.compression_level, b.compression_level);
        QCOMPARE(a.balancer, b.balancer);
        QCOMPARE(a.round_robin_chunk_size, b.round_robin_chunk_size);
        QCOMPARE(a.idempotent, b.idempotent);
    };
    {
        // The next start: a fresh QSettings on the same file, a fresh pane.
        QSettings reread(m_ui.settings().fileName(), QSettings::IniFormat);
        ProducerPane restarted(m_ui.bridge());
        QCOMPARE(restarted.settingsForm()->config().batch_size, std::size_t{100});  // defaults until restored
        restarted.setSettings(&reread);
        expectSame(restarted.settingsForm()->config(), c);
    }

    // "Unset" survives as unset, not as a number.
    c.linger.reset();
    c.compression_level.reset();
    c.idempotent.reset();
    c.required_acks = producer::RequiredAcks::all;
    form->setConfig(c);
    m_ui.settings().sync();
    {
        QSettings reread(m_ui.settings().fileName(), QSettings::IniFormat);
        ProducerPane restarted(m_ui.bridge());
        restarted.setSettings(&reread);
        expectSame(restarted.settingsForm()->config(), c);
    }

    // A hand-broken value is ignored (the default stays), the rest restores.
    m_ui.settings().setValue(group + QStringLiteral("batchSize"), QStringLiteral("lots"));
    m_ui.settings().setValue(group + QStringLiteral("compression"), QStringLiteral("brotli"));
    m_ui.settings().sync();
    {
        QSettings reread(m_ui.settings().fileName(), QSettings::IniFormat);
        ProducerPane restarted(m_ui.bridge());
        restarted.setSettings(&reread);
        const producer::WriterConfig r = restarted.settingsForm()->config();
        QCOMPARE(r.batch_size, producer::WriterConfig{}.batch_size);
        QCOMPARE(static_cast<int>(r.compression), static_cast<int>(producer::WriterConfig{}.compression));
        QCOMPARE(r.round_robin_chunk_size, 50);
        QCOMPARE(r.write_timeout.count(), 3333);
    }

    form->resetToDefaults();
    m_ui.settings().sync();
    QCOMPARE(m_ui.settings().value(group + QStringLiteral("batchSize")).toInt(), 100);
}

// A long send shows progress and live WriterStats, and Cancel stops it
// between chunks: the chunks already written still report, the rest is
// counted as not sent, and nothing is reported for messages never written.
void ProducerPaneTest::longSendShowsProgressAndCancels() {
    constexpr int kCopies = 300'000;
    DeliveryResultsModel* model = m_pane->resultsModel();
    child<QComboBox>("topic")->setEditText(kTopic);
    child<QLineEdit>("key")->clear();
    child<QPlainTextEdit>("value")->setPlainText(QStringLiteral("long-{{i}}"));
    child<QSpinBox>("copies")->setValue(kCopies);
    auto* progress = child<QProgressBar>("progress");
    auto* cancel = child<QPushButton>("cancel");
    QTest::mouseClick(child<QPushButton>("sendCopies"), Qt::LeftButton);
    QVERIFY2(m_pane->messageText().isEmpty(), qPrintable(m_pane->messageText()));
    QVERIFY(m_pane->producerBridge()->isSending());
    QVERIFY(progress->isVisible());
    QVERIFY(cancel->isEnabled());
    QCOMPARE(progress->maximum(), kCopies);

    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0, kTimeoutMs);
    QVERIFY(m_pane->producerBridge()->isSending());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!m_pane->producerBridge()->isSending(), kTimeoutMs);

    const int rows = model->rowCount();
    QVERIFY2(rows > 0 && rows < kCopies, qPrintable(QString::number(rows)));
    QVERIFY(!progress->isVisible());
    const QString summary = m_pane->summaryText();
    QVERIFY2(summary.contains(QStringLiteral("cancelled")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("not sent")), qPrintable(summary));
    // Every row that did come back is a stored message.
    for (int row = 0; row < rows; row += std::max(1, rows / 50)) {
        const QString error = model->index(row, DeliveryResultsModel::ErrorColumn).data(DeliveryResultsModel::RawRole).toString();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    // The writer's stats were shown live.
    QTRY_VERIFY_WITH_TIMEOUT(!child<QLabel>("liveStats")->text().isEmpty(), kTimeoutMs);
    QVERIFY2(child<QLabel>("liveStats")->text().contains(QStringLiteral("messages")),
             qPrintable(child<QLabel>("liveStats")->text()));
    child<QSpinBox>("copies")->setValue(10);
}

void ProducerPaneTest::cleanupTestCase() {
    m_ui.close();
}

QTEST_MAIN(ProducerPaneTest)
#include "tst_producer_pane.moc"
