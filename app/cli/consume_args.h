#pragma once
// Arguments of `kafkascope-cli consume`, parsed apart from running so the
// partition mode (consume_command.cpp) and the group mode
// (run_consume_group) share one parser and one set of defaults.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "consumer/reader_config.h"
#include "core/result.h"

namespace kafkascope::cli {

// --from: where each partition starts before any --seek.
struct ConsumeFrom {
    enum class Kind { earliest, latest, offset, time } kind = Kind::earliest;
    std::int64_t value = 0;  // the offset, or ms since the epoch for @UNIX_MS
};

// --seek WHENCE OFFSET: kafka-go's Seek applied to the --from position.
struct ConsumeSeek {
    int whence = 0;  // consumer::seek_start / absolute / end / current
    std::int64_t offset = 0;
};

struct ConsumeArgs {
    std::string topic;
    std::optional<std::int32_t> partition;  // absent: every partition of the topic
    std::optional<std::string> group;       // present: group mode (run_consume_group)
    ConsumeFrom from;
    std::optional<ConsumeSeek> seek;
    std::optional<std::int64_t> count;  // absent: stop at the end (partition mode)
    std::size_t queue_capacity = 100;
    std::chrono::milliseconds max_wait{10'000};
    consumer::IsolationLevel isolation = consumer::IsolationLevel::read_uncommitted;
    // Group mode only (kafka-go defaults): 0 = commit synchronously when asked.
    std::chrono::milliseconds commit_interval{0};
    std::int64_t start_offset = consumer::first_offset;  // first_offset or last_offset
    std::string stats_json;  // file for ReaderStats at the end; empty: none
};

// Parses the words after `consume`. Errors name the option at fault.
Result<ConsumeArgs> parse_consume(const std::vector<std::string>& args);

}  // namespace kafkascope::cli
