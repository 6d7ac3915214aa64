// The browser pane, offscreen, against a sandbox from the CTest fixture
// (KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE): kcat writes JSON messages with keys
// and headers; the pane loads them, filters without refetching, shows a
// message as pretty JSON, exports the filtered set as JSON Lines, imports
// that file into another topic and browses it (same keys, values, headers),
// re-produces a selection, saves a filter per topic, and opens from
// "latest minus N". Offset, time and partition filters work on what is
// loaded and are saved with the text. "Scan broker" finds exactly the
// matching messages from a start point, stops at N matches, at the end or at
// the examined limit, and Cancel stops it. A JSON Lines import runs in the
// background in chunks, names a malformed line and imports the rest.
// QAbstractItemModelTester watches the model throughout.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QTableWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>
#include <set>

#include "fixture_bootstrap.h"
#include "bridge/browse_bridge.h"
#include "bridge/engine_bridge.h"
#include "browse/text_encoding.h"
#include "browser/browser_pane.h"
#include "browser/filter_bar.h"
#include "browser/import_job.h"
#include "browser/message_detail_view.h"
#include "browser/message_table_model.h"
#include "browser/scan_controller.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 30'000;
constexpr int kScanSrcMessages = 50;    // "m<i>", with " needle" when i % 7 == 0
constexpr int kScanBigMessages = 5000;  // one message per batch: one fetch round each
}

class BrowserPaneTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("kafkascope-test"));
        QString why;
        m_bootstrap = kafkascope::test::fixtureBootstrap(&why);
        QVERIFY2(!m_bootstrap.isEmpty(), qPrintable(why));
        // 20 JSON messages on partition 0, keyed, with a header.
        QStringList lines;
        for (int i = 0; i < 20; ++i) {
            lines << QStringLiteral("k%1|{\"n\":%1,\"kind\":\"%2\"}").arg(i).arg(i % 2 ? QStringLiteral("odd") : QStringLiteral("even"));
        }
        QVERIFY(kcat(QStringLiteral("pane_src"), lines, {QStringLiteral("-z"), QStringLiteral("lz4"), QStringLiteral("-K|"),
                                                        QStringLiteral("-H"), QStringLiteral("src=kcat")}));
        lines.clear();
        for (int i = 0; i < kScanSrcMessages; ++i) lines << QStringLiteral("m%1%2").arg(i).arg(i % 7 == 0 ? QStringLiteral(" needle") : QString());
        QVERIFY(kcat(QStringLiteral("scan_src"), lines, {QStringLiteral("-X"), QStringLiteral("batch.num.messages=5")}));
        lines.clear();
        for (int i = 0; i < kScanBigMessages; ++i) lines << QStringLiteral("big%1").arg(i);
        QVERIFY(kcat(QStringLiteral("scan_big"), lines, {QStringLiteral("-X"), QStringLiteral("batch.num.messages=1")}));

        m_bridge = std::make_unique<EngineBridge>();
        QCOMPARE(m_bridge->connectToCluster(m_bootstrap, QStringLiteral("browser-pane-test")), QString());
        m_pane = std::make_unique<BrowserPane>(*m_bridge);
        m_pane->resize(1200, 800);
        m_pane->show();
        m_tester = std::make_unique<QAbstractItemModelTester>(m_pane->model(),
                                                              QAbstractItemModelTester::FailureReportingMode::QtTest);
    }

    void loadsFiltersAndShowsJson() {
        m_pane->openTopic(QStringLiteral("pane_src"));
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 20, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->statusLabel()->text().contains(QStringLiteral("at the end")), kTimeoutMs);
        QCOMPARE(m_pane->model()->index(5, MessageTableModel::KeyColumn).data().toString(), QStringLiteral("k5"));

        QSignalSpy filtered(m_pane.get(), &BrowserPane::filterFinished);
        m_pane->filterEdit()->setText(QStringLiteral("\"odd\""));  // applied after a short pause, no refetch
        QVERIFY(filtered.wait(kTimeoutMs));
        QCOMPARE(m_pane->model()->rowCount(), 10);
        QCOMPARE(m_pane->model()->index(0, MessageTableModel::KeyColumn).data().toString(), QStringLiteral("k1"));

        m_pane->view()->setCurrentIndex(m_pane->model()->index(0, 0));
        const QString shown = m_pane->detailView()->valueEdit()->toPlainText();
        QVERIFY2(shown.contains(QStringLiteral("\"kind\": \"odd\"")), qPrintable(shown));  // pretty-printed
        QCOMPARE(m_pane->detailView()->headersTable()->rowCount(), 1);

        m_pane->saveCurrentFilter();
        QCOMPARE(m_pane->savedFilters(), QStringList{QStringLiteral("\"odd\"")});
        const QString copied = m_pane->copySelectedAsJson();
        QVERIFY2(copied.contains(QStringLiteral("\"key\":\"k1\"")) && copied.contains(QStringLiteral("\"offset\":1")), qPrintable(copied));
    }

    // Still on pane_src with "odd" applied (k1, k3, ... at offsets 1, 3, ...).
    void rangeAndPartitionFiltersWorkOnLoadedRows() {
        FilterBar* bar = m_pane->filterBar();
        QSignalSpy filtered(m_pane.get(), &BrowserPane::filterFinished);
        bar->minOffsetEdit()->setText(QStringLiteral("5"));
        bar->maxOffsetEdit()->setText(QStringLiteral("9"));
        QVERIFY(filtered.wait(kTimeoutMs));  // after the typing pause, on the loaded rows
        QCOMPARE(visibleOffsets(), (std::vector<qint64>{5, 7, 9}));
        bar->partitionSpin()->setValue(1);  // pane_src's messages are all on partition 0
        QVERIFY(filtered.wait(kTimeoutMs));
        QCOMPARE(m_pane->model()->rowCount(), 0);
        bar->partitionSpin()->setValue(0);
        QVERIFY(filtered.wait(kTimeoutMs));
        QCOMPARE(visibleOffsets(), (std::vector<qint64>{5, 7, 9}));

        // Saved with its ranges, next to the text-only one; choosing restores both.
        m_pane->saveCurrentFilter();
        QCOMPARE(m_pane->savedFilters(), (QStringList{QStringLiteral("\"odd\", offsets 5–9, partition 0"), QStringLiteral("\"odd\"")}));
        QComboBox* saved = bar->savedCombo();
        QCOMPARE(saved->count(), 2);
        Q_EMIT saved->activated(1);  // "odd" alone
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 10, kTimeoutMs);
        QCOMPARE(bar->minOffsetEdit()->text(), QString());
        QCOMPARE(bar->partitionSpin()->value(), -1);
        Q_EMIT saved->activated(0);
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 3, kTimeoutMs);
        QCOMPARE(bar->maxOffsetEdit()->text(), QStringLiteral("9"));
        QCOMPARE(bar->partitionSpin()->value(), 0);

        // Time range: the sandbox stamps kcat's messages with their create
        // time; the newest's time keeps exactly the messages of that instant.
        Q_EMIT saved->activated(1);
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 10, kTimeoutMs);
        auto store = m_pane->model()->store();
        std::vector<qint64> expected;
        const qint64 newest = store->row(m_pane->model()->visibleRows().back()).timestamp;
        for (auto r : m_pane->model()->visibleRows()) {
            if (store->row(r).timestamp == newest) expected.push_back(store->row(r).offset);
        }
        bar->fromTimeEdit()->setText(QString::number(newest));
        bar->toTimeEdit()->setText(QString::number(newest));
        QTRY_COMPARE_WITH_TIMEOUT(visibleOffsets(), expected, kTimeoutMs);
        bar->toTimeEdit()->clear();
        bar->fromTimeEdit()->setText(QString::number(newest + 1));  // after every message
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 0, kTimeoutMs);
        bar->toTimeEdit()->setText(QString::number(newest));  // from after to: refused, named
        auto* filterStatus = bar->findChild<QLabel*>(QStringLiteral("filterStatus"));
        QTRY_VERIFY_WITH_TIMEOUT(filterStatus->text().contains(QStringLiteral("after the to time")), kTimeoutMs);
        Q_EMIT saved->activated(1);  // back to "odd" for the export below
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 10, kTimeoutMs);
    }

    void exportImportBrowseRoundTrip() {
        const QString path = m_dir.filePath(QStringLiteral("odd.jsonl"));
        QSignalSpy exported(m_pane.get(), &BrowserPane::exportFinished);
        m_pane->view()->clearSelection();
        m_pane->exportTo(path, BrowserPane::ExportFormat::JsonLines);
        QVERIFY(exported.wait(kTimeoutMs));
        QCOMPARE(exported.at(0).at(0).toLongLong(), 10);
        QCOMPARE(exported.at(0).at(1).toString(), QString());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll().count('\n'), 10);

        QSignalSpy imported(m_pane.get(), &BrowserPane::importFinished);
        m_pane->importFile(path, QStringLiteral("pane_dst"));
        QCOMPARE(imported.count(), 0);  // returns at once: the file is read and sent in the background
        QVERIFY(imported.wait(kTimeoutMs));
        QCOMPARE(imported.at(0).at(0).toLongLong(), 10);  // sent
        QCOMPARE(imported.at(0).at(1).toLongLong(), 0);   // failed
        QCOMPARE(imported.at(0).at(2).toString(), QString());

        std::vector<std::string> want = describeVisible();
        m_pane->filterEdit()->clear();
        m_pane->openTopic(QStringLiteral("pane_dst"));
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 10, kTimeoutMs);
        std::vector<std::string> got = describeVisible();
        std::sort(want.begin(), want.end());
        std::sort(got.begin(), got.end());
        QVERIFY(want == got);
        QVERIFY(std::find(want.begin(), want.end(), std::string("k1|{\"n\":1,\"kind\":\"odd\"}|src=kcat")) != want.end());

        // Re-produce two selected messages.
        m_pane->view()->selectRow(0);
        m_pane->view()->selectionModel()->select(m_pane->model()->index(1, 0),
                                                 QItemSelectionModel::Select | QItemSelectionModel::Rows);
        QSignalSpy produced(m_pane.get(), &BrowserPane::produceFinished);
        m_pane->reproduceSelected(QStringLiteral("pane_dst"));
        QVERIFY(produced.wait(kTimeoutMs));
        QCOMPARE(produced.at(0).at(0).toLongLong(), 2);
        // Nothing selected: nothing is re-sent or copied (not the whole table).
        m_pane->view()->clearSelection();
        m_pane->view()->setCurrentIndex({});
        m_pane->reproduceSelected(QStringLiteral("pane_dst"));
        QCOMPARE(produced.count(), 2);
        QCOMPARE(produced.at(1).at(0).toLongLong(), 0);
        QCOMPARE(produced.at(1).at(1).toString(), QStringLiteral("No messages selected."));
        QCOMPARE(m_pane->copySelectedAsJson(), QString());
        m_pane->bridge()->loadForward(100);
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 12, kTimeoutMs);
    }

    void latestMinusNOnePartition() {
        m_pane->startCombo()->setCurrentIndex(m_pane->startCombo()->findData(static_cast<int>(browse::StartKind::latest_minus_n)));
        m_pane->startValueEdit()->setText(QStringLiteral("3"));
        m_pane->openTopic(QStringLiteral("pane_src"), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->statusLabel()->text().contains(QStringLiteral("at the end")), kTimeoutMs);
        QCOMPARE(m_pane->model()->rowCount(), 3);
        QCOMPARE(m_pane->model()->index(0, MessageTableModel::OffsetColumn).data().toLongLong(), 17);
        m_pane->startValueEdit()->setText(QStringLiteral("-4"));
        m_pane->openTopic(QStringLiteral("pane_src"), 0);
        QVERIFY(m_pane->statusLabel()->text().contains(QStringLiteral("not a valid start value")));
    }

    void scanFindsExactlyTheMatchingMessages() {
        browse::FilterSpec needle;
        needle.text = "needle";
        needle.fields = browse::filter_value;
        m_pane->filterBar()->setSpec(needle);
        m_pane->topicEdit()->setText(QStringLiteral("scan_src"));
        m_pane->partitionSpin()->setValue(-1);
        setStart(browse::StartKind::earliest, {});
        const std::vector<qint64> all{0, 7, 14, 21, 28, 35, 42, 49};

        // Stops at N matches.
        auto result = scan(5, 1'000'000);
        QCOMPARE(result.state, ScanController::State::FoundAll);
        QCOMPARE(result.offsets, (std::vector<qint64>{0, 7, 14, 21, 28}));
        QCOMPARE(result.values.front(), std::string("m0 needle"));
        QCOMPARE(result.values.back(), std::string("m28 needle"));
        QTRY_COMPARE_WITH_TIMEOUT(m_pane->model()->rowCount(), 5, kTimeoutMs);
        QVERIFY(m_pane->scanStatusLabel()->text().contains(QStringLiteral("found 5 matches")));

        // Reaches the end of the log: every match, every message examined.
        result = scan(100, 1'000'000);
        QCOMPARE(result.state, ScanController::State::EndOfLog);
        QCOMPARE(result.offsets, all);
        QCOMPARE(result.examined, quint64(kScanSrcMessages));

        // Stops at exactly the examined limit, inside a 5-message batch.
        result = scan(100, 23);
        QCOMPARE(result.state, ScanController::State::LimitReached);
        QCOMPARE(result.examined, quint64(23));
        QCOMPARE(result.offsets, (std::vector<qint64>{0, 7, 14, 21}));
        QVERIFY(m_pane->scanStatusLabel()->text().contains(QStringLiteral("limit of 23")));

        // From an offset.
        setStart(browse::StartKind::offset, QStringLiteral("10"));
        result = scan(100, 1'000'000);
        QCOMPARE(result.state, ScanController::State::EndOfLog);
        QCOMPARE(result.offsets, (std::vector<qint64>{14, 21, 28, 35, 42, 49}));
        QCOMPARE(result.examined, quint64(kScanSrcMessages - 10));
        setStart(browse::StartKind::earliest, {});

        // Live tail is not a scan start; the reason is shown.
        setStart(browse::StartKind::tail, {});
        m_pane->scanButton()->click();
        QVERIFY(m_pane->scanStatusLabel()->text().contains(QStringLiteral("live tail")));
        setStart(browse::StartKind::earliest, {});
    }

    void cancelStopsAScanPromptly() {
        m_pane->topicEdit()->setText(QStringLiteral("scan_big"));  // the filter still says "needle": nothing matches
        m_pane->scanMatchesSpin()->setValue(100);
        m_pane->scanLimitSpin()->setValue(1'000'000);
        ScanController* scanner = m_pane->scanController();
        QSignalSpy finished(scanner, &ScanController::finished);
        m_pane->scanButton()->click();
        QCOMPARE(scanner->state(), ScanController::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(scanner->examined() > 0, kTimeoutMs);
        QVERIFY(m_pane->scanCancelButton()->isEnabled());
        m_pane->scanCancelButton()->click();
        QVERIFY(finished.wait(kTimeoutMs));
        QCOMPARE(scanner->state(), ScanController::State::Cancelled);
        const quint64 examined = scanner->examined();
        QVERIFY2(examined < quint64(kScanBigMessages), qPrintable(QString::number(examined)));
        qInfo("scan cancelled after examining %llu of %d messages", examined, kScanBigMessages);
        QVERIFY(!m_pane->bridge()->status().loading);
        QVERIFY(m_pane->bridge()->status().cancelled);
        QVERIFY(m_pane->scanStatusLabel()->text().contains(QStringLiteral("cancelled")));
        QVERIFY(!m_pane->scanCancelButton()->isEnabled());
        // The session fetches nothing more.
        QTest::qWait(1500);
        QCOMPARE(scanner->examined(), examined);
        QCOMPARE(m_pane->bridge()->status().examined, std::uint64_t(examined));
        QCOMPARE(m_pane->model()->store()->size(), std::size_t{0});
    }

    void importNamesAMalformedLineAndImportsTheRest() {
        // 1,200 lines (three chunks) with line 700 cut short.
        const QString path = m_dir.filePath(QStringLiteral("with_bad_line.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 1200; ++i) {
            if (i == 700) file.write("{\"key\":\"k700\",\"value\":\n");
            else file.write(QStringLiteral("{\"key\":\"k%1\",\"value\":\"v%1\",\"headers\":[{\"key\":\"n\",\"value\":\"%1\"}]}\n").arg(i).toUtf8());
        }
        file.close();
        QSignalSpy imported(m_pane.get(), &BrowserPane::importFinished);
        QSignalSpy badLines(m_pane->importJob(), &ImportJob::lineError);
        QSignalSpy progress(m_pane->importJob(), &ImportJob::progress);
        m_pane->importFile(path, QStringLiteral("import_bad"));
        QVERIFY(m_pane->importJob()->isRunning());
        QVERIFY(imported.wait(kTimeoutMs));
        QCOMPARE(imported.at(0).at(0).toLongLong(), 1199);
        QCOMPARE(imported.at(0).at(1).toLongLong(), 1);
        QCOMPARE(imported.at(0).at(2).toString(), QString());
        QCOMPARE(badLines.count(), 1);
        QCOMPARE(badLines.at(0).at(0).toLongLong(), 700);
        QVERIFY(badLines.at(0).at(1).toString().startsWith(QStringLiteral("line 700: ")));
        QVERIFY(progress.count() >= 3);  // one report per chunk at least
        const QString summary = m_pane->importStatusLabel()->text();
        QVERIFY2(summary.contains(QStringLiteral("1199 sent, 1 failed")) && summary.contains(QStringLiteral("line 700")), qPrintable(summary));

        // Browse it: every good line once, with its key, value and header.
        m_pane->filterBar()->setSpec({});
        setStart(browse::StartKind::earliest, {});
        m_pane->openTopic(QStringLiteral("import_bad"));
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->statusLabel()->text().contains(QStringLiteral("at the end")), kTimeoutMs);
        QCOMPARE(m_pane->model()->rowCount(), 1199);
        std::set<std::string> got;
        for (const std::string& line : describeVisible()) got.insert(line);
        std::set<std::string> want;
        for (int i = 1; i <= 1200; ++i) {
            if (i != 700) want.insert("k" + std::to_string(i) + "|v" + std::to_string(i) + "|n=" + std::to_string(i));
        }
        QVERIFY(got == want);

        // A file that is not there ends the job with the reason.
        m_pane->importFile(m_dir.filePath(QStringLiteral("missing.jsonl")), QStringLiteral("import_bad"));
        QVERIFY(imported.wait(kTimeoutMs));
        QVERIFY2(imported.at(1).at(2).toString().contains(QStringLiteral("cannot read")), qPrintable(imported.at(1).at(2).toString()));
    }

    void cancelledImportSendsOnlyWhatItReports() {
        constexpr int kLines = 50'000;
        const QString path = m_dir.filePath(QStringLiteral("big.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 0; i < kLines; ++i) file.write(QStringLiteral("{\"key\":\"c%1\",\"value\":\"%2\"}\n").arg(i).arg(QString(100, QLatin1Char('x'))).toUtf8());
        file.close();
        QSignalSpy imported(m_pane.get(), &BrowserPane::importFinished);
        // Cancel as soon as the first chunk is acknowledged.
        QPushButton* cancel = m_pane->importCancelButton();
        auto once = std::make_shared<QMetaObject::Connection>();
        *once = connect(m_pane->importJob(), &ImportJob::progress, this, [cancel, once](qint64, qint64 sentSoFar, qint64) {
            if (sentSoFar == 0) return;
            QObject::disconnect(*once);
            cancel->click();
        });
        m_pane->importFile(path, QStringLiteral("import_cancel"));
        QVERIFY(cancel->isVisible());
        QVERIFY(imported.wait(kTimeoutMs));
        const qint64 sent = imported.at(0).at(0).toLongLong();
        QVERIFY2(sent > 0, "the first chunk was acknowledged before the cancel");
        QVERIFY2(imported.at(0).at(2).toString().contains(QStringLiteral("cancelled")), qPrintable(imported.at(0).at(2).toString()));
        QVERIFY2(sent < kLines, qPrintable(QString::number(sent)));
        QCOMPARE(imported.at(0).at(1).toLongLong(), 0);
        QVERIFY(!m_pane->importCancelButton()->isVisible());
        qInfo("import cancelled after sending %lld of %d messages", sent, kLines);
        // The topic holds exactly what was reported sent, the file's first lines.
        m_pane->openTopic(QStringLiteral("import_cancel"));
        QTRY_VERIFY_WITH_TIMEOUT(m_pane->statusLabel()->text().contains(QStringLiteral("at the end")), kTimeoutMs);
        QCOMPARE(qint64(m_pane->model()->rowCount()), sent);
        auto store = m_pane->model()->store();
        for (qint64 r = 0; r < sent; ++r) {
            QCOMPARE(std::string(browse::as_text(*store->ref(static_cast<std::size_t>(r)).key)), "c" + std::to_string(r));
        }
    }

    void cleanupTestCase() {
        m_tester.reset();
        m_pane.reset();
        m_bridge.reset();
    }

private:
    struct ScanResult {
        ScanController::State state = ScanController::State::Idle;
        quint64 examined = 0;
        std::vector<qint64> offsets;
        std::vector<std::string> values;
    };

    // Clicks "Scan broker" and waits for the scan to end; its store holds only the matches.
    ScanResult scan(int matches, int limit) {
        m_pane->scanMatchesSpin()->setValue(matches);
        m_pane->scanLimitSpin()->setValue(limit);
        ScanController* scanner = m_pane->scanController();
        QSignalSpy finished(scanner, &ScanController::finished);
        m_pane->scanButton()->click();
        ScanResult out;
        if (!finished.wait(kTimeoutMs)) return out;
        out.state = scanner->state();
        out.examined = scanner->examined();
        auto store = m_pane->model()->store();
        for (std::size_t r = 0; r < store->size(); ++r) {
            out.offsets.push_back(store->row(r).offset);
            out.values.emplace_back(browse::as_text(*store->ref(r).value));
        }
        return out;
    }

    void setStart(browse::StartKind kind, const QString& value) {
        m_pane->startCombo()->setCurrentIndex(m_pane->startCombo()->findData(static_cast<int>(kind)));
        m_pane->startValueEdit()->setText(value);
    }

    std::vector<qint64> visibleOffsets() {
        std::vector<qint64> out;
        for (int r = 0; r < m_pane->model()->rowCount(); ++r) {
            out.push_back(m_pane->model()->index(r, MessageTableModel::OffsetColumn).data().toLongLong());
        }
        return out;
    }

    // kcat -P to partition 0 of `topic`, one message per line.
    bool kcat(const QString& topic, const QStringList& lines, const QStringList& extra) {
        QProcess process;
        process.start(QStringLiteral("kcat"), QStringList{QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                                          topic, QStringLiteral("-p"), QStringLiteral("0")} + extra);
        if (!process.waitForStarted()) return false;
        process.write((lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8());
        process.closeWriteChannel();
        return process.waitForFinished(kTimeoutMs * 2) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    std::vector<std::string> describeVisible() {
        std::vector<std::string> out;
        auto store = m_pane->model()->store();
        for (auto r : m_pane->model()->visibleRows()) {
            const auto m = store->ref(r);
            std::string line = std::string(browse::as_text(*m.key)) + "|" + std::string(browse::as_text(*m.value)) + "|";
            for (const auto& h : m.headers()) line += std::string(h.key) + "=" + std::string(browse::as_text(*h.value));
            out.push_back(line);
        }
        return out;
    }

    QTemporaryDir m_dir;
    QString m_bootstrap;
    std::unique_ptr<EngineBridge> m_bridge;
    std::unique_ptr<BrowserPane> m_pane;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

QTEST_MAIN(BrowserPaneTest)
#include "tst_browser_pane.moc"
