#pragma once
// The browser's one call site of Fetch: one request to one broker for many
// partitions of one topic, decoded without copying records out of the
// response (records::DecodedBatch views over refcounted buffers), so the
// MessageStore can keep offsets into them. consumer::fetch_partition copies
// every message into an owned consumer::Message, which a million-row store
// cannot afford; when the consumer gains a multi-partition zero-copy fetch,
// only this file changes.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "core/result.h"
#include "net/connection.h"
#include "records/record_batch_reader.h"

namespace kafkascope::browse {

struct FetchWant {
    std::int32_t partition = 0;
    std::int64_t offset = 0;
};

struct FetchLimits {
    std::chrono::milliseconds max_wait{500};
    std::int32_t max_bytes = 32 << 20;            // whole response
    std::int32_t partition_max_bytes = 8 << 20;   // must exceed the largest batch
};

struct PartitionFetch {
    std::int32_t partition = 0;
    Error error;  // Kafka or decode error for this partition only
    std::int64_t high_watermark = -1;
    std::int64_t log_start_offset = -1;
    std::int64_t next_offset = 0;  // past the last complete batch (control batches too)
    std::vector<records::DecodedBatch> batches;  // data batches only, records >= the asked offset
    std::size_t bytes = 0;
};

// Fails as a whole only for transport or top-level errors; everything else
// is per partition. Fetch is capped at v12 (topics by name).
asio::awaitable<Result<std::vector<PartitionFetch>>> fetch_partitions(net::Connection& connection,
                                                                      const std::string& topic,
                                                                      const std::vector<FetchWant>& wants,
                                                                      FetchLimits limits);

}  // namespace kafkascope::browse
