// Topic browser benchmark (issue 5), run by hand (run_browse_bench.sh):
//   --produce: writes N messages (200-byte JSON values, lz4) round-robin over
//              the topic's partitions with our Writer;
//   otherwise: loads the topic from earliest into the browser's store and
//              table model through the real UI path (BrowseBridge wake-ups,
//              MessageTableModel::appendAvailable, a shown QTableView), then
//              applies a substring and a regex filter through FilterRunner.
// Reports messages/s, resident memory per message above the payload bytes,
// filter times, and the longest gap between ticks of a 5 ms QTimer on the UI
// thread (the longest UI stall) during the load and the filters.

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <algorithm>
#include <ctime>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>
#include <malloc.h>
#include <unistd.h>

#include "bridge/browse_bridge.h"
#include "bridge/engine_bridge.h"
#include "browse/message_filter.h"
#include "browser/browser_pane.h"
#include "browser/filter_runner.h"
#include "browser/message_table_model.h"
#include "core/malloc_tuning.h"
#include "engine.h"
#include "producer/writer.h"

using namespace kafkascope;
using namespace kafkascope::ui;

namespace {

std::string arg(int argc, char** argv, const std::string& name, const std::string& fallback) {
    for (int i = 1; i + 1 < argc; ++i) {
        if (argv[i] == name) return argv[i + 1];
    }
    return fallback;
}
bool flag(int argc, char** argv, const std::string& name) {
    for (int i = 1; i < argc; ++i) {
        if (argv[i] == name) return true;
    }
    return false;
}

std::size_t rss_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::size_t pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// 200 bytes of JSON; "user" cycles through 1,000 values, so "u-0042" matches 0.1 %.
std::string value_of(std::uint64_t i) {
    char buf[256];
    const int n = std::snprintf(buf, sizeof buf,
                                "{\"id\":%010llu,\"user\":\"u-%04llu\",\"event\":\"page_view\",\"ts\":%013llu,"
                                "\"region\":\"eu-west-1\",\"path\":\"/products/%06llu\",\"agent\":\"Mozilla/5.0\","
                                "\"ok\":true,\"pad\":\"",
                                static_cast<unsigned long long>(i), static_cast<unsigned long long>(i % 1000),
                                1'700'000'000'000ULL + i, static_cast<unsigned long long>(i % 100000));
    std::string v(buf, static_cast<std::size_t>(n));
    v.append(198 - v.size(), 'x');
    v += "\"}";
    return v;
}

int produce(const std::string& bootstrap, const std::string& topic, std::uint64_t total, int partitions) {
    EngineOptions options;
    options.bootstrap = bootstrap;
    auto engine = Engine::create(options);
    if (!engine) return std::fprintf(stderr, "%s\n", engine.error().message.c_str()), 1;
    producer::WriterConfig config;
    config.topic = topic;
    config.compression = records::Compression::lz4;
    config.batch_size = 5000;
    config.async = true;
    auto writer = (*engine)->create_writer(config);
    if (!writer) return std::fprintf(stderr, "%s\n", writer.error().message.c_str()), 1;
    std::atomic<std::uint64_t> done{0}, failed{0};
    constexpr std::uint64_t kChunk = 10'000;
    for (std::uint64_t start = 0; start < total; start += kChunk) {
        while (start - done.load() > 20 * kChunk) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        std::vector<producer::Message> messages;
        for (std::uint64_t i = start; i < std::min(total, start + kChunk); ++i) {
            producer::Message m;
            const std::string v = value_of(i);
            m.value = records::Bytes(v.begin(), v.end());
            m.partition = static_cast<std::int32_t>(i % static_cast<std::uint64_t>(partitions));
            m.timestamp_ms = static_cast<std::int64_t>(1'700'000'000'000ULL + i);
            messages.push_back(std::move(m));
        }
        (*writer)->write(std::move(messages), [&](std::vector<producer::DeliveryReport> reports) {
            for (const auto& r : reports) {
                if (r.error) ++failed;
            }
            done += reports.size();
        });
    }
    while (done.load() < total) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    (*writer)->close_sync(std::chrono::seconds(10));
    std::printf("produced %llu messages to %s (%llu failed)\n", static_cast<unsigned long long>(total), topic.c_str(),
                static_cast<unsigned long long>(failed.load()));
    return failed.load() == 0 ? 0 : 1;
}

// Longest gap between ticks of a 5 ms timer, reset by restart(), and the
// UI thread's own CPU time within that gap: a gap the thread spent mostly
// off the CPU was the scheduler (2 cores shared with the engine thread and
// the sandbox's brokers), not work on the UI thread.
qint64 thread_cpu_us() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<qint64>(ts.tv_sec) * 1'000'000 + ts.tv_nsec / 1000;
}

