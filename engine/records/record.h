#pragma once
// Records as the producer hands them in (owning values). The decoded side,
// which references fetched buffers instead of owning bytes, is in
// record_batch_reader.h.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/bytes.h"

namespace kafkascope::records {

using protocol::Bytes;

// Header keys are non-null strings on the wire; values may be null.
struct RecordHeader {
    std::string key;
    std::optional<Bytes> value;
    friend bool operator==(const RecordHeader&, const RecordHeader&) = default;
};

struct Record {
    std::optional<Bytes> key;    // nullopt = null key (encoded as length -1)
    std::optional<Bytes> value;  // nullopt = null value (a tombstone)
    std::vector<RecordHeader> headers;
    std::int64_t timestamp_ms = 0;
    friend bool operator==(const Record&, const Record&) = default;
};

enum class TimestampType : std::uint8_t { create_time = 0, log_append_time = 1 };

// Control record types (key of a record in a control batch, KIP-98).
enum class ControlType : std::int16_t { abort = 0, commit = 1 };

}  // namespace kafkascope::records
