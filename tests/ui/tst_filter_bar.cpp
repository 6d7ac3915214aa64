// The browser's filter bar over a store of real record batches (no broker):
// offset range, time range and partition filters, alone and combined with
// text, each keep exactly the expected rows when run by the FilterRunner
// worker; bad range input names the field; saved filters keep the ranges
// and older saved entries (text only) still load.
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QtTest>
#include <set>

#include "browse/text_encoding.h"
#include "browser/filter_bar.h"
#include "browser/filter_runner.h"
#include "browser/message_table_model.h"
#include "records/record_batch_writer.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {

// Ten records with values prefix0..prefix9 at offsets 0..9, timestamps ts0 + 10 * i.
records::DecodedBatch makeBatch(std::int64_t ts0, const std::string& prefix) {
    std::vector<records::Record> recs;
    for (int i = 0; i < 10; ++i) {
        records::Record r;
        const std::string v = prefix + std::to_string(i);
        r.value = records::Bytes(v.begin(), v.end());
        r.timestamp_ms = ts0 + 10 * i;
        recs.push_back(std::move(r));
    }
    auto encoded = records::write_record_batch(recs, {});
    auto decoded = records::decode_records(*encoded);
    return std::move(decoded.batches.front());
}

using Shown = std::set<std::string>;

}  // namespace

class FilterBarTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() {
        m_store = std::make_shared<browse::MessageStore>();
        m_store->append(makeBatch(1000, "a"), 0);  // partition 0: a0..a9, ts 1000..1090
        m_store->append(makeBatch(1005, "b"), 1);  // partition 1: b0..b9, ts 1005..1095
        m_model = std::make_unique<MessageTableModel>();
        m_model->setStore(m_store, browse::OrderBy::time);
        m_model->appendAvailable();
        QCOMPARE(m_model->rowCount(), 20);
        m_runner = std::make_unique<FilterRunner>(*m_model);
        m_bar = std::make_unique<FilterBar>();
    }

    void offsetRangeKeepsExactlyThoseOffsets() {
        m_bar->minOffsetEdit()->setText(QStringLiteral("3"));
        m_bar->maxOffsetEdit()->setText(QStringLiteral("5"));
        QCOMPARE(applied(), (Shown{"a3", "a4", "a5", "b3", "b4", "b5"}));
        m_bar->maxOffsetEdit()->clear();  // open above
        m_bar->minOffsetEdit()->setText(QStringLiteral("8"));
        QCOMPARE(applied(), (Shown{"a8", "a9", "b8", "b9"}));
    }

    void timeRangeKeepsExactlyThoseTimes() {
        m_bar->fromTimeEdit()->setText(QStringLiteral("1040"));
        m_bar->toTimeEdit()->setText(QStringLiteral("1060"));
        QCOMPARE(applied(), (Shown{"a4", "a5", "a6", "b4", "b5"}));  // b: 1045, 1055
        // An ISO date-time is the same instant.
        m_bar->fromTimeEdit()->setText(QStringLiteral("1970-01-01T00:00:01.085Z"));
        m_bar->toTimeEdit()->clear();
        QCOMPARE(applied(), (Shown{"a9", "b8", "b9"}));  // 1090; 1085, 1095
    }

    void partitionKeepsOnlyThatPartition() {
        m_bar->partitionSpin()->setValue(1);
        Shown all_b;
        for (int i = 0; i < 10; ++i) all_b.insert("b" + std::to_string(i));
        QCOMPARE(applied(), all_b);
        m_bar->partitionSpin()->setValue(7);
        QCOMPARE(applied(), Shown{});
        m_bar->partitionSpin()->setValue(-1);  // "any partition" again
        QCOMPARE(applied().size(), std::size_t{20});
    }

    void rangesCombineWithText() {
        m_bar->textEdit()->setText(QStringLiteral("b"));
        m_bar->minOffsetEdit()->setText(QStringLiteral("2"));
        m_bar->maxOffsetEdit()->setText(QStringLiteral("7"));
        m_bar->toTimeEdit()->setText(QStringLiteral("1050"));  // b4 is 1045, b5 1055
        QCOMPARE(applied(), (Shown{"b2", "b3", "b4"}));
        m_bar->partitionSpin()->setValue(0);  // text says b, partition says a: nothing
        QCOMPARE(applied(), Shown{});
    }

    void badRangesNameTheField() {
        QString error;
        m_bar->minOffsetEdit()->setText(QStringLiteral("ten"));
        m_bar->spec(&error);
        QVERIFY2(error.contains(QStringLiteral("'ten'")) && error.contains(QStringLiteral("min offset")), qPrintable(error));
        m_bar->minOffsetEdit()->setText(QStringLiteral("9"));
        m_bar->maxOffsetEdit()->setText(QStringLiteral("2"));
        m_bar->spec(&error);
        QVERIFY2(error.contains(QStringLiteral("above the max offset")), qPrintable(error));
        m_bar->maxOffsetEdit()->clear();
        m_bar->toTimeEdit()->setText(QStringLiteral("yesterday"));
        m_bar->spec(&error);
        QVERIFY2(error.contains(QStringLiteral("'yesterday'")) && error.contains(QStringLiteral("to time")), qPrintable(error));
        m_bar->toTimeEdit()->clear();
        m_bar->spec(&error);
        QCOMPARE(error, QString());
    }

    void savedFormKeepsRangesAndReadsOldEntries() {
        browse::FilterSpec spec;
        spec.text = "odd";
        spec.regex = true;
        spec.case_sensitive = false;
        spec.fields = browse::filter_value;
        spec.min_offset = 3;
        spec.max_time = 1'700'000'000'000;
        spec.partition = 2;
        const QString entry = FilterBar::encode(spec);
        const auto back = FilterBar::decode(entry);
        QVERIFY(back.has_value());
        QCOMPARE(back->text, spec.text);
        QVERIFY(back->regex && !back->case_sensitive);
        QCOMPARE(back->fields, spec.fields);
        QCOMPARE(back->min_offset, spec.min_offset);
        QVERIFY(!back->max_offset && !back->min_time);
        QCOMPARE(back->max_time, spec.max_time);
        QCOMPARE(back->partition, spec.partition);
        QCOMPARE(FilterBar::describe(*back), QStringLiteral("odd, offsets 3–, time –1700000000000, partition 2"));

        // The bar shows a decoded entry field by field.
        m_bar->setSpec(*back);
        QCOMPARE(m_bar->minOffsetEdit()->text(), QStringLiteral("3"));
        QCOMPARE(m_bar->toTimeEdit()->text(), QStringLiteral("1700000000000"));
        QCOMPARE(m_bar->partitionSpin()->value(), 2);
        QVERIFY(m_bar->regexCheck()->isChecked());

        // An entry saved before ranges existed: text, regex, case, fields.
        const QString old = QStringList{QStringLiteral("\"odd\""), QStringLiteral("0"), QStringLiteral("1"), QStringLiteral("2")}
                                .join(QChar(0x1F));
        const auto legacy = FilterBar::decode(old);
        QVERIFY(legacy.has_value());
        QCOMPARE(legacy->text, std::string("\"odd\""));
        QVERIFY(!legacy->min_offset && !legacy->partition);
        QVERIFY(!FilterBar::decode(QStringLiteral("just text")).has_value());
    }

private:
    // Applies the bar's spec through the FilterRunner (worker thread) and
    // returns the values of the rows the model then shows.
    Shown applied() {
        QString error;
        const browse::FilterSpec spec = m_bar->spec(&error);
        if (!error.isEmpty()) qFatal("bad filter: %s", qPrintable(error));
        QSignalSpy done(m_runner.get(), &FilterRunner::finished);
        const QString applyError = m_runner->apply(spec);
        if (!applyError.isEmpty()) qFatal("apply failed: %s", qPrintable(applyError));
        if (done.isEmpty() && !done.wait(10'000)) qFatal("the filter did not finish");
        Shown out;
        for (auto r : m_model->visibleRows()) out.insert(std::string(browse::as_text(*m_store->ref(r).value)));
        if (out.size() != static_cast<std::size_t>(m_model->rowCount())) qFatal("duplicate rows in the view");
        return out;
    }

    std::shared_ptr<browse::MessageStore> m_store;
    std::unique_ptr<MessageTableModel> m_model;
    std::unique_ptr<FilterRunner> m_runner;
    std::unique_ptr<FilterBar> m_bar;
};

QTEST_MAIN(FilterBarTest)
#include "tst_filter_bar.moc"
