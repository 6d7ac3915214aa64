// BrowseSession against the sandbox: topics written by kcat in every codec
// (headers, null keys, empty values) read back exactly, in order, from each
// kind of start point; live tail; a 5 MB value; the merged timestamp order
// of a 4-partition topic; backward loads; a bounded scan; a budget cut
// inside a batch; cancel stopping a scan; and filter ->
// export JSON Lines -> import into another topic -> browse: identical keys,
// values and headers.

#include <algorithm>
#include <map>
#include <sstream>
#include <thread>

#include "browse/message_export.h"
#include "browse/message_filter.h"
#include "browse/message_import.h"
#include "browse/text_encoding.h"
#include "browse/view_order.h"
#include "browse_test_support.h"
#include "producer/writer.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::browse;
using namespace kafkascope::browse::test;
using namespace std::chrono_literals;

namespace {

const std::vector<std::string> kCodecs{"none", "gzip", "snappy", "lz4", "zstd"};

// What produce_known() writes, as describe() prints it, by offset.
std::vector<std::string> known_contents() {
    std::vector<std::string> out;
    for (int i = 0; i < 10; ++i) out.push_back("k" + std::to_string(i) + "|v" + std::to_string(i) + "|h1=one,h2=two");
    out.push_back("<null>|nokey-a|");
    out.push_back("<null>|nokey-b|");
    out.push_back("ke0||");
    out.push_back("ke1||");
    return out;
}

void produce_known(const std::string& topic, const std::string& codec) {
    std::vector<std::string> first;
    for (int i = 0; i < 10; ++i) first.push_back("k" + std::to_string(i) + ":v" + std::to_string(i));
    ASSERT_TRUE(kcat_produce(topic, codec, first, {"h1=one", "h2=two"}));
    ASSERT_TRUE(kcat_produce(topic, codec, {"nokey-a", "nokey-b"}));
    ASSERT_TRUE(kcat_produce(topic, codec, {"ke0:", "ke1:"}));
}

std::vector<std::string> browse_rows(Engine& engine, const std::string& topic, StartPoint start,
                                     std::optional<std::int32_t> partition = std::nullopt) {
    BrowseConfig c;
    c.topic = topic;
    c.partition = partition;
    c.start = start;
    Browse b(engine, c);
    const BrowseStatus status = b.wait_idle();
    if (!status.error.empty()) kafkascope::test::report_failure(__FILE__, __LINE__, status.error);
    EXPECT_TRUE(status.error.empty());
    EXPECT_TRUE(status.caught_up);
    ViewOrder order(OrderBy::partition_offset);
    order.add(b.store(), 0, b.store().size());
    return describe_rows(b.store(), order.rows());
}

std::vector<std::string> slice(const std::vector<std::string>& v, std::size_t from) {
    return std::vector<std::string>(v.begin() + static_cast<std::ptrdiff_t>(from), v.end());
}

void every_start_point(const std::string& codec) {
    const std::string topic = "b_" + codec;
    auto engine = make_engine();
    produce_known(topic, codec);
    const auto expected = known_contents();
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::earliest, 0}), expected);
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::earliest, 0}, 0), expected);
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::latest_minus_n, 4}), slice(expected, 10));
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::offset, 3}), slice(expected, 3));  // inside a batch
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::offset, 11}), slice(expected, 11));
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::offset, 999}), std::vector<std::string>{});  // clamped to the end
    // The sandbox answers every timestamp lookup with -1 ("nothing at or
    // after"), which puts the start at the end; the lookup itself is
    // checked against a scripted broker in cluster_offset_lookup_test.
    EXPECT_EQ(browse_rows(*engine, topic, {StartKind::timestamp, 1}), std::vector<std::string>{});
}

}  // namespace

TEST_CASE(codec_none_every_start_point) { every_start_point("none"); }
TEST_CASE(codec_gzip_every_start_point) { every_start_point("gzip"); }
TEST_CASE(codec_snappy_every_start_point) { every_start_point("snappy"); }
TEST_CASE(codec_lz4_every_start_point) { every_start_point("lz4"); }
TEST_CASE(codec_zstd_every_start_point) { every_start_point("zstd"); }

