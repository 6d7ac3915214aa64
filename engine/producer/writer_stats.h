#pragma once
// WriterStats as kafka-go reports them (counters, avg/min/max summaries and
// every setting as a gauge), kept per partition as well as in total, plus the
// list of flushes with their reasons. StatsRecorder lives on the engine
// thread; snapshot() copies it out for any thread.

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "producer/writer_config.h"

namespace kafkascope::producer {

// avg/min/max of a series; durations in microseconds, sizes in units.
struct Summary {
    std::int64_t count = 0, sum = 0, min = 0, max = 0;
    void add(std::int64_t v);
    double avg() const { return count ? static_cast<double>(sum) / static_cast<double>(count) : 0.0; }
};

struct WriterCounters {
    std::int64_t writes = 0;    // Produce requests carrying this partition (or any, in total)
    std::int64_t messages = 0;  // messages acknowledged
    std::int64_t bytes = 0;     // batch bytes acknowledged (as sent, compressed)
    std::int64_t errors = 0;    // messages reported failed
    std::int64_t retries = 0;   // batch resends
    Summary batch_time_us;      // first message enqueued -> batch acknowledged
    Summary batch_queue_time_us;  // first message enqueued -> batch flushed
    Summary write_time_us;      // one Produce round trip
    Summary wait_time_us;       // broker throttle time
    Summary batch_size;         // messages per batch
    Summary batch_bytes;        // uncompressed batch bytes
};

struct WriterStats {
    WriterCounters total;
    std::map<std::pair<std::string, std::int32_t>, WriterCounters> partitions;
    std::vector<FlushRecord> flushes;  // in flush order
    // Gauges: the settings in force.
    WriterConfig config;
    bool idempotent = false;      // as decided (auto resolves on first send)
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
};

class StatsRecorder {
public:
    explicit StatsRecorder(WriterConfig config) { stats_.config = std::move(config); }

    WriterCounters& partition(const std::string& topic, std::int32_t p) { return stats_.partitions[{topic, p}]; }
    WriterStats& raw() { return stats_; }
    // Applies `f` to the partition's counters and the total.
    template <class F>
    void both(const std::string& topic, std::int32_t p, F f) {
        f(stats_.total);
        f(partition(topic, p));
    }
    WriterStats snapshot() const { return stats_; }

private:
    WriterStats stats_;
};

std::int64_t micros(std::chrono::steady_clock::duration d);

}  // namespace kafkascope::producer
