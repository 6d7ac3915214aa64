#pragma once
// Fetch requests decoded into messages: one partition (the partition
// reader) or every partition a reader has on one broker in one request (the
// group reader; kafka-go opens a connection per partition, #355). The parts
// kept here are the protocol details: version choice (v13+ identifies topics
// by id, so without an id we stay at v12), per-partition errors, and record
// decoding (records below the asked offset inside a compressed batch
// dropped, control batches hidden, with read_committed the records of
// aborted transactions dropped, a corrupt batch reported with its partition
// and offset).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "consumer/message.h"
#include "consumer/reader_config.h"
#include "core/result.h"
#include "net/connection.h"
#include "protocol/messages/fetch.h"

namespace kafkascope::consumer {

struct FetchParams {
    std::string topic;
    std::string topic_id;  // base64 from metadata; empty before Metadata v10
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::int32_t min_bytes = 1;
    std::int32_t max_bytes = 1'000'000;
    std::chrono::milliseconds max_wait{10'000};
    IsolationLevel isolation = IsolationLevel::read_uncommitted;
};

struct FetchOutcome {
    std::vector<Message> messages;
    std::int64_t high_watermark = -1;
    std::int64_t log_start_offset = -1;
    // Where the next fetch starts: past the last complete batch, so control
    // batches and compaction gaps are stepped over too.
    std::int64_t next_offset = 0;
    std::size_t bytes = 0;  // records bytes received
    // A corrupt batch: the messages before it are still in `messages`.
    Error decode_error;
};

// Several partitions of one broker in one Fetch request.
struct MultiFetchParams {
    struct Partition {
        std::string topic;
        std::string topic_id;  // empty before Metadata v10
        std::int32_t partition = 0;
        std::int64_t offset = 0;
    };
    std::vector<Partition> partitions;
    std::int32_t min_bytes = 1;
    std::int32_t max_bytes = 1'000'000;            // the whole response
    std::int32_t partition_max_bytes = 1'000'000;  // each partition
    std::chrono::milliseconds max_wait{10'000};
    IsolationLevel isolation = IsolationLevel::read_uncommitted;
};

struct PartitionFetchResult {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t fetch_offset = 0;
    Result<FetchOutcome> outcome;  // the partition's own error, if any
};

// Fails as a whole only when the request does (transport, top-level error);
// otherwise one result per asked partition, in the order asked.
asio::awaitable<Result<std::vector<PartitionFetchResult>>> fetch_partitions(net::Connection& connection,
                                                                            const MultiFetchParams& params);

// The records of one answered partition as messages (what fetch_partitions
// does with each partition that has no error); public for tests.
FetchOutcome decode_fetched_partition(const std::string& topic, std::int32_t partition, std::int64_t fetch_offset,
                                      std::int32_t max_bytes, IsolationLevel isolation,
                                      protocol::FetchResponse::Partition& answer);

// Fails with the partition's Kafka error (e.g. OFFSET_OUT_OF_RANGE, naming
// topic, partition and offset) or a transport error.
asio::awaitable<Result<FetchOutcome>> fetch_partition(net::Connection& connection, const FetchParams& params);

// The Fetch version to use on a connection: negotiated, capped at v12
// without a topic id.
Result<std::int16_t> fetch_version(const net::Connection& connection, bool have_topic_id);

}  // namespace kafkascope::consumer
