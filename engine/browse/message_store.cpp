#include "browse/message_store.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/malloc_tuning.h"
#include "protocol/wire_reader.h"

namespace kafkascope::browse {

static_assert(sizeof(store_detail::PackedRow) == 28, "PackedRow is the per-message overhead; keep it at 28 bytes");

namespace {

using store_detail::PackedRow;
using store_detail::RowRun;

// Slabs grow from small (a browse of a few messages stays small) to the
// allocator's fixed mmap threshold (core/malloc_tuning.h), so full-size slabs
// are mapped on their own: the last one's untouched tail is not resident.
constexpr std::size_t kFirstSlab = std::size_t{64} << 10;
constexpr std::size_t kLargestSlab = core::kMmapThreshold;  // 1 MiB
// A record larger than this gets an exact-size allocation of its own, so a
// big value never strands the rest of a slab.
constexpr std::size_t kOwnAllocation = kLargestSlab / 4;

std::size_t length_of(std::int32_t length) { return length < 0 ? 0 : static_cast<std::size_t>(length); }

std::optional<ByteSpan> take(const std::uint8_t*& at, std::int32_t length) {
    if (length < 0) return std::nullopt;
    const ByteSpan out(at, static_cast<std::size_t>(length));
    at += length;
    return out;
}

// Bytes the `count` encoded headers at the start of `bytes` take (validated
// by the batch decoder already; a malformed block yields what parsed).
std::size_t encoded_headers_size(ByteSpan bytes, std::uint32_t count) {
    protocol::WireReader reader(bytes);
    std::size_t good = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        reader.skip(static_cast<std::size_t>(std::max(reader.varint(), 0)));
        const std::int32_t len = reader.varint();
        if (len > 0) reader.skip(static_cast<std::size_t>(len));
        if (!reader.ok()) break;
        good = reader.offset();
    }
    return good;
}

}  // namespace

std::vector<HeaderRef> MessageRef::headers() const {
    std::vector<HeaderRef> out;
    if (header_count == 0) return out;
    out.reserve(header_count);
    protocol::WireReader reader(header_bytes);
    for (std::uint32_t i = 0; i < header_count && reader.ok(); ++i) {
        HeaderRef h;
        const auto name = reader.take(static_cast<std::size_t>(std::max(reader.varint(), 0)));
        h.key = std::string_view(reinterpret_cast<const char*>(name.data()), name.size());
        const std::int32_t len = reader.varint();
        if (len >= 0) h.value = reader.take(static_cast<std::size_t>(len));
        if (reader.ok()) out.push_back(h);
    }
    return out;
}

std::size_t MessageRef::size() const noexcept {
    std::size_t n = (key ? key->size() : 0) + (value ? value->size() : 0);
    if (header_count > 0) {
        for (const HeaderRef& h : headers()) n += h.key.size() + (h.value ? h.value->size() : 0);
    }
    return n;
}

MessageRef make_ref(const records::DecodedBatch& batch, const records::RecordView& r, std::int32_t partition) {
    MessageRef m;
    m.partition = partition;
    m.offset = r.offset;
    m.timestamp = r.timestamp;
    m.timestamp_type = batch.info.timestamp_type;
    m.key = batch.key(r);
    m.value = batch.value(r);
    m.header_count = r.header_count;
    if (r.header_count > 0 && batch.storage && r.headers_offset <= batch.storage->size()) {
        m.header_bytes = ByteSpan(*batch.storage).subspan(r.headers_offset);
    }
    return m;
}

MessageStore::MessageStore() : next_slab_size_(kFirstSlab) {}
MessageStore::~MessageStore() = default;

MessageRef MessageStore::ref(std::size_t index) const noexcept {
    const PackedRow& p = packed(index);
    const RowRun& r = run(p.run);
    MessageRef m;
    m.partition = r.partition;
    m.offset = r.base_offset + static_cast<std::int64_t>(p.offset_delta);
    m.timestamp = r.base_timestamp + p.timestamp_delta;
    m.timestamp_type = r.timestamp_type;
    const std::uint8_t* at = r.data + p.payload_offset;
    m.key = take(at, p.key_length);
    m.value = take(at, p.value_length);
    m.header_count = p.header_count;
    m.header_bytes = ByteSpan(at, static_cast<std::size_t>(r.limit - at));
    return m;
}

