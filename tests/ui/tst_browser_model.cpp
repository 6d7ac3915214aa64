// MessageTableModel under QAbstractItemModelTester, fed from a MessageStore
// built from real record batches (no broker): appends at the end, merges of
// interleaved partitions (layoutChanged keeps the current row on its
// message), streamed filter results, rows arriving during a filter job, and
// the display strings of visible rows only.
#include <QAbstractItemModelTester>
#include <QPlainTextEdit>
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

    void rowsPastTheMergeFrontierWaitForLaggingPartitions() {
        auto store = std::make_shared<browse::MessageStore>();
        MessageTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setStore(store, browse::OrderBy::time);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setLoadingPartitions({0, 1});
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
        // Rows arriving while the job runs are tested once it is done.
        store->append(makeBatch(200'000, 10, 0, 1, "v1999-late-"), 0);
        model.appendAvailable();
        QVERIFY(done.wait(20'000));
        QCOMPARE(done.at(0).at(0).toLongLong(), 111);
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

        auto store = std::make_shared<browse::MessageStore>();
        std::vector<records::Record> recs(1);
        recs[0].value = records::Bytes(3'000'000, 'x');
        auto encoded = records::write_record_batch(recs, {});
        auto decoded = records::decode_records(*encoded);
        store->append(decoded.batches.front(), 0);
        MessageDetailView view;
        view.showMessage(store, 0);
        QVERIFY(view.isTruncated());
        QCOMPARE(view.valueEdit()->toPlainText().size(), qsizetype(MessageDetailView::kPreviewBytes));
        QVERIFY(!view.loadAllButton()->isHidden());
        view.loadAllButton()->click();
        QCOMPARE(view.valueEdit()->toPlainText().size(), qsizetype(3'000'000));
        QVERIFY(!view.isTruncated());
    }
};

QTEST_MAIN(BrowserModelTest)
#include "tst_browser_model.moc"
