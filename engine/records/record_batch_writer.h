#pragma once
// Encodes records as one record batch (magic 2), the only format produced by
// Kafka clients since 0.11:
//
//   baseOffset i64 | batchLength i32 | partitionLeaderEpoch i32 | magic i8 (2)
//   | crc u32 (CRC-32C of everything after it) | attributes i16
//   | lastOffsetDelta i32 | baseTimestamp i64 | maxTimestamp i64
//   | producerId i64 | producerEpoch i16 | baseSequence i32
//   | recordCount i32 | records (compressed as a whole when a codec is set)
//
// Each record: length varint | attributes i8 | timestampDelta varlong
//   | offsetDelta varint | key (varint length, -1 = null) | value (same)
//   | header count varint | headers (key varint string, value varint bytes
//   or -1 = null).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "core/result.h"
#include "records/compression.h"
#include "records/record.h"

namespace kafkascope::records {

struct BatchOptions {
    Compression compression = Compression::none;
    std::optional<int> compression_level;
    std::int64_t base_offset = 0;  // producers send 0; the broker assigns offsets
    std::int32_t partition_leader_epoch = -1;
    // Idempotence / transactions; -1 means "not idempotent" (kafka-go's values).
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
    std::int32_t base_sequence = -1;
    bool transactional = false;
    bool control = false;  // transaction markers; only brokers write these
    TimestampType timestamp_type = TimestampType::create_time;
};

// Fails (invalid_argument) for an empty record list or a record too large to
// encode; compression errors pass through.
Result<Bytes> write_record_batch(std::span<const Record> records, const BatchOptions& options);

// Exact encoded size of one record inside a batch, length prefix included.
std::size_t encoded_record_size(const Record& record, std::int64_t timestamp_delta,
                                std::int32_t offset_delta);

// The size kafka-go checks against Writer.BatchBytes: its Message.size(),
// i.e. the legacy (magic 1) message size without the offset/size prefix:
// crc 4 + magic 1 + attributes 1 + timestamp 8 + key (4 + len) + value
// (4 + len). Headers are not counted. Uncompressed by definition.
std::size_t kafka_go_message_size(const Record& record) noexcept;

// Size of the fixed batch header above (61 bytes).
inline constexpr std::size_t kRecordBatchHeaderSize = 61;

}  // namespace kafkascope::records
