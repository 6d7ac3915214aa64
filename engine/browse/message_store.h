#pragma once
// The topic browser's message store. Each kept record's key, value and
// encoded header bytes are copied back to back into large store-owned slabs
// (no record framing, no slack of decompressed buffers, and the fetched and
// decompressed buffers are freed right after the append), and each message
// is one 28-byte packed row: deltas against a small per-run table (partition,
// base offset, base timestamp) plus the lengths needed to find key, value and
// headers. See tests/bench/README.md for measured numbers.
//
// Threading (single writer, many readers, no locks on the read path):
//   * Exactly one thread appends (the engine thread, BrowseSession).
//   * Any thread may read rows [0, size()) at any time. Rows, row runs and
//     payload slabs are allocated once and never move; a written row, run or
//     payload byte never changes. append() writes payload bytes, runs and
//     rows first and then publishes the new count with a release store, and
//     size() is an acquire load. So a reader that saw size() == n may read
//     rows < n, the runs they name and their payload without any lock.
//   * A store is never cleared: a new browse gets a new store, and readers
//     keep the old one alive through their shared_ptr.

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "records/record.h"
#include "records/record_batch_reader.h"

namespace kafkascope::browse {

using ByteSpan = std::span<const std::uint8_t>;

// What row() returns: the fields views sort by and show, unpacked.
struct MessageRow {
    std::int64_t offset = 0;
    std::int64_t timestamp = 0;
    std::int32_t partition = 0;
    records::TimestampType timestamp_type = records::TimestampType::create_time;
};

struct HeaderRef {
    std::string_view key;
    std::optional<ByteSpan> value;  // nullopt = null
};

// One message as seen by filters, exporters and the detail view. Valid while
// the store (or, for candidates, the batch) it came from is alive.
struct MessageRef {
    std::int32_t partition = 0;
    std::int64_t offset = 0;
    std::int64_t timestamp = 0;
    records::TimestampType timestamp_type = records::TimestampType::create_time;
    std::optional<ByteSpan> key;
    std::optional<ByteSpan> value;
    std::uint32_t header_count = 0;
    // Starts with the header_count encoded headers (Kafka record layout:
    // varint key length, key, varint value length, value) and may extend
    // past them; headers() reads only those.
    ByteSpan header_bytes;

    std::vector<HeaderRef> headers() const;  // decoded on demand
    std::size_t size() const noexcept;        // key + value + header bytes
};

namespace store_detail {

// Consecutive rows of one partition whose payload lies in one slab. A new run
// starts when the partition, timestamp type or slab changes, or when a row's
// offset or timestamp does not fit the packed row's deltas.
struct RowRun {
    const std::uint8_t* data;   // payload of the run's first row
    const std::uint8_t* limit;  // end of the slab holding it
    std::int64_t base_offset;
    std::int64_t base_timestamp;
    std::int32_t partition;
    records::TimestampType timestamp_type;
};

// No default member initialisers: segments are allocated uninitialised, so
// rows not yet written cost no resident memory.
struct PackedRow {
    std::uint32_t run;
    std::uint32_t offset_delta;     // offset - run.base_offset
    std::int32_t timestamp_delta;   // timestamp - run.base_timestamp
    std::uint32_t payload_offset;   // from run.data: key, value, headers back to back
    std::int32_t key_length;        // -1 = null
    std::int32_t value_length;      // -1 = null (tombstone)
    std::uint32_t header_count;
};

}  // namespace store_detail

class MessageStore {
public:
    static constexpr std::size_t kRowsPerSegment = std::size_t{1} << 16;
    static constexpr std::size_t kMaxSegments = 4096;  // 268 M rows
    static constexpr std::size_t kRunsPerSegment = std::size_t{1} << 14;
    // At most one run per row, so runs never run out before rows do.
    static constexpr std::size_t kMaxRunSegments = kRowsPerSegment * kMaxSegments / kRunsPerSegment;

    MessageStore();
    ~MessageStore();
    MessageStore(const MessageStore&) = delete;
    MessageStore& operator=(const MessageStore&) = delete;

    // Readers (any thread).
    std::size_t size() const noexcept { return size_.load(std::memory_order_acquire); }
    MessageRow row(std::size_t index) const noexcept {
        const store_detail::PackedRow& p = packed(index);
        const store_detail::RowRun& r = run(p.run);
        return {r.base_offset + static_cast<std::int64_t>(p.offset_delta), r.base_timestamp + p.timestamp_delta,
                r.partition, r.timestamp_type};
    }
    MessageRef ref(std::size_t index) const noexcept;
    // Payload bytes held (key, value and encoded header bytes of every row),
    // and the slab bytes allocated for them, for memory accounting.
    std::size_t chunk_bytes() const noexcept { return payload_bytes_.load(std::memory_order_acquire); }
    std::size_t slab_bytes() const noexcept { return slab_bytes_.load(std::memory_order_acquire); }
    static constexpr std::size_t capacity() noexcept { return kRowsPerSegment * kMaxSegments; }
    static constexpr std::size_t bytes_per_row() noexcept { return sizeof(store_detail::PackedRow); }

    // Writer (one thread). Appends the batch's records of `partition` (the
    // ones `keep` accepts, all when it is empty); returns how many. Stops
    // quietly once the store holds `limit` rows (at most capacity()). The
    // batch's buffers are not referenced afterwards.
    using Keep = std::function<bool(const MessageRef&)>;
    std::size_t append(const records::DecodedBatch& batch, std::int32_t partition, const Keep& keep = {},
                       std::size_t limit = capacity());

private:
    const store_detail::PackedRow& packed(std::size_t index) const noexcept {
        return rows_[index / kRowsPerSegment][index % kRowsPerSegment];
    }
    const store_detail::RowRun& run(std::uint32_t index) const noexcept {
        return runs_[index / kRunsPerSegment][index % kRunsPerSegment];
    }
    // Room for n payload bytes; sets *fresh when they start a new slab.
    std::uint8_t* reserve_payload(std::size_t n, bool& fresh);
    std::uint32_t start_run(const store_detail::RowRun& run);

    std::array<std::unique_ptr<store_detail::PackedRow[]>, kMaxSegments> rows_;
    std::array<std::unique_ptr<store_detail::RowRun[]>, kMaxRunSegments> runs_;
    std::atomic<std::size_t> size_{0};

    // Writer only.
    std::size_t run_count_ = 0;
    std::vector<std::unique_ptr<std::uint8_t[]>> slabs_;  // owners; readers use RowRun pointers
    std::uint8_t* slab_next_ = nullptr;
    std::uint8_t* slab_end_ = nullptr;
    std::size_t next_slab_size_;
    // The run rows are being added to (also by the next append when it fits):
    // runs are immutable once written, so the writer keeps a copy.
    std::optional<std::uint32_t> open_run_index_;
    store_detail::RowRun open_run_{};

    std::atomic<std::size_t> payload_bytes_{0};
    std::atomic<std::size_t> slab_bytes_{0};
};

// A candidate record before it is stored (for MessageStore::Keep).
MessageRef make_ref(const records::DecodedBatch& batch, const records::RecordView& record, std::int32_t partition);

}  // namespace kafkascope::browse
