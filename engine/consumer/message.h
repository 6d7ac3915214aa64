#pragma once
// A consumed message as handed to the application. It owns its bytes (unlike
// records::RecordView) because it crosses from the engine thread to the
// caller's thread and may outlive the fetch buffer it came from.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "records/record.h"

namespace kafkascope::consumer {

struct Message {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::int64_t high_watermark = 0;  // of the fetch that returned it
    std::int64_t timestamp_ms = 0;
    std::optional<protocol::Bytes> key;    // nullopt = null
    std::optional<protocol::Bytes> value;  // nullopt = null (tombstone)
    std::vector<records::RecordHeader> headers;
};

}  // namespace kafkascope::consumer