std::uint8_t* MessageStore::reserve_payload(std::size_t n, bool& fresh) {
    fresh = false;
    if (n > kOwnAllocation) {
        slabs_.push_back(std::make_unique_for_overwrite<std::uint8_t[]>(n));
        slab_bytes_.fetch_add(n, std::memory_order_relaxed);
        fresh = true;
        return slabs_.back().get();
    }
    if (!slab_next_ || static_cast<std::size_t>(slab_end_ - slab_next_) < n) {
        const std::size_t size = next_slab_size_;
        next_slab_size_ = std::min(next_slab_size_ * 2, kLargestSlab);
        slabs_.push_back(std::make_unique_for_overwrite<std::uint8_t[]>(size));
        slab_bytes_.fetch_add(size, std::memory_order_relaxed);
        slab_next_ = slabs_.back().get();
        slab_end_ = slab_next_ + size;
        fresh = true;
    }
    std::uint8_t* out = slab_next_;
    slab_next_ += n;
    return out;
}

std::uint32_t MessageStore::start_run(const RowRun& r) {
    const std::size_t index = run_count_++;
    auto& segment = runs_[index / kRunsPerSegment];
    if (!segment) segment = std::make_unique_for_overwrite<RowRun[]>(kRunsPerSegment);
    segment[index % kRunsPerSegment] = r;
    return static_cast<std::uint32_t>(index);
}

std::size_t MessageStore::append(const records::DecodedBatch& batch, std::int32_t partition, const Keep& keep,
                                 std::size_t limit) {
    limit = std::min(limit, capacity());
    if (batch.records.empty() || !batch.storage) return 0;
    const records::Bytes& storage = *batch.storage;
    std::size_t n = size_.load(std::memory_order_relaxed);
    const std::size_t before = n;
    std::size_t payload = 0;
    RowRun& current = open_run_;
    if (current.partition != partition || current.timestamp_type != batch.info.timestamp_type) open_run_index_.reset();
    for (const records::RecordView& r : batch.records) {
        if (n >= limit) break;
        if (keep && !keep(make_ref(batch, r, partition))) continue;

        const std::size_t key_size = length_of(r.key_length);
        const std::size_t value_size = length_of(r.value_length);
        const std::size_t headers_size =
            r.header_count == 0 ? 0
                                : encoded_headers_size(ByteSpan(storage).subspan(r.headers_offset), r.header_count);
        const std::size_t size = key_size + value_size + headers_size;
        bool fresh = false;
        std::uint8_t* dest = reserve_payload(size, fresh);
        // Only the bytes a reader asks for are kept: the record's framing
        // (length, attributes, deltas, length varints) is re-derived from
        // the row.
        if (key_size) std::memcpy(dest, storage.data() + r.key_offset, key_size);
        if (value_size) std::memcpy(dest + key_size, storage.data() + r.value_offset, value_size);
        if (headers_size) std::memcpy(dest + key_size + value_size, storage.data() + r.headers_offset, headers_size);
        payload += size;

        const std::int64_t offset_delta = r.offset - current.base_offset;
        const std::int64_t timestamp_delta = r.timestamp - current.base_timestamp;
        const bool fits = open_run_index_ && !fresh && offset_delta >= 0 &&
                          offset_delta <= std::numeric_limits<std::uint32_t>::max() &&
                          timestamp_delta >= std::numeric_limits<std::int32_t>::min() &&
                          timestamp_delta <= std::numeric_limits<std::int32_t>::max();
        if (!fits) {
            current = RowRun{dest, fresh && size > kOwnAllocation ? dest + size : slab_end_, r.offset, r.timestamp,
                             partition, batch.info.timestamp_type};
            open_run_index_ = start_run(current);
        }
        auto& segment = rows_[n / kRowsPerSegment];
        if (!segment) segment = std::make_unique_for_overwrite<PackedRow[]>(kRowsPerSegment);
        PackedRow& row = segment[n % kRowsPerSegment];
        row.run = *open_run_index_;
        row.offset_delta = static_cast<std::uint32_t>(r.offset - current.base_offset);
        row.timestamp_delta = static_cast<std::int32_t>(r.timestamp - current.base_timestamp);
        row.payload_offset = static_cast<std::uint32_t>(dest - current.data);
        row.key_length = r.key_length;
        row.value_length = r.value_length;
        row.header_count = headers_size == 0 ? 0 : r.header_count;
        ++n;
        // A record with its own allocation ends its run: the next one is
        // back in the shared slab.
        if (size > kOwnAllocation) open_run_index_.reset();
    }
    payload_bytes_.fetch_add(payload, std::memory_order_relaxed);
    size_.store(n, std::memory_order_release);
    return n - before;
}

}  // namespace kafkascope::browse
