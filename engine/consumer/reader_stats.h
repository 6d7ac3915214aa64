#pragma once
// kafka-go's ReaderStats. Counters are totals since the reader was created
// (kafka-go resets them on every Stats() call; a UI polling totals can take
// differences itself). Durations are Summaries in microseconds.
//
// What the partition reader measures (its fetcher returns one decoded
// outcome, so kafka-go's split between waiting for a batch and reading it is
// drawn here at the same place as far as we can see it):
//   dial_time   finding the leader and getting its connection
//   wait_time   a Fetch from send to decoded answer (broker wait included)
//   read_time   handing a fetched answer's messages into the queue

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
    // Added with the rest of kafka-go's fields (see the comment at the top).
    std::int64_t rebalances = 0;  // group readers only; 0 without a group
    Summary dial_time;            // us
    Summary read_time;            // us
    Summary wait_time;            // us
    std::string client_id;
};

}  // namespace kafkascope::consumer
