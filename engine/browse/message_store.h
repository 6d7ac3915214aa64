#pragma once
// The topic browser's message store: payload bytes stay in the buffers the
// fetch decoded them into (refcounted chunks), and each message is one
// 48-byte MessageRow of offsets into its chunk. A million 1 KB messages cost
// the payload plus ~50 bytes each (see tests/bench/README.md for measured
// numbers).
//
// Threading (single writer, many readers, no locks on the read path):
//   * Exactly one thread appends (the engine thread, BrowseSession).
//   * Any thread may read rows [0, size()) at any time. Rows and chunks live
//     in fixed-size segments that are allocated once and never move or
//     change after they are published; append() writes rows and chunk slots
//     first and then publishes the new count with a release store, and
//     size() is an acquire load. So a reader that saw size() == n may read
//     rows < n and the chunks they name without any lock.
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

// 48 bytes per message (checked by a static_assert in the .cpp).
struct MessageRow {
    std::int64_t offset = 0;
    std::int64_t timestamp = 0;
    std::uint32_t chunk = 0;  // index into the store's chunk table
    std::int32_t partition = 0;
    std::uint32_t key_offset = 0;
    std::int32_t key_length = -1;  // -1 = null
    std::uint32_t value_offset = 0;
    std::int32_t value_length = -1;  // -1 = null (tombstone)
    std::uint32_t headers_offset = 0;
    std::uint16_t header_count = 0;
    std::uint8_t timestamp_type = 0;  // records::TimestampType
    std::uint8_t reserved = 0;
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
    const records::Bytes* storage = nullptr;
    std::uint32_t headers_offset = 0;

    std::vector<HeaderRef> headers() const;  // decoded on demand
    std::size_t size() const noexcept;        // key + value + header bytes
};

class MessageStore {
public:
    static constexpr std::size_t kRowsPerSegment = std::size_t{1} << 16;
    static constexpr std::size_t kMaxSegments = 4096;  // 268 M rows
    static constexpr std::size_t kChunksPerSegment = std::size_t{1} << 14;
    static constexpr std::size_t kMaxChunkSegments = 4096;

    MessageStore();
    ~MessageStore();
    MessageStore(const MessageStore&) = delete;
    MessageStore& operator=(const MessageStore&) = delete;

    // Readers (any thread).
    std::size_t size() const noexcept { return size_.load(std::memory_order_acquire); }
    const MessageRow& row(std::size_t index) const noexcept {
        return segments_[index / kRowsPerSegment][index % kRowsPerSegment];
    }
    MessageRef ref(std::size_t index) const noexcept;
    // Payload bytes held (each chunk counted once), for memory accounting.
    std::size_t chunk_bytes() const noexcept { return chunk_bytes_.load(std::memory_order_acquire); }
    static constexpr std::size_t capacity() noexcept { return kRowsPerSegment * kMaxSegments; }

    // Writer (one thread). Appends the batch's records of `partition` (the
    // ones `keep` accepts, all when it is empty); returns how many. Stops
    // quietly once the store holds `limit` rows (at most capacity()).
    using Keep = std::function<bool(const MessageRef&)>;
    std::size_t append(const records::DecodedBatch& batch, std::int32_t partition, const Keep& keep = {},
                       std::size_t limit = capacity());

private:
    std::uint32_t chunk_for(const std::shared_ptr<const records::Bytes>& storage);
    const records::Bytes& chunk(std::uint32_t index) const noexcept {
        return *chunks_[index / kChunksPerSegment][index % kChunksPerSegment];
    }

    std::array<std::unique_ptr<MessageRow[]>, kMaxSegments> segments_;
    std::array<std::unique_ptr<std::shared_ptr<const records::Bytes>[]>, kMaxChunkSegments> chunks_;
    std::atomic<std::size_t> size_{0};
    std::size_t chunk_count_ = 0;  // writer only
    // The buffer the last chunk came from, held so its address cannot be
    // reused by a later buffer while we compare against it.
    std::shared_ptr<const records::Bytes> last_source_;
    std::atomic<std::size_t> chunk_bytes_{0};
};

// A candidate record before it is stored (for MessageStore::Keep).
MessageRef make_ref(const records::DecodedBatch& batch, const records::RecordView& record, std::int32_t partition);

}  // namespace kafkascope::browse
