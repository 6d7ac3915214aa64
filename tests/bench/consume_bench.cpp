// Consume benchmark for Kafkascope's engine (issue 4, "Benchmark"); the
// reference peer is rdkafka_consume_bench.c. Run both through
// run_consume_bench.sh, which loads the topics once and prints the table.
//
//   consume_bench --bootstrap HOST:PORT --topic T [--codec NAME]
//                 [--queue-capacity N] [--max-bytes N]
//
// One PartitionReader per partition of T, each from the partition's first
// offset to the high watermark it has when the run starts (what the sandbox
// still holds). The application side is the plain kafka-go loop: a
// fetch_message callback per message that touches the key and value and asks
// for the next. Wall time runs from the first fetch_message to the last
// message; CPU is getrusage(RUSAGE_SELF) (user + sys, all threads) at the
// very end of the process, so it covers everything the process did.
//
// Prints exactly one JSON line on stdout; diagnostics go to stderr.

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "consumer/partition_reader.h"
#include "engine.h"

namespace {

using namespace kafkascope;
using Clock = std::chrono::steady_clock;

struct Args {
    std::string bootstrap;
    std::string topic;
    std::string codec = "none";
    std::size_t queue_capacity = 100;  // kafka-go's default
    std::int32_t max_bytes = 1'000'000;
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr, "consume_bench: %s\nusage: consume_bench --bootstrap HOST:PORT --topic T [--codec NAME] "
                         "[--queue-capacity N] [--max-bytes N]\n", why);
    std::exit(2);
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (i + 1 >= argc) usage(("missing value for " + k).c_str());
        const std::string v = argv[++i];
        if (k == "--bootstrap") a.bootstrap = v;
        else if (k == "--topic") a.topic = v;
        else if (k == "--codec") a.codec = v;
        else if (k == "--queue-capacity") a.queue_capacity = std::strtoul(v.c_str(), nullptr, 10);
        else if (k == "--max-bytes") a.max_bytes = static_cast<std::int32_t>(std::strtol(v.c_str(), nullptr, 10));
        else usage(("unknown option " + k).c_str());
    }
    if (a.bootstrap.empty() || a.topic.empty()) usage("--bootstrap and --topic are required");
    if (a.queue_capacity == 0 || a.max_bytes < 1) usage("--queue-capacity and --max-bytes must be > 0");
    return a;
}

double cpu_seconds(double* user, double* sys) {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    *user = static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
    *sys = static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
    return *user + *sys;
}

// Everything one partition's loop needs; touched only on the engine thread
// (fetch_message callbacks), apart from the atomics.
struct Loop : std::enable_shared_from_this<Loop> {
    std::shared_ptr<consumer::PartitionReader> reader;
    std::int64_t end = 0;
    std::int64_t messages = 0;
    std::int64_t bytes = 0;
    std::string error;
    std::atomic<int>* running = nullptr;
    std::promise<void>* all_done = nullptr;
    Clock::time_point* last = nullptr;

    void next() {
        reader->fetch_message([self = shared_from_this()](Result<consumer::Message> m) { self->on(std::move(m)); });
    }
    void on(Result<consumer::Message> m) {
        if (!m) {
            error = m.error().message;
            return finish();
        }
        ++messages;
        bytes += static_cast<std::int64_t>((m->key ? m->key->size() : 0) + (m->value ? m->value->size() : 0));
        if (m->offset + 1 >= end) return finish();
        next();
    }
    void finish() {
        *last = std::max(*last, Clock::now());  // engine thread only: no race
        if (running->fetch_sub(1) == 1) all_done->set_value();
    }
};

}  // namespace

int main(int argc, char** argv) {
    const Args a = parse(argc, argv);
    EngineOptions options;
    options.bootstrap = a.bootstrap;
    options.client_id = "consume-bench";
    options.connect_timeout = std::chrono::milliseconds(10'000);
    options.request_timeout = std::chrono::milliseconds(30'000);
    auto engine = Engine::create(options);
    if (!engine) usage(engine.error().message.c_str());
    auto offsets = (*engine)->partition_offsets_sync({a.topic});
    if (!offsets) usage(offsets.error().message.c_str());

    std::atomic<int> running{0};
    std::promise<void> all_done;
    Clock::time_point last{};
    std::vector<std::shared_ptr<Loop>> loops;
    std::int64_t expected = 0;
    for (const PartitionOffsets& p : *offsets) {
        if (p.error) usage(p.error.message.c_str());
        if (p.last <= p.first) continue;
        consumer::PartitionReaderConfig config;
        config.topic = a.topic;
        config.partition = p.partition;
        config.start_offset = p.first;
        config.queue_capacity = a.queue_capacity;
        config.max_bytes = a.max_bytes;
        config.max_wait = std::chrono::milliseconds(500);
        auto reader = (*engine)->create_partition_reader(config);
        if (!reader) usage(reader.error().message.c_str());
        auto loop = std::make_shared<Loop>();
        loop->reader = std::move(reader).value();
        loop->end = p.last;
        loop->running = &running;
        loop->all_done = &all_done;
        loop->last = &last;
        expected += p.last - p.first;
        loops.push_back(std::move(loop));
    }
    if (loops.empty()) usage("the topic holds no messages");
    running = static_cast<int>(loops.size());
    const auto started = Clock::now();
    for (auto& loop : loops) loop->next();
    all_done.get_future().wait();

    std::int64_t messages = 0, bytes = 0, failed = 0;
    for (auto& loop : loops) {
        messages += loop->messages;
        bytes += loop->bytes;
        if (!loop->error.empty()) {
            ++failed;
            std::fprintf(stderr, "consume_bench: %s\n", loop->error.c_str());
        }
        loop->reader->close();
    }
    const double wall_s = std::chrono::duration<double>(last - started).count();
    loops.clear();
    engine->reset();
    double user = 0, sys = 0;
    const double cpu = cpu_seconds(&user, &sys);
    std::printf("{\"impl\":\"kafkascope\",\"mode\":\"consume\",\"codec\":\"%s\",\"partitions\":%zu,"
                "\"expected\":%lld,\"messages\":%lld,\"bytes\":%lld,\"failed_partitions\":%lld,"
                "\"queue_capacity\":%zu,\"wall_s\":%.4f,\"msgs_per_s\":%.0f,\"cpu_user_s\":%.4f,"
                "\"cpu_sys_s\":%.4f,\"cpu_s_per_million\":%.4f}\n",
                a.codec.c_str(), offsets->size(), static_cast<long long>(expected),
                static_cast<long long>(messages), static_cast<long long>(bytes), static_cast<long long>(failed),
                a.queue_capacity, wall_s, static_cast<double>(messages) / wall_s, user, sys,
                cpu / (static_cast<double>(messages) / 1e6));
    return messages == expected && failed == 0 ? 0 : 1;
}