struct StallProbe {
    QTimer timer;
    QElapsedTimer clock;
    qint64 last = 0;
    qint64 last_cpu_us = 0;
    qint64 worst = 0;
    qint64 worst_cpu_ms = 0;  // UI-thread CPU time during the worst gap
    qint64 worst_busy_ms = 0;  // the most UI-thread CPU time within any one gap
    StallProbe() {
        timer.setInterval(5);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, &timer, [this] {
            const qint64 now = clock.elapsed();
            const qint64 cpu = thread_cpu_us();
            const qint64 busy_ms = (cpu - last_cpu_us) / 1000;
            if (now - last > worst) {
                worst = now - last;
                worst_cpu_ms = busy_ms;
            }
            worst_busy_ms = std::max(worst_busy_ms, busy_ms);
            last = now;
            last_cpu_us = cpu;
        });
    }
    void restart() {
        clock.start();
        last = 0;
        last_cpu_us = thread_cpu_us();
        worst = 0;
        worst_cpu_ms = 0;
        worst_busy_ms = 0;
        timer.start();
    }
};

// QApplication that times each top-level event delivery and keeps the
// slowest, so a stall can be pinned on the event (and receiver) behind it.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;

    bool notify(QObject* receiver, QEvent* event) override {
        if (m_depth++ > 0) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer t;
        t.start();
        const int type = static_cast<int>(event->type());
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 us = t.nsecsElapsed() / 1000;
        if (us > m_slowest_us) {
            m_slowest_us = us;
            m_slowest = std::to_string(us / 1000) + " ms: event " + std::to_string(type) + " to " +
                        receiver->metaObject()->className();
        }
        return handled;
    }
    void resetSlowest() {
        m_slowest_us = 0;
        m_slowest.clear();
    }
    const std::string& slowest() const { return m_slowest; }

private:
    int m_depth = 0;
    qint64 m_slowest_us = 0;
    std::string m_slowest;
};

}  // namespace

