// The browser pane, offscreen, against a sandbox from the CTest fixture
// (KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE): kcat writes JSON messages with keys
// and headers; the pane loads them, filters without refetching, shows a
// message as pretty JSON, exports the filtered set as JSON Lines, imports
// that file into another topic and browses it (same keys, values, headers),
// re-produces a selection, saves a filter per topic, and opens from
// "latest minus N". QAbstractItemModelTester watches the model throughout.
#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QTableWidget>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "bridge/browse_bridge.h"
#include "bridge/engine_bridge.h"
#include "browse/text_encoding.h"
#include "browser/browser_pane.h"
#include "browser/message_detail_view.h"
#include "browser/message_table_model.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {
constexpr int kTimeoutMs = 30'000;
}

class BrowserPaneTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("kafkascope-test"));
        const QByteArray file = qgetenv("KAFKASCOPE_SANDBOX_BOOTSTRAP_FILE");
        QVERIFY(!file.isEmpty());
        QFile bootstrapFile(QString::fromLocal8Bit(file));
        QVERIFY(bootstrapFile.open(QIODevice::ReadOnly));
        m_bootstrap = QString::fromUtf8(bootstrapFile.readLine()).trimmed();
        // 20 JSON messages on partition 0, keyed, with a header.
        QProcess kcat;
        kcat.start(QStringLiteral("kcat"), {QStringLiteral("-P"), QStringLiteral("-b"), m_bootstrap, QStringLiteral("-t"),
                                            QStringLiteral("pane_src"), QStringLiteral("-p"), QStringLiteral("0"),
                                            QStringLiteral("-z"), QStringLiteral("lz4"), QStringLiteral("-K|"),
                                            QStringLiteral("-H"), QStringLiteral("src=kcat")});
        QVERIFY(kcat.waitForStarted());
        for (int i = 0; i < 20; ++i) {
            kcat.write(QStringLiteral("k%1|{\"n\":%1,\"kind\":\"%2\"}\n").arg(i).arg(i % 2 ? QStringLiteral("odd") : QStringLiteral("even")).toUtf8());
        }
        kcat.closeWriteChannel();
        QVERIFY(kcat.waitForFinished(kTimeoutMs));
        QCOMPARE(kcat.exitCode(), 0);

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

        QSignalSpy produced(m_pane.get(), &BrowserPane::produceFinished);
        m_pane->importFile(path, QStringLiteral("pane_dst"));
        QVERIFY(produced.wait(kTimeoutMs));
        QCOMPARE(produced.at(0).at(1).toString(), QString());
        QCOMPARE(produced.at(0).at(0).toLongLong(), 10);

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
        m_pane->reproduceSelected(QStringLiteral("pane_dst"));
        QVERIFY(produced.wait(kTimeoutMs));
        QCOMPARE(produced.at(1).at(0).toLongLong(), 2);
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

    void cleanupTestCase() {
        m_tester.reset();
        m_pane.reset();
        m_bridge.reset();
    }

private:
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