TEST_CASE(live_tail_shows_only_new_messages_as_they_arrive) {
    auto engine = make_engine();
    ASSERT_TRUE(kcat_produce("b_tail", "lz4", {"old:1", "old:2"}));
    BrowseConfig c;
    c.topic = "b_tail";
    c.start = {StartKind::tail, 0};
    c.fetch.max_wait = 300ms;
    Browse b(*engine, c);
    std::this_thread::sleep_for(800ms);
    EXPECT_EQ(b.store().size(), std::size_t{0});
    ASSERT_TRUE(kcat_produce("b_tail", "zstd", {"new:1", "new:2", "new:3"}, {"x=y"}));
    ASSERT_TRUE(b.wait_rows(3, 10s));
    EXPECT_EQ(describe_rows(b.store(), all_rows(b.store())),
              (std::vector<std::string>{"new|1|x=y", "new|2|x=y", "new|3|x=y"}));
    EXPECT_EQ(b.store().row(0).offset, std::int64_t{2});
}

TEST_CASE(a_5_mb_value_is_stored_once_and_read_whole) {
    auto engine = make_engine();
    std::string big(5'000'000, 'x');
    for (std::size_t i = 0; i < big.size(); i += 1000) big[i] = static_cast<char>('a' + (i / 1000) % 26);
    ASSERT_TRUE(kcat_produce("b_big", "none", {"small:before", "big:" + big, "small:after"}, {},
                             "-X message.max.bytes=10000000"));
    BrowseConfig c;
    c.topic = "b_big";
    Browse b(*engine, c);
    const auto status = b.wait_idle();
    EXPECT_TRUE(status.error.empty());
    ASSERT_EQ(b.store().size(), std::size_t{3});
    const MessageRef m = b.store().ref(1);
    ASSERT_TRUE(m.value.has_value());
    EXPECT_EQ(m.value->size(), big.size());
    EXPECT_TRUE(std::string(as_text(*m.value)) == big);
    EXPECT_EQ(describe(b.store().ref(2)), std::string("small|after|"));
    EXPECT_TRUE(b.store().chunk_bytes() < 2 * big.size());  // the payload is held once
}

TEST_CASE(all_partitions_merge_in_timestamp_order) {
    auto engine = make_engine();
    producer::WriterConfig wc;
    wc.topic = "b_merge";
    auto writer = engine->create_writer(wc);
    ASSERT_TRUE(writer.ok());
    std::vector<producer::Message> messages;
    std::vector<std::pair<std::int64_t, std::string>> expected;
    for (int i = 0; i < 40; ++i) {
        producer::Message m;
        m.partition = i % 4;
        m.timestamp_ms = 1'700'000'000'000 + (i * 17) % 40;  // a permutation: partitions interleave
        const std::string v = "m" + std::to_string(i);
        m.value = records::Bytes(v.begin(), v.end());
        expected.push_back({*m.timestamp_ms, v});
        messages.push_back(std::move(m));
    }
    for (const auto& r : (*writer)->write_sync(std::move(messages))) ASSERT_TRUE(!r.error);
    std::sort(expected.begin(), expected.end());
    BrowseConfig c;
    c.topic = "b_merge";
    Browse b(*engine, c);
    b.wait_idle();
    ViewOrder order(OrderBy::time);
    order.add(b.store(), 0, b.store().size());
    std::vector<std::string> got;
    for (auto r : order.rows()) got.push_back(std::string(as_text(*b.store().ref(r).value)));
    std::vector<std::string> want;
    for (const auto& e : expected) want.push_back(e.second);
    EXPECT_EQ(got, want);
    EXPECT_EQ(b.store().ref(order.at(0)).timestamp, std::int64_t{1'700'000'000'000});
}

