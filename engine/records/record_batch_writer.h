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
// The same, appended to `out` (which keeps what it held; on failure its size
// is unspecified but its earlier bytes are intact).
Status append_record_batch(Bytes& out, std::span<const Record> records, const BatchOptions& options);

// Exact encoded size of one record inside a batch, length prefix included.
std::size_t encoded_record_size(const Record& record, std::int64_t timestamp_delta,
                                std::int32_t offset_delta);

// The same in two steps, for a producer that sizes a record once and then
// places it: the part that does not depend on the record's place in the
// batch (attributes, key, value, headers) ...
std::size_t record_fixed_size(const Record& record) noexcept;

namespace detail {
inline std::uint64_t zigzag64(std::int64_t v) noexcept {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
inline std::size_t uvarint_len(std::uint64_t v) noexcept {
    std::size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}
}  // namespace detail

inline std::size_t varlong_size(std::int64_t v) noexcept { return detail::uvarint_len(detail::zigzag64(v)); }

// ... and the record's body (after its length prefix) at a place.
inline std::size_t record_body_size_from(std::size_t fixed, std::int64_t timestamp_delta,
                                         std::int32_t offset_delta) noexcept {
    return fixed + varlong_size(timestamp_delta) + varlong_size(offset_delta);
}
// ... and its whole encoded size there, length prefix included.
inline std::size_t record_size_at(std::size_t fixed, std::int64_t timestamp_delta,
                                  std::int32_t offset_delta) noexcept {
    const std::size_t body = record_body_size_from(fixed, timestamp_delta, offset_delta);
    return varlong_size(static_cast<std::int64_t>(body)) + body;
}

// The size kafka-go checks against Writer.BatchBytes: its Message.size(),
// i.e. the legacy (magic 1) message size without the offset/size prefix:
// crc 4 + magic 1 + attributes 1 + timestamp 8 + key (4 + len) + value
// (4 + len). Headers are not counted. Uncompressed by definition.
std::size_t kafka_go_message_size(const Record& record) noexcept;

// Size of the fixed batch header above (61 bytes).
inline constexpr std::size_t kRecordBatchHeaderSize = 61;

}  // namespace kafkascope::records