int main(int argc, char** argv) {
    const std::string bootstrap = arg(argc, argv, "--bootstrap", "");
    const std::string topic = arg(argc, argv, "--topic", "browse-bench");
    const std::uint64_t total = std::stoull(arg(argc, argv, "--messages", "1000000"));
    const int partitions = std::stoi(arg(argc, argv, "--partitions", "64"));
    if (bootstrap.empty()) return std::fprintf(stderr, "usage: browse_bench --bootstrap H:P [--produce] ...\n"), 2;
    if (flag(argc, argv, "--produce")) return produce(bootstrap, topic, total, partitions);

    // What the GUI's main() does (app/gui/main.cpp); --default-malloc keeps
    // glibc's dynamic mmap threshold, to measure what the tuning buys.
    const bool malloc_tuned = !flag(argc, argv, "--default-malloc") && core::tune_allocator_for_large_buffers();
    TimedApplication app(argc, argv);
    EngineBridge engine;
    if (!engine.connectToCluster(QString::fromStdString(bootstrap), QStringLiteral("browse-bench")).isEmpty()) return 1;
    // The real pane: its table view (fixed row height), model, bridge and
    // filter runner, shown (offscreen unless a display is set).
    BrowserPane pane(engine);
    pane.resize(1200, 800);
    pane.show();
    BrowseBridge& bridge = *pane.bridge();
    MessageTableModel& model = *pane.model();
    FilterRunner& runner = *pane.filterRunner();
    StallProbe probe;

    const std::size_t rss_before = rss_bytes();
    QElapsedTimer clock;
    qint64 load_ms = -1;
    // A local event loop, not app.exec()/quit(): QApplication's quit closes
    // every window, and the pane must stay shown for the scroll and filter
    // measurements too.
    QEventLoop wait;
    // Loaded = every message is a row of the table (not just in the store).
    auto finished_loading = [&] {
        const auto& s = bridge.status();
        if (load_ms < 0 && !s.loading && model.heldBackCount() == 0 &&
            (static_cast<std::uint64_t>(model.rowCount()) >= total || (s.caught_up && model.loadedCount() == bridge.store()->size()))) {
            load_ms = clock.elapsed();
            wait.quit();
        }
    };
    QObject::connect(&bridge, &BrowseBridge::updated, &bridge, [&] {
        model.appendAvailable();
        finished_loading();
    });
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, &bridge, finished_loading);
    QObject::connect(&model, &QAbstractItemModel::layoutChanged, &bridge, finished_loading);
    browse::BrowseConfig config;
    config.topic = topic;
    config.initial_limit = total;
    config.max_rows = total + 1000;
    probe.restart();
    app.resetSlowest();
    clock.start();
    pane.openWith(config);
    if (!bridge.isOpen()) return 1;
    wait.exec();
    const qint64 load_stall = probe.worst;
    const qint64 load_stall_cpu = probe.worst_cpu_ms;
    const qint64 load_busy = probe.worst_busy_ms;
    const std::string load_slowest_event = app.slowest();
    const std::size_t rows = model.loadedCount();
    const std::size_t rss_after = rss_bytes();
    const qint64 longest_append = model.longestAppendMs();
    malloc_trim(0);  // what the allocator keeps but no longer uses is not ours
    const std::size_t rss_trimmed = rss_bytes();
    std::size_t payload = 0;
    auto store = bridge.store();
    for (std::size_t i = 0; i < store->size(); ++i) payload += store->ref(i).size();

    // Scrolling the loaded table: 200 jumps to spread-out positions (a page
    // step would mostly repaint cached rows), each followed by a synchronous
    // repaint of the viewport, so the time covers data() for every visible
    // cell, the headers and the painting.
    std::vector<qint64> scroll_us;
    {
        QScrollBar* bar = pane.view()->verticalScrollBar();
        std::uint64_t x = 88172645463325252ull;  // xorshift: the same positions every run
        for (int i = 0; i < 200; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            QElapsedTimer t;
            t.start();
            bar->setValue(bar->minimum() + static_cast<int>(x % static_cast<std::uint64_t>(bar->maximum() - bar->minimum() + 1)));
            QCoreApplication::sendPostedEvents();
            pane.view()->viewport()->repaint();
            scroll_us.push_back(t.nsecsElapsed() / 1000);
        }
        std::sort(scroll_us.begin(), scroll_us.end());
    }
    const double scroll_median_ms = scroll_us.empty() ? 0 : static_cast<double>(scroll_us[scroll_us.size() / 2]) / 1000.0;
    const double scroll_max_ms = scroll_us.empty() ? 0 : static_cast<double>(scroll_us.back()) / 1000.0;

    auto run_filter = [&](browse::FilterSpec spec, qint64& matched) {
        probe.restart();
        QElapsedTimer t;
        t.start();
        qint64 elapsed = -1;
        QObject::connect(&runner, &FilterRunner::finished, &app, [&](qint64 m, qint64, qint64, bool) {
            matched = m;
            elapsed = t.elapsed();
            wait.quit();
        }, Qt::SingleShotConnection);
        if (!runner.apply(spec).isEmpty()) return qint64(-1);
        wait.exec();
        return elapsed;
    };
    browse::FilterSpec substring;
    substring.text = "\"u-0042\"";
    qint64 sub_matched = 0;
    const qint64 sub_ms = run_filter(substring, sub_matched);
    const qint64 sub_stall = probe.worst;
    browse::FilterSpec regex;
    regex.text = "u-00(42|43)\".*products/0000";
    regex.regex = true;
    qint64 re_matched = 0;
    const qint64 re_ms = run_filter(regex, re_matched);
    const qint64 re_stall = probe.worst;

    const double per_s = load_ms > 0 ? static_cast<double>(rows) * 1000.0 / static_cast<double>(load_ms) : 0;
    const double overhead_trimmed = rows ? (static_cast<double>(rss_trimmed) - static_cast<double>(rss_before) - static_cast<double>(payload)) /
                                       static_cast<double>(rows)
                                 : 0;
    const double overhead = rows ? (static_cast<double>(rss_after) - static_cast<double>(rss_before) - static_cast<double>(payload)) /
                                       static_cast<double>(rows)
                                 : 0;
    std::printf("{\"malloc_tuned\":%s,\"slab_bytes\":%zu,\"rows\":%zu,\"load_ms\":%lld,\"msgs_per_s\":%.0f,\"rss_before\":%zu,\"rss_after\":%zu,"
                "\"rss_after_trim\":%zu,\"longest_model_append_ms\":%lld,\"payload_bytes\":%zu,\"chunk_bytes\":%zu,\"overhead_bytes_per_msg\":%.1f,\"overhead_after_trim\":%.1f,\"load_max_stall_ms\":%lld,\"load_max_stall_ui_cpu_ms\":%lld,\"load_max_ui_busy_ms\":%lld,\"load_slowest_event\":\"%s\",\"scroll_median_ms\":%.1f,\"scroll_max_ms\":%.1f,"
                "\"substring_ms\":%lld,\"substring_matches\":%lld,\"substring_max_stall_ms\":%lld,"
                "\"regex_ms\":%lld,\"regex_matches\":%lld,\"regex_max_stall_ms\":%lld}\n",
                malloc_tuned ? "true" : "false", store->slab_bytes(), rows, static_cast<long long>(load_ms), per_s, rss_before, rss_after, rss_trimmed,
                static_cast<long long>(longest_append), payload, store->chunk_bytes(), overhead, overhead_trimmed,
                static_cast<long long>(load_stall), static_cast<long long>(load_stall_cpu),
                static_cast<long long>(load_busy), load_slowest_event.c_str(), scroll_median_ms, scroll_max_ms,
                static_cast<long long>(sub_ms), static_cast<long long>(sub_matched),
                static_cast<long long>(sub_stall), static_cast<long long>(re_ms), static_cast<long long>(re_matched),
                static_cast<long long>(re_stall));
    bridge.close();
    return 0;
}
