// Lag monitor benchmark (issue 7): one poll cycle over many partitions and
// groups. Loads TOPICS x PARTITIONS partitions with a few messages each,
// commits an offset for every partition of TOPICS_PER_GROUP topics in each of
// GROUPS groups, then runs the engine's LagMonitor back to back and prints one
// JSON line: requests per cycle (by API), wall time per cycle and the
// process's CPU per cycle (the benchmark thread only waits, so that is the
// engine thread's work). Bytes on the wire are not counted (the connections
// keep no byte counters).
//
//   lag_poll_bench --bootstrap HOST:PORT [--topics 20] [--partitions 100]
//                  [--groups 50] [--topics-per-group 4] [--cycles 20]

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <string>
#include <vector>

#include "engine.h"
#include "producer/writer.h"

using namespace kafkascope;
using namespace std::chrono_literals;

namespace {

double cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

[[noreturn]] void fail(const std::string& what) {
    std::cerr << "lag_poll_bench: " << what << '\n';
    std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
    std::string bootstrap;
    int topics = 20, partitions = 100, groups = 50, topics_per_group = 4, cycles = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const std::string v = argv[i + 1];
        if (a == "--bootstrap") bootstrap = v;
        else if (a == "--topics") topics = std::stoi(v);
        else if (a == "--partitions") partitions = std::stoi(v);
        else if (a == "--groups") groups = std::stoi(v);
        else if (a == "--topics-per-group") topics_per_group = std::stoi(v);
        else if (a == "--cycles") cycles = std::stoi(v);
        else fail("unknown option " + a);
    }
    if (bootstrap.empty()) fail("--bootstrap HOST:PORT is required");
    EngineOptions options;
    options.bootstrap = bootstrap;
    options.client_id = "lag-poll-bench";
    auto engine = Engine::create(std::move(options));
    if (!engine) fail(engine.error().message);

    auto topic_name = [](int t) { return "lagbench-" + std::to_string(t); };
    // A few messages in every partition, so every group has lag.
    producer::WriterConfig wc;
    wc.topic = topic_name(0);
    wc.batch_size = 1000;
    auto writer = (*engine)->create_writer(wc);
    if (!writer) fail(writer.error().message);
    for (int t = 0; t < topics; ++t) {
        std::vector<producer::Message> messages;
        for (int p = 0; p < partitions; ++p) {
            for (int i = 0; i < 8; ++i) {
                producer::Message m;
                m.topic = topic_name(t);
                m.partition = p;
                m.value = protocol::Bytes{'x'};
                messages.push_back(std::move(m));
            }
        }
        for (const auto& r : (*writer)->write_sync(std::move(messages))) {
            if (r.error) fail(r.error.message);
        }
    }
    std::vector<std::string> group_names;
    for (int g = 0; g < groups; ++g) {
        group_names.push_back("lagbench-group-" + std::to_string(g));
        std::vector<consumer::OffsetToCommit> offsets;
        for (int k = 0; k < topics_per_group; ++k) {
            const int t = (g + k) % topics;
            for (int p = 0; p < partitions; ++p) offsets.push_back({topic_name(t), p, 1 + (g + p) % 7, {}});
        }
        auto committed = (*engine)->commit_offsets_sync(group_names.back(), std::move(offsets));
        if (!committed) fail(committed.error().message);
    }

    std::mutex mutex;
    std::condition_variable changed;
    std::vector<monitor::LagSnapshot> snaps;
    monitor::LagMonitorConfig config;
    config.groups = group_names;
    config.interval = 1ms;  // back to back
    auto id = (*engine)->start_lag_monitor(config, [&](monitor::LagSnapshot s) {
        std::lock_guard lock(mutex);
        snaps.push_back(std::move(s));
        changed.notify_all();
    });
    if (!id) fail(id.error().message);
    double cpu_start = 0;
    {
        // The first cycle finds coordinators (and the mock's null-topics quirk): not measured.
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return !snaps.empty(); });
        cpu_start = cpu_seconds();
    }
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return snaps.size() >= static_cast<std::size_t>(cycles) + 1; });
    }
    const double cpu_end = cpu_seconds();
    (*engine)->stop_lag_monitor_sync(*id);

    std::lock_guard lock(mutex);
    std::vector<monitor::LagSnapshot> measured(snaps.begin() + 1, snaps.begin() + 1 + cycles);
    double requests = 0, list_offsets = 0, offset_fetch = 0, other = 0, wall_us = 0, max_us = 0;
    std::size_t group_partitions = 0, errors = 0;
    for (const auto& s : measured) {
        requests += s.requests;
        list_offsets += s.list_offsets_requests;
        offset_fetch += s.offset_fetch_requests;
        other += s.other_requests;
        wall_us += static_cast<double>(s.duration.count());
        max_us = std::max(max_us, static_cast<double>(s.duration.count()));
        errors += s.error ? 1 : 0;
    }
    for (const auto& g : measured.back().groups) {
        group_partitions += g.partitions.size();
        errors += g.error ? 1 : 0;
    }
    const double n = static_cast<double>(measured.size());
    std::printf(
        "{\"bench\": \"lag_poll\", \"partitions\": %d, \"groups\": %d, \"group_partitions\": %zu, \"cycles\": %d, "
        "\"requests_per_cycle\": %.1f, \"list_offsets_per_cycle\": %.1f, \"offset_fetch_per_cycle\": %.1f, "
        "\"other_per_cycle\": %.1f, \"wall_ms_per_cycle\": %.2f, \"wall_ms_max\": %.2f, \"cpu_ms_per_cycle\": %.2f, "
        "\"errors\": %zu}\n",
        topics * partitions, groups, group_partitions, cycles, requests / n, list_offsets / n, offset_fetch / n,
        other / n, wall_us / n / 1000.0, max_us / 1000.0, (cpu_end - cpu_start) / n * 1000.0, errors);
    return errors == 0 ? 0 : 1;
}