TEST_CASE(backward_loads_prepend_older_messages_up_to_the_log_start) {
    auto engine = make_engine();
    std::vector<std::string> lines;
    for (int i = 0; i < 50; ++i) lines.push_back("b" + std::to_string(i) + ":" + std::to_string(i));
    ASSERT_TRUE(kcat_produce("b_back", "zstd", lines));
    BrowseConfig c;
    c.topic = "b_back";
    c.start = {StartKind::latest_minus_n, 5};
    Browse b(*engine, c);
    auto status = b.wait_idle();
    EXPECT_EQ(status.rows, std::size_t{5});
    EXPECT_FALSE(status.at_beginning);
    b.load_backward(10);
    status = b.wait_idle();
    ViewOrder order(OrderBy::partition_offset);
    order.add(b.store(), 0, b.store().size());
    ASSERT_EQ(order.size(), std::size_t{15});
    for (std::size_t i = 0; i < 15; ++i) EXPECT_EQ(b.store().row(order.at(i)).offset, std::int64_t(35 + i));
    EXPECT_EQ(status.partitions.at(0).low, std::int64_t{35});
    b.load_backward(100);
    status = b.wait_idle();
    EXPECT_EQ(status.rows, std::size_t{50});
    EXPECT_TRUE(status.at_beginning);
    // Forward again: nothing new, then one more message arrives and is found.
    ASSERT_TRUE(kcat_produce("b_back", "none", {"late:50"}));
    b.load_forward(100);
    status = b.wait_idle();
    EXPECT_EQ(status.rows, std::size_t{51});
}

namespace {

// `count` messages "k:m<i>" by kcat, one per batch, so that each fetch
// (the sandbox answers one batch per fetch) reads one message.
void produce_one_per_batch(const std::string& topic, int count) {
    std::vector<std::string> lines;
    for (int i = 0; i < count; ++i) lines.push_back("k:m" + std::to_string(i));
    ASSERT_TRUE(kcat_produce(topic, "none", lines, {}, "-X batch.num.messages=1"));
}

}  // namespace

// "Load older", stopped part way and asked again, finishes the stopped
// range: every offset once.
TEST_CASE(a_stopped_backward_load_resumes_without_duplicates) {
    auto engine = make_engine();
    constexpr int kMessages = 2000;
    produce_one_per_batch("b_back_stop", kMessages);
    BrowseConfig c;
    c.topic = "b_back_stop";
    c.start = {StartKind::latest_minus_n, 1};
    Browse b(*engine, c);
    ASSERT_EQ(b.wait_idle().rows, std::size_t{1});
    b.load_backward(kMessages);
    ASSERT_TRUE(b.wait_rows(20));
    b.session().cancel();
    const BrowseStatus stopped = b.wait_idle();
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_TRUE(b.store().size() < std::size_t{kMessages});
    b.load_backward(kMessages);
    const BrowseStatus done = b.wait_idle();
    EXPECT_TRUE(done.at_beginning);
    std::map<std::int64_t, int> seen;
    for (std::size_t i = 0; i < b.store().size(); ++i) ++seen[b.store().row(i).offset];
    EXPECT_EQ(b.store().size(), std::size_t{kMessages});
    EXPECT_EQ(seen.size(), std::size_t{kMessages});
    EXPECT_EQ(seen.begin()->first, std::int64_t{0});
    EXPECT_EQ(seen.rbegin()->first, std::int64_t{kMessages - 1});
}

namespace {

// 30 messages over 3 partitions: binary values, null keys, null header values.
void produce_source(Engine& engine) {
    producer::WriterConfig wc;
    wc.topic = "b_src";
    auto writer = engine.create_writer(wc);
    ASSERT_TRUE(writer.ok());
    std::vector<producer::Message> messages;
    for (int i = 0; i < 30; ++i) {
        producer::Message m;
        m.partition = i % 3;
        if (i % 4 != 0) {
            const std::string k = "key-" + std::to_string(i);
            m.key = records::Bytes(k.begin(), k.end());
        }
        const std::string v = (i % 2 == 0 ? "keep " : "drop ") + std::to_string(i);
        m.value = records::Bytes(v.begin(), v.end());
        if (i % 5 == 0) m.value->push_back(0xFF);  // not UTF-8: exported as base64
        m.headers.push_back({"n", records::Bytes{static_cast<std::uint8_t>(i), 0x00, 0x80}});
        if (i % 3 == 0) m.headers.push_back({"empty", std::nullopt});
        m.timestamp_ms = 1'700'000'100'000 + i;
        messages.push_back(std::move(m));
    }
    for (const auto& r : (*writer)->write_sync(std::move(messages))) ASSERT_TRUE(!r.error);
}

// describe() of every row per partition, in offset order.
std::map<std::int32_t, std::vector<std::string>> by_partition(const MessageStore& store,
                                                              const std::vector<std::uint32_t>& rows) {
    std::map<std::int32_t, std::vector<std::pair<std::int64_t, std::string>>> tmp;
    for (auto r : rows) tmp[store.row(r).partition].push_back({store.row(r).offset, describe(store.ref(r))});
    std::map<std::int32_t, std::vector<std::string>> out;
    for (auto& [p, v] : tmp) {
        std::sort(v.begin(), v.end());
        for (auto& e : v) out[p].push_back(e.second);
    }
    return out;
}

}  // namespace

