#pragma once
// Decodes the "records" field of a Fetch partition (or of a Produce request):
// a sequence of record batches (magic 2) and/or legacy message sets (magic 0
// and 1), possibly ending in a partial batch.
//
// Representation (why it looks like this): the topic browser keeps millions
// of messages, so a decoded record owns no bytes. A DecodedBatch holds a
// shared_ptr to the buffer its records live in - the fetched response itself
// for uncompressed batches, or one decompressed buffer per compressed batch -
// and each RecordView is a fixed 40-byte value of offsets into that buffer.
// Decoding allocates per batch (the views vector, a decompressed buffer),
// never per record. Headers are validated while decoding but only
// materialised on demand (headers()), since most rows never show them.
//
// Rules followed:
//   * A truncated final batch is normal in Fetch (the broker cuts at
//     max_bytes) and ends decoding without an error (truncated_tail = true).
//   * A CRC mismatch or malformed batch ends decoding with an Error naming the
//     batch's base offset; batches decoded before it are kept.
//   * Nothing reads past the input (WireReader), and every allocation is
//     bounded by the input size or by max_decompressed_bytes.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "records/compression.h"
#include "records/record.h"

namespace kafkascope::records {

// One record: absolute offset and timestamp plus byte ranges in the batch's
// storage. A length of -1 means null.
struct RecordView {
    std::int64_t offset = 0;
    std::int64_t timestamp = 0;
    std::uint32_t key_offset = 0;
    std::int32_t key_length = -1;
    std::uint32_t value_offset = 0;
    std::int32_t value_length = -1;
    std::uint32_t headers_offset = 0;  // first encoded header (magic 2 only)
    std::uint32_t header_count = 0;
};

struct HeaderView {
    std::string_view key;
    std::optional<std::span<const std::uint8_t>> value;  // nullopt = null
};

struct BatchInfo {
    std::int64_t base_offset = 0;
    std::int64_t last_offset = 0;  // base + lastOffsetDelta, even if records were compacted
    std::int32_t partition_leader_epoch = -1;
    std::int8_t magic = 2;
    std::uint32_t crc = 0;
    Compression compression = Compression::none;
    TimestampType timestamp_type = TimestampType::create_time;
    bool transactional = false;
    bool control = false;
    std::int64_t base_timestamp = -1;
    std::int64_t max_timestamp = -1;
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
    std::int32_t base_sequence = -1;
    std::int32_t record_count = 0;   // as declared in the batch header
    std::size_t wire_size = 0;       // bytes the batch took in the input
};

struct ControlRecord {
    ControlType type = ControlType::abort;
    std::int16_t raw_type = 0;  // as on the wire, in case a new type appears
    std::int32_t coordinator_epoch = 0;
};

struct DecodedBatch {
    BatchInfo info;
    std::shared_ptr<const Bytes> storage;  // what the views' offsets index into
    std::vector<RecordView> records;       // records at or above min_offset
    std::optional<ControlRecord> control;  // set for control batches

    std::optional<std::span<const std::uint8_t>> key(const RecordView& r) const noexcept;
    std::optional<std::span<const std::uint8_t>> value(const RecordView& r) const noexcept;
    // Re-reads the headers validated at decode time.
    std::vector<HeaderView> headers(const RecordView& r) const;
};

struct DecodeOptions {
    // Records below this offset are dropped; whole batches below it are
    // skipped without CRC check or decompression.
    std::int64_t min_offset = std::numeric_limits<std::int64_t>::min();
    // Bound on one batch's decompressed size (a decompression bomb guard).
    std::size_t max_decompressed_bytes = 256u << 20;
    bool verify_crc = true;
};

struct DecodeResult {
    std::vector<DecodedBatch> batches;
    std::size_t bytes_consumed = 0;  // complete batches, skipped ones included
    bool truncated_tail = false;     // input ended inside a batch
    Error error;                     // set when a batch was corrupt; decoding stopped there

    bool ok() const noexcept { return !error; }
    std::size_t record_count() const noexcept;
};

// `blob` must lie inside *owner; uncompressed records then point into owner
// without copying (a Fetch response frame is a typical owner).
DecodeResult decode_records(std::shared_ptr<const Bytes> owner, std::span<const std::uint8_t> blob,
                            const DecodeOptions& options = {});
// Convenience: copies `blob` into a buffer of its own first.
DecodeResult decode_records(std::span<const std::uint8_t> blob, const DecodeOptions& options = {});

}  // namespace kafkascope::records
