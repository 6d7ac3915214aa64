#pragma once
// The arithmetic of an offset reset, without I/O: given each partition's
// committed offset, log start and end, where the group's offset goes for
// each kind of reset, clamped to [log start, log end] as Kafka's
// kafka-consumer-groups tool does. Pure code, table-tested.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/result.h"

namespace kafkascope::admin {

enum class ResetKind {
    earliest,   // log start offset
    latest,     // log end offset (high watermark)
    timestamp,  // first offset whose timestamp >= value (ms since epoch); log end if none
    absolute,   // value
    shift,      // committed + value (value may be negative)
};

struct ResetSpec {
    std::string group;
    std::string topic;
    std::vector<std::int32_t> partitions;  // empty: every partition of the topic
    ResetKind kind = ResetKind::latest;
    std::int64_t value = 0;  // timestamp, absolute offset or shift
};

// One line of the before / after table.
struct ResetRow {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t before = -1;  // committed now; -1 when nothing is committed
    std::int64_t after = -1;   // what the reset commits
    std::int64_t log_start = -1;
    std::int64_t log_end = -1;
    bool clamped = false;  // the asked position lay outside [log start, log end]
    Error error;           // this partition cannot be reset (no bounds, nothing to shift from, ...)
};

// Inputs for one partition. `timestamp_offset` is ListOffsets' answer for
// the timestamp (-1: no record at or after it).
struct ResetInputs {
    std::int64_t committed = -1;
    std::int64_t log_start = -1;
    std::int64_t log_end = -1;
    std::int64_t timestamp_offset = -1;
};

struct ResetResult {
    ResetSpec spec;
    std::vector<ResetRow> rows;  // by partition
    bool executed = false;       // the table was committed
    // How "no active members" was established, in words (for the user).
    std::string membership_check;
};

// Fills row.after / clamped / error from the inputs.
void plan_reset_row(ResetKind kind, std::int64_t value, const ResetInputs& in, ResetRow& row);

// "earliest", "latest", "timestamp", "absolute", "shift".
const char* reset_kind_name(ResetKind kind);

// Parses "2024-05-01T12:00:00Z", "2024-05-01T12:00:00.250+02:00" or
// "2024-05-01T12:00:00" (UTC) into ms since the epoch.
Result<std::int64_t> parse_iso8601_ms(const std::string& text);

// "0,2,5-7" -> {0, 2, 5, 6, 7}; sorted, without duplicates.
Result<std::vector<std::int32_t>> parse_partition_list(const std::string& text);

}  // namespace kafkascope::admin