TEST_CASE(filter_export_import_browse_round_trip) {
    auto engine = make_engine();
    produce_source(*engine);
    BrowseConfig c;
    c.topic = "b_src";
    Browse src(*engine, c);
    src.wait_idle();
    ASSERT_EQ(src.store().size(), std::size_t{30});

    FilterSpec spec;
    spec.text = "keep";
    spec.fields = filter_value;
    auto filter = MessageFilter::compile(spec);
    ASSERT_TRUE(filter.ok());
    std::vector<std::uint32_t> matches;
    std::atomic<bool> cancel{false};
    run_filter(src.store(), all_rows(src.store()), *filter, cancel,
               [&](std::vector<std::uint32_t>&& m, const FilterProgress&) { matches.insert(matches.end(), m.begin(), m.end()); });
    ASSERT_EQ(matches.size(), std::size_t{15});

    std::string exported;
    for (auto r : matches) exported += to_json_line(src.store().ref(r), "b_src") + "\n";
    std::istringstream in(exported);
    producer::WriterConfig wc;
    wc.topic = "b_dst";
    auto writer = engine->create_writer(wc);
    ASSERT_TRUE(writer.ok());
    ImportOptions options;
    options.keep_partitions = true;
    auto imported = read_json_lines(in, options, [&](std::vector<producer::Message>&& ms) -> Status {
        for (const auto& r : (*writer)->write_sync(std::move(ms))) {
            if (r.error) return r.error;
        }
        return ok_status();
    });
    ASSERT_TRUE(imported.ok());
    EXPECT_EQ(*imported, std::size_t{15});

    c.topic = "b_dst";
    Browse dst(*engine, c);
    dst.wait_idle();
    ASSERT_EQ(dst.store().size(), std::size_t{15});
    EXPECT_TRUE(by_partition(dst.store(), all_rows(dst.store())) == by_partition(src.store(), matches));
    // Timestamps travel too.
    std::vector<std::int64_t> src_ts, dst_ts;
    for (auto r : matches) src_ts.push_back(src.store().row(r).timestamp);
    for (auto r : all_rows(dst.store())) dst_ts.push_back(dst.store().row(r).timestamp);
    std::sort(src_ts.begin(), src_ts.end());
    std::sort(dst_ts.begin(), dst_ts.end());
    EXPECT_EQ(src_ts, dst_ts);
}

TEST_CASE(a_scan_stops_at_n_matches_and_reports_what_it_examined) {
    auto engine = make_engine();
    // b_src partition 0 holds i = 0, 3, 6, ... (written by the round-trip test
    // or now); "keep" values are the even i: 0, 6, 12, ...
    BrowseConfig probe;
    probe.topic = "b_src";
    Browse existing(*engine, probe);
    if (existing.wait_idle().rows == 0) produce_source(*engine);
    FilterSpec spec;
    spec.text = "keep";
    spec.fields = filter_value;
    auto filter = MessageFilter::compile(spec);
    ASSERT_TRUE(filter.ok());
    BrowseConfig c;
    c.topic = "b_src";
    c.partition = 0;
    c.scan_matches = 2;
    c.keep = [f = *filter](const MessageRef& m) { return f.matches(m); };
    Browse scan(*engine, c);
    const auto status = scan.wait_idle();
    ASSERT_EQ(scan.store().size(), std::size_t{2});
    EXPECT_EQ(describe(scan.store().ref(0)).substr(0, 13), std::string("<null>|keep 0"));
    EXPECT_EQ(scan.store().row(1).offset, std::int64_t{2});  // i = 6 is partition 0's third message
    EXPECT_TRUE(status.examined >= 3);
}

