#pragma once
// What a Writer is told (WriterConfig), what it is given (Message) and what it
// answers (DeliveryReport, FlushRecord). Plain values, safe to copy across
// threads. Defaults are kafka-go's Writer defaults (see seed-notes §1) except
// where a field's comment says otherwise and why.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "producer/topic_name.h"
#include "records/compression.h"
#include "records/record.h"

namespace kafkascope::producer {

using std::chrono::milliseconds;

enum class RequiredAcks : std::int16_t { none = 0, one = 1, all = -1 };

struct WriterConfig {
    // Topic for messages that do not name their own.
    std::string topic;

    std::size_t batch_size = 100;          // messages per (topic, partition) batch
    std::size_t batch_bytes = 1'048'576;   // encoded bytes per batch, header included
    milliseconds batch_timeout{1000};      // timer started by the first message of an empty batch
    RequiredAcks required_acks = RequiredAcks::all;
    int max_attempts = 10;                 // sends per batch, the first one included
    milliseconds write_backoff_min{100};   // retry n waits min(n² × min, max)
    milliseconds write_backoff_max{1000};
    milliseconds write_timeout{10'000};    // one Produce round trip (also the broker's timeout_ms)
    // kafka-go Async: the caller does not wait for its messages, so a write
    // call ends nothing by itself; batches leave by size, bytes or timer.
    bool async = false;
    records::Compression compression = records::Compression::none;
    std::optional<int> compression_level;
    // Balancer by kafka-go name ("round-robin", "least-bytes", "hash",
    // "reference-hash", "crc32", "murmur2"); empty = round-robin. A message
    // with an explicit partition bypasses it.
    std::string balancer;
    // kafka-go RoundRobin.ChunkSize: messages per partition before the
    // round-robin balancer moves on (1 = one each). Other balancers ignore it.
    int round_robin_chunk_size = 1;

    // The "no idle stall" fix. kafka-go makes a lone synchronous write wait
    // out batch_timeout (1 s) because nothing tells the batch that no more
    // messages are coming. Here, when linger is UNSET (the default), a
    // synchronous write call (async == false) flushes the partitions it
    // touched as soon as its messages are enqueued (flush reason `sync`);
    // batches still fill by size and bytes first. When linger is SET, those
    // partitions wait at most `linger` for more messages (reason `linger`);
    // linger >= batch_timeout gives kafka-go's behaviour exactly (reason
    // `timeout`). Async writes never use it.
    std::optional<milliseconds> linger;

    // Idempotent producer (InitProducerId, sequence numbers). Unset = auto:
    // on when required_acks == all and the broker offers InitProducerId.
    // Forcing it on with other acks is refused (Kafka requires acks=all).
    std::optional<bool> idempotent;
};

struct Message {
    std::string topic;  // empty: WriterConfig::topic
    std::optional<records::Bytes> key;
    std::optional<records::Bytes> value;
    std::vector<records::RecordHeader> headers;
    std::optional<std::int64_t> timestamp_ms;  // unset: the time of the write call
    std::optional<std::int32_t> partition;     // unset: the balancer picks
};

// The outcome of one message. `offset` and `partition` are -1 when unknown:
// always on error, and for acks=none (the broker does not say).
struct DeliveryReport {
    std::size_t index = 0;  // position in the write call's message list
    TopicName topic;        // shared, interned: reads as a const std::string&
    std::int32_t partition = -1;
    std::int64_t offset = -1;
    std::int64_t timestamp_ms = -1;  // create time sent, or the broker's log-append time
    Error error;                     // empty = stored (acknowledged as required)
    std::chrono::microseconds latency{0};  // write call -> this report
};

using DeliveryCallback = std::function<void(std::vector<DeliveryReport>)>;

enum class FlushReason : std::uint8_t { size, bytes, timeout, flush, close, linger, sync };
const char* flush_reason_name(FlushReason reason) noexcept;

// One batch closed for sending: tests and the pane read why batches left.
struct FlushRecord {
    std::string topic;
    std::int32_t partition = -1;
    std::size_t messages = 0;
    std::size_t bytes = 0;  // uncompressed encoded size, batch header included
    FlushReason reason = FlushReason::flush;
    std::chrono::system_clock::time_point time;
};

}  // namespace kafkascope::producer
