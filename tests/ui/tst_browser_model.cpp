// MessageTableModel under QAbstractItemModelTester, fed from a MessageStore
// built from real record batches (no broker): appends at the end, merges of
// interleaved partitions (layoutChanged keeps the current row on its
// message), streamed filter results, rows arriving during a filter job, and
// the display strings of visible rows only.
#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QSettings>
#include <QTemporaryDir>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QThreadPool>
#include <QTextDocument>
#include <QTextLayout>
#include <QPushButton>
#include <QtTest>
#include <atomic>

#include "browse/message_filter.h"
#include "browser/filter_runner.h"
#include "browser/message_detail_view.h"
#include "browser/message_table_model.h"
#include "records/record_batch_writer.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {

// n records with value "v<first+i>", timestamps ts0 + step * i.
records::DecodedBatch makeBatch(std::int64_t base, int n, std::int64_t ts0, std::int64_t step, const std::string& prefix = "v") {
    std::vector<records::Record> recs;
    for (int i = 0; i < n; ++i) {
        records::Record r;
        const std::string v = prefix + std::to_string(base + i);
        r.value = records::Bytes(v.begin(), v.end());
        r.key = records::Bytes{'k'};
        r.headers.push_back({"h", records::Bytes{'1'}});
        r.timestamp_ms = ts0 + step * i;
        recs.push_back(std::move(r));
    }
    records::BatchOptions options;
    options.base_offset = base;
    options.compression = records::Compression::lz4;
    auto encoded = records::write_record_batch(recs, options);
    auto decoded = records::decode_records(*encoded);
    return std::move(decoded.batches.front());
}

// A store holding one message per value, partition 0, offsets from 0.
std::shared_ptr<browse::MessageStore> storeOf(std::vector<records::Bytes> values) {
    auto store = std::make_shared<browse::MessageStore>();
    std::vector<records::Record> recs(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) recs[i].value = std::move(values[i]);
    auto encoded = records::write_record_batch(recs, {});
    auto decoded = records::decode_records(*encoded);
    store->append(decoded.batches.front(), 0);
    return store;
}

}  // namespace

class BrowserModelTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void appendsAndMergesUnderTheTester() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);

        store->append(makeBatch(0, 10, 1000, 10), 0);  // ts 1000..1090
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(inserted.count(), 1);
        QPersistentModelIndex current = model.index(3, MessageTableModel::ValueColumn);
        QCOMPARE(current.data().toString(), QStringLiteral("v3"));

        store->append(makeBatch(0, 10, 1005, 10, "p"), 1);  // ts 1005..1095: interleaves
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(layout.count(), 1);
        QCOMPARE(current.data().toString(), QStringLiteral("v3"));  // still on its message
        QCOMPARE(current.row(), 6);
        for (int r = 0; r < 20; ++r) {
            const QString expected = (r % 2 == 0 ? QStringLiteral("v") : QStringLiteral("p")) + QString::number(r / 2);
            QCOMPARE(model.index(r, MessageTableModel::ValueColumn).data().toString(), expected);
        }
        QCOMPARE(model.index(1, MessageTableModel::PartitionColumn).data().toInt(), 1);
        QCOMPARE(model.index(0, MessageTableModel::TimestampColumn).data().toString(),
                 QStringLiteral("1970-01-01 00:00:01.000 (create)"));
        QCOMPARE(model.index(0, MessageTableModel::HeadersColumn).data().toInt(), 1);
        QCOMPARE(model.index(0, MessageTableModel::KeyColumn).data().toString(), QStringLiteral("k"));
    }

    void interleavedRowsReplaceTheTailWhenNothingHoldsIt() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        store->append(makeBatch(0, 100, 1000, 10), 0);  // ts 1000..1990
        model.appendAvailable();
        store->append(makeBatch(0, 10, 1905, 10, "p"), 1);  // ts 1905..1995: into the last 10
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 110);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), 91);  // only the tail after v90 went and came back
        QCOMPARE(model.index(89, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("v89"));
        QCOMPARE(model.index(90, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("v90"));
        QCOMPARE(model.index(91, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("p0"));
        QCOMPARE(model.index(109, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("p9"));
    }

    // Rows merging into a selected stretch: the same messages stay selected
    // (the selection's persistent indexes are made while the model announces
    // the change, so they must be read after that signal).
    void aSelectionKeepsItsMessagesWhenRowsMergeIn() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        store->append(makeBatch(0, 100, 1000, 10), 0);  // v0..v99 at ts 1000..1990
        model.appendAvailable();
        QItemSelectionModel selection(&model);
        selection.select(QItemSelection(model.index(30, 0), model.index(70, 0)),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection.setCurrentIndex(model.index(50, 0), QItemSelectionModel::NoUpdate);
        auto selectedValues = [&] {
            QStringList values;
            for (const QModelIndex& i : selection.selectedRows(MessageTableModel::ValueColumn)) values << i.data().toString();
            values.sort();
            return values;
        };
        const QStringList before = selectedValues();
        QCOMPARE(before.size(), 41);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        store->append(makeBatch(0, 4, 1305, 100, "p"), 1);  // ts 1305, 1405, 1505, 1605: inside the selection
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 104);
        QCOMPARE(layout.count(), 1);
        QCOMPARE(selectedValues(), before);
        QCOMPARE(selection.currentIndex().siblingAtColumn(MessageTableModel::ValueColumn).data().toString(), QStringLiteral("v50"));
    }

    void rowsPastTheMergeFrontierWaitForLaggingPartitions() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setLoadingPartitions({{0}, {1}});
        store->append(makeBatch(0, 10, 1000, 10), 0);  // ts 1000..1090
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 0);  // partition 1 has shown nothing yet
        QCOMPARE(model.heldBackCount(), std::size_t{10});
        store->append(makeBatch(0, 10, 1005, 10, "p"), 1);  // ts 1005..1095
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 19);  // up to the frontier 1090; p9 (1095) waits
        model.setLoadingPartitions({});  // loading ended
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 20);
        QCOMPARE(removed.count(), 0);  // every batch went at the end
        QCOMPARE(model.index(19, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("p9"));
        QCOMPARE(model.index(18, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("v9"));
    }

    // A scan: partition 1 has been read up to ts 1050 but kept nothing; the
    // matches of partition 0 up to there show at once, not at the scan's end.
    void aPartitionThatKeptNothingHoldsBackOnlyWhatIsNewerThanItsReading() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        model.setLoadingPartitions({{0, 1090}, {1}});
        store->append(makeBatch(0, 10, 1000, 10), 0);  // ts 1000..1090
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 0);  // partition 1 has not been read at all yet
        // Read up to 1050, but said of a store of 20 rows while the model has
        // taken 10: rows the engine read may still be untaken, so no release.
        model.setLoadingPartitions({{0, 1090}, {1, 1050}}, 20);
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 0);
        model.setLoadingPartitions({{0, 1090}, {1, 1050}}, 10);
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 6);  // ts 1000..1050
        QCOMPARE(model.heldBackCount(), std::size_t{4});
    }

    // A wake-up that finds 100,000 new rows takes one slice now and the rest
    // on later turns of the event loop, each slice appended at the end.
    void aBigBacklogIsTakenInSlices() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        constexpr int kRows = 100'000;
        store->append(makeBatch(0, kRows / 2, 0, 2), 0);      // even timestamps
        store->append(makeBatch(0, kRows / 2, 1, 2, "p"), 1);  // odd ones: interleaved
        model.appendAvailable();
        QCOMPARE(static_cast<std::size_t>(model.rowCount()), MessageTableModel::kRowsPerSlice);
        QVERIFY(model.heldBackCount() > 0 || model.loadedCount() < std::size_t{kRows});
        // More wake-ups before the event loop runs take nothing: the queued
        // slice will (several slices in one pass stalled the UI).
        model.appendAvailable();
        model.appendAvailable();
        QCOMPARE(static_cast<std::size_t>(model.rowCount()), MessageTableModel::kRowsPerSlice);
        QTRY_COMPARE(model.rowCount(), kRows);
        QCOMPARE(model.heldBackCount(), std::size_t{0});
        QVERIFY(inserted.count() >= kRows / static_cast<int>(MessageTableModel::kRowsPerSlice));
        // In time order: timestamps 0, 1, 2, ... alternate between the partitions.
        QCOMPARE(model.index(0, MessageTableModel::PartitionColumn).data().toInt(), 0);
        QCOMPARE(model.index(1, MessageTableModel::PartitionColumn).data().toInt(), 1);
        QCOMPARE(model.index(kRows - 1, MessageTableModel::PartitionColumn).data().toInt(), 1);
        QCOMPARE(model.index(kRows - 1, MessageTableModel::ValueColumn).data().toString(),
                 QStringLiteral("p%1").arg(kRows / 2 - 1));
    }

    void filterStreamsChunksAndTestsLateRows() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::partition_offset);
        store->append(makeBatch(0, 200'000, 0, 1), 0);
        model.appendAvailable();
        QTRY_COMPARE(model.rowCount(), 200'000);  // slice by slice (see the next case)
        FilterRunner runner(model);
        QSignalSpy done(&runner, &FilterRunner::finished);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        browse::FilterSpec spec;
        spec.text = QStringLiteral("v1999").toStdString();  // v1999, v19990..v19999, v199900..v199999
        QCOMPARE(runner.apply(spec), QString());
        // Rows arriving while the job runs are tested by one more worker run
        // and counted with the rest.
        store->append(makeBatch(200'000, 10, 0, 1, "v1999-late-"), 0);
        model.appendAvailable();
        QVERIFY(done.wait(20'000));
        QCOMPARE(done.at(0).at(0).toLongLong(), 121);  // matched
        QCOMPARE(done.at(0).at(1).toLongLong(), 200'010);  // examined
        QCOMPARE(model.rowCount(), 121);
        QVERIFY(inserted.count() >= 2);  // streamed, not one insert per row
        QCOMPARE(model.index(0, MessageTableModel::OffsetColumn).data().toLongLong(), 1999);
        QCOMPARE(model.index(120, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("v1999-late-200009"));

        spec.text = "([bad";
        spec.regex = true;
        QVERIFY(runner.apply(spec).contains(QStringLiteral("([bad")));
        spec.text = "^v12345$";
        QCOMPARE(runner.apply(spec), QString());
        QVERIFY(done.wait(20'000));
        QCOMPARE(model.rowCount(), 1);
        runner.apply(browse::FilterSpec{});
        QCOMPARE(model.rowCount(), 200'010);
    }

    // Older rows that match arrive while filtered: merged in before the
    // current message, which stays current (no reset).
    void olderMatchesMergeInWithoutLosingTheCurrentMessage() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        store->append(makeBatch(100, 100, 10'000, 10), 0);  // v100..v199
        model.appendAvailable();
        FilterRunner runner(model);
        QSignalSpy done(&runner, &FilterRunner::finished);
        browse::FilterSpec spec;
        spec.text = "v1";
        QCOMPARE(runner.apply(spec), QString());
        QVERIFY(done.wait(10'000));
        QCOMPARE(model.rowCount(), 100);
        QItemSelectionModel selection(&model);
        selection.setCurrentIndex(model.index(5, 0), QItemSelectionModel::SelectCurrent | QItemSelectionModel::Rows);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        store->append(makeBatch(0, 10, 0, 10, "v1-old-"), 1);  // older, and matching
        model.appendAvailable();
        QCOMPARE(model.rowCount(), 110);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.index(0, MessageTableModel::ValueColumn).data().toString(), QStringLiteral("v1-old-0"));
        QCOMPARE(selection.currentIndex().row(), 15);
        QCOMPARE(selection.currentIndex().siblingAtColumn(MessageTableModel::ValueColumn).data().toString(),
                 QStringLiteral("v105"));
        QCOMPARE(selection.selectedRows().size(), 1);
    }

    void detailFormatsAndTruncatesBigValues() {
        const std::string json = R"({"a":1,"b":[true,null]})";
        const auto bytes = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(json.data()), json.size());
        QCOMPARE(guessFormat(bytes), ValueFormat::Json);
        QVERIFY(renderBytes(bytes, ValueFormat::Auto).contains(QStringLiteral("\n    \"b\": [")));
        QCOMPARE(renderBytes(bytes.first(4), ValueFormat::Hex),
                 QStringLiteral("00000000  7b 22 61 22 ") + QString(37, QLatin1Char(' ')) + QStringLiteral(" {\"a\"\n"));
        QCOMPARE(renderBytes(bytes.first(3), ValueFormat::Base64), QStringLiteral("eyJh"));
        const std::uint8_t binary[] = {0xff, 0x00};
        QCOMPARE(guessFormat(binary), ValueFormat::Hex);

        // Folding: only lines over the width are broken, and nothing is lost.
        QString text = QString(10, QLatin1Char('a')) + QLatin1Char('\n') + QString(9, QLatin1Char('b'));
        QCOMPARE(foldLongLines(text, 4), std::size_t{4});
        QCOMPARE(text, QStringLiteral("aaaa\naaaa\naa\nbbbb\nbbbb\nb"));
        QString shortText = QStringLiteral("abc\nde");
        QCOMPARE(foldLongLines(shortText, 4), std::size_t{0});
        QCOMPARE(shortText, QStringLiteral("abc\nde"));
        // A preview cut inside a UTF-8 sequence stays text (not hex).
        const std::string euros = std::string(10, 'a') + "\xe2\x82\xac\xe2\x82\xac";
        const auto eurosBytes = std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(euros.data()), euros.size());
        const RenderedPayload cut = renderForDisplay(eurosBytes, ValueFormat::Auto, 12, 4096);
        QVERIFY(cut.truncated);
        QCOMPARE(cut.text, QString(10, QLatin1Char('a')));
    }

    // The format chosen for a topic is remembered (QSettings) and used by a
    // new view of the same topic; another topic keeps guessing.
    void detailRemembersTheFormatPerTopic() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.path());
        QCoreApplication::setOrganizationName(QStringLiteral("kafkascope-test"));
        auto store = storeOf({records::Bytes{'{', '}'}});
        {
            MessageDetailView view;
            view.setTopic(QStringLiteral("orders"));
            view.showMessage(store, 0);
            QCOMPARE(view.valueEdit()->toPlainText(), QStringLiteral("{}\n"));  // guessed: JSON
            view.formatCombo()->setCurrentIndex(view.formatCombo()->findData(static_cast<int>(ValueFormat::Hex)));
            QVERIFY(view.valueEdit()->toPlainText().startsWith(QStringLiteral("00000000  7b 7d")));
        }
        MessageDetailView again;
        again.setTopic(QStringLiteral("orders"));
        again.showMessage(store, 0);
        QCOMPARE(again.formatCombo()->currentData().toInt(), static_cast<int>(ValueFormat::Hex));
        QVERIFY(again.valueEdit()->toPlainText().startsWith(QStringLiteral("00000000  7b 7d")));
        again.setTopic(QStringLiteral("audit"));
        again.showMessage(store, 0);
        QCOMPARE(again.formatCombo()->currentData().toInt(), static_cast<int>(ValueFormat::Auto));
        QCOMPARE(again.valueEdit()->toPlainText(), QStringLiteral("{}\n"));
    }

    // A 5 MB one-line value: the preview and "Load all" are rendered on a
    // worker (the view says so while it works), folded so the text widget
    // lays out only visible lines, and every byte arrives.
    void detailLoadsAFiveMegabyteValueOffTheUiThread() {
        std::string big(5'000'000, 'x');
        for (std::size_t i = 0; i < big.size(); i += 1000) big[i] = static_cast<char>('a' + (i / 1000) % 26);
        auto store = storeOf({records::Bytes(big.begin(), big.end()), records::Bytes{'o', 'k'}});
        MessageDetailView view;
        QSignalSpy shown(&view, &MessageDetailView::valueShown);
        view.showMessage(store, 0);
        QVERIFY(view.isRendering());
        QVERIFY(shown.wait(10'000));
        QVERIFY(view.isTruncated());
        QString preview = view.valueEdit()->toPlainText();
        QVERIFY(preview.count(QLatin1Char('\n')) > 0);  // folded
        preview.remove(QLatin1Char('\n'));
        QCOMPARE(preview, QString::fromLatin1(big.data(), qsizetype(MessageDetailView::kPreviewBytes)));
        QVERIFY(!view.loadAllButton()->isHidden());

        view.loadAllButton()->click();
        QVERIFY(view.isRendering());
        QVERIFY(shown.wait(30'000));
        QVERIFY(!view.isTruncated());
        QVERIFY(view.loadAllButton()->isHidden());
        QString whole = view.valueEdit()->toPlainText();
        whole.remove(QLatin1Char('\n'));
        QCOMPARE(whole.size(), qsizetype(big.size()));
        QVERIFY(whole == QString::fromLatin1(big.data(), qsizetype(big.size())));

        // Selecting another message drops the late result of the first.
        view.showMessage(store, 0);
        view.showMessage(store, 1);
        QVERIFY(!view.isRendering());
        QCOMPARE(view.valueEdit()->toPlainText(), QStringLiteral("ok"));
        // Let the first message's worker finish and its result be delivered.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(30'000));
        QCoreApplication::processEvents();
        QCOMPARE(view.valueEdit()->toPlainText(), QStringLiteral("ok"));
    }

    // Binary is hex-dumped (fast path, exact layout) and big JSON is shown
    // pretty-printed but not coloured.
    void detailHexDumpsBinaryAndSkipsColouringHugeJson() {
        std::vector<std::uint8_t> binary(40'000);
        for (std::size_t i = 0; i < binary.size(); ++i) binary[i] = static_cast<std::uint8_t>(i * 7);
        const QString dump = renderBytes(binary, ValueFormat::Auto);
        const QStringList lines = dump.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), qsizetype(2500));
        QCOMPARE(lines[1], QStringLiteral("00000010  70 77 7e 85 8c 93 9a a1  a8 af b6 bd c4 cb d2 d9  pw~............."));
        QCOMPARE(lines[2499].left(10), QStringLiteral("00009c30  "));

        std::string json = "[";
        for (int i = 0; i < 60'000; ++i) json += (i ? ",{\"n\":" : "{\"n\":") + std::to_string(i) + "}";
        json += "]";
        const std::string smallJson = R"({"ok":true})";
        auto store = storeOf({records::Bytes(json.begin(), json.end()), records::Bytes(smallJson.begin(), smallJson.end())});
        MessageDetailView view;
        QSignalSpy shown(&view, &MessageDetailView::valueShown);
        view.showMessage(store, 0);
        QVERIFY(shown.wait(10'000));  // a 600 KB preview: cut JSON, shown as text
        view.loadAllButton()->click();
        QVERIFY(shown.wait(30'000));
        const QString pretty = view.valueEdit()->toPlainText();
        QVERIFY(pretty.size() > MessageDetailView::kMaxColouredChars);
        QVERIFY(pretty.startsWith(QStringLiteral("[\n    {\n        \"n\": 0\n    },")));
        // The highlighter colours in a later pass of the event loop: give it
        // one, then look at a member line ("n": 0), which it would colour.
        QTest::qWait(300);
        const QTextBlock member = view.valueEdit()->document()->findBlockByNumber(2);
        QCOMPARE(member.text(), QStringLiteral("        \"n\": 0"));
        QVERIFY(member.layout()->formats().isEmpty());
        view.showMessage(store, 1);
        QCOMPARE(view.valueEdit()->toPlainText(), QStringLiteral("{\n    \"ok\": true\n}\n"));
        QTRY_VERIFY(!view.valueEdit()->document()->firstBlock().next().layout()->formats().isEmpty());
    }
};

QTEST_MAIN(BrowserModelTest)
#include "tst_browser_model.moc"
