#pragma once
// The subset of kafka-go's ReaderStats a partition reader keeps. Counters
// are totals since the reader was created (kafka-go resets them on every
// Stats() call; a UI polling totals can take differences itself).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

namespace kafkascope::consumer {

struct Summary {
    std::int64_t count = 0, sum = 0, min = 0, max = 0;
    void add(std::int64_t v) {
        min = count == 0 ? v : std::min(min, v);
        max = count == 0 ? v : std::max(max, v);
        ++count;
        sum += v;
    }
    std::int64_t avg() const { return count == 0 ? 0 : sum / count; }
};

struct ReaderStats {
    std::int64_t dials = 0;     // leader connections obtained
    std::int64_t fetches = 0;   // Fetch requests answered
    std::int64_t messages = 0;  // messages received
    std::int64_t bytes = 0;     // key + value bytes received
    std::int64_t timeouts = 0;  // Fetch requests that hit their deadline
    std::int64_t errors = 0;    // failed fetches and lookups
    std::int64_t offset = 0;
    std::int64_t lag = 0;
    std::int32_t min_bytes = 0, max_bytes = 0;
    std::chrono::milliseconds max_wait{0};
    std::int64_t queue_length = 0, queue_capacity = 0;
    std::string topic;
    std::int32_t partition = 0;
    Summary fetch_size;   // messages per fetch
    Summary fetch_bytes;  // records bytes per fetch
};

}  // namespace kafkascope::consumer