TEST_CASE(a_forward_load_examines_exactly_its_budget_even_inside_a_batch) {
    auto engine = make_engine();
    std::vector<std::string> lines;
    for (int i = 0; i < 30; ++i) lines.push_back("k" + std::to_string(i) + ":v" + std::to_string(i));
    ASSERT_TRUE(kcat_produce("b_budget", "lz4", lines));  // one batch: kcat sends them together
    BrowseConfig c;
    c.topic = "b_budget";
    c.initial_limit = 7;
    Browse b(*engine, c);
    auto status = b.wait_idle();
    EXPECT_EQ(status.rows, std::size_t{7});
    EXPECT_EQ(status.examined, std::uint64_t{7});
    EXPECT_EQ(status.partitions.at(0).next, std::int64_t{7});
    EXPECT_FALSE(status.caught_up);
    EXPECT_TRUE(status.error.empty());
    b.load_forward(5);  // goes on from offset 7, inside the same batch
    status = b.wait_idle();
    ASSERT_EQ(status.rows, std::size_t{12});
    for (std::size_t i = 0; i < 12; ++i) EXPECT_EQ(b.store().row(i).offset, std::int64_t(i));
    EXPECT_EQ(status.examined, std::uint64_t{12});
    b.load_forward(100);
    status = b.wait_idle();
    EXPECT_EQ(status.rows, std::size_t{30});
    EXPECT_TRUE(status.caught_up);
}

TEST_CASE(cancel_stops_a_scan_within_a_fetch_and_says_so) {
    auto engine = make_engine();
    constexpr int kMessages = 5000;
    produce_one_per_batch("b_cancel", kMessages);  // a scan takes one round per message
    BrowseConfig c;
    c.topic = "b_cancel";
    c.scan_matches = 1;
    c.keep = [](const MessageRef&) { return false; };  // nothing matches: reads to the end unless stopped
    Browse b(*engine, c);
    ASSERT_TRUE(b.wait_examined(1));
    b.session().cancel();
    const BrowseStatus stopped = b.wait_idle();
    EXPECT_TRUE(stopped.cancelled);
    EXPECT_FALSE(stopped.loading);
    EXPECT_TRUE(stopped.examined < std::uint64_t{kMessages});
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    EXPECT_EQ(b.last().examined, stopped.examined);  // no fetch after the cancel
    EXPECT_EQ(b.store().size(), std::size_t{0});
    // Nothing was kept, yet how far the partition was read is known (the
    // table's merge frontier in time order needs it).
    EXPECT_TRUE(std::any_of(stopped.partitions.begin(), stopped.partitions.end(),
                            [](const PartitionPosition& p) { return p.examined_timestamp > 1'600'000'000'000; }));
    // A new load clears the flag and goes on to the end.
    b.load_forward(kMessages);
    const BrowseStatus finished = b.wait_idle();
    EXPECT_FALSE(finished.cancelled);
    EXPECT_EQ(finished.examined, std::uint64_t{kMessages});
    EXPECT_TRUE(finished.caught_up);
}

TEST_CASE(a_missing_topic_or_partition_is_an_error_naming_it) {
    auto engine = make_engine();
    BrowseConfig c;
    c.topic = "b_does_not_exist";
    Browse missing(*engine, c);
    auto status = missing.wait_idle();
    EXPECT_TRUE(status.error.find("b_does_not_exist") != std::string::npos);
    c.topic = "b_none";
    c.partition = 9;
    Browse bad_partition(*engine, c);
    status = bad_partition.wait_idle();
    EXPECT_TRUE(status.error.find("b_none/9") != std::string::npos);
    c.partition = -1;
    EXPECT_FALSE(engine->create_browse_session(c, {}).ok());
}
