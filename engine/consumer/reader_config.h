#pragma once
// Configuration of a partition reader, apart from the reader itself so the
// engine facade can take one without pulling in asio.

#include <chrono>
#include <cstdint>
#include <string>

namespace kafkascope::consumer {

enum class IsolationLevel : std::int8_t { read_uncommitted = 0, read_committed = 1 };

// kafka-go's FirstOffset / LastOffset: symbolic positions resolved by
// ListOffsets when fetching starts.
inline constexpr std::int64_t first_offset = -2;
inline constexpr std::int64_t last_offset = -1;

struct PartitionReaderConfig {
    std::string topic;
    std::int32_t partition = 0;
    std::int32_t min_bytes = 1;
    std::int32_t max_bytes = 1'000'000;
    std::chrono::milliseconds max_wait{10'000};
    std::size_t queue_capacity = 100;
    std::int64_t start_offset = first_offset;  // first_offset, last_offset or absolute
    IsolationLevel isolation = IsolationLevel::read_uncommitted;
    std::chrono::milliseconds read_backoff_min{100};  // after a failed fetch
    std::chrono::milliseconds read_backoff_max{1000};
};

}  // namespace kafkascope::consumer
