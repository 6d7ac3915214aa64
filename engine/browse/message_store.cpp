#include "browse/message_store.h"

#include <algorithm>

#include "protocol/wire_reader.h"

namespace kafkascope::browse {

static_assert(sizeof(MessageRow) == 48, "MessageRow is the per-message overhead; keep it at 48 bytes");

namespace {

std::optional<ByteSpan> span_of(const records::Bytes& storage, std::uint32_t offset, std::int32_t length) {
    if (length < 0) return std::nullopt;
    return ByteSpan(storage.data() + offset, static_cast<std::size_t>(length));
}

}  // namespace

std::vector<HeaderRef> MessageRef::headers() const {
    std::vector<HeaderRef> out;
    if (header_count == 0 || !storage) return out;
    out.reserve(header_count);
    protocol::WireReader reader(ByteSpan(*storage).subspan(headers_offset));
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
    m.storage = batch.storage.get();
    m.headers_offset = r.headers_offset;
    return m;
}

MessageStore::MessageStore() = default;
MessageStore::~MessageStore() = default;

MessageRef MessageStore::ref(std::size_t index) const noexcept {
    const MessageRow& r = row(index);
    const records::Bytes& storage = chunk(r.chunk);
    MessageRef m;
    m.partition = r.partition;
    m.offset = r.offset;
    m.timestamp = r.timestamp;
    m.timestamp_type = static_cast<records::TimestampType>(r.timestamp_type);
    m.key = span_of(storage, r.key_offset, r.key_length);
    m.value = span_of(storage, r.value_offset, r.value_length);
    m.header_count = r.header_count;
    m.storage = &storage;
    m.headers_offset = r.headers_offset;
    return m;
}

std::uint32_t MessageStore::chunk_for(const std::shared_ptr<const records::Bytes>& storage) {
    // Uncompressed batches of one fetch share one buffer: store it once.
    if (storage == last_source_) return static_cast<std::uint32_t>(chunk_count_ - 1);
    const std::size_t index = chunk_count_;
    auto& segment = chunks_[index / kChunksPerSegment];
    if (!segment) segment = std::make_unique<std::shared_ptr<const records::Bytes>[]>(kChunksPerSegment);
    // A decompressed buffer is grown by doubling and may hold up to twice its
    // size; kept for the life of the browse, the slack would cost more than
    // the rows. Keep an exact copy then (offsets stay valid: same bytes).
    std::shared_ptr<const records::Bytes> kept = storage;
    if (storage->capacity() > storage->size() + storage->size() / 8 + 4096) {
        kept = std::make_shared<const records::Bytes>(storage->begin(), storage->end());
    }
    segment[index % kChunksPerSegment] = std::move(kept);
    ++chunk_count_;
    last_source_ = storage;
    chunk_bytes_.fetch_add(storage->size(), std::memory_order_release);
    return static_cast<std::uint32_t>(index);
}

std::size_t MessageStore::append(const records::DecodedBatch& batch, std::int32_t partition, const Keep& keep,
                                 std::size_t limit) {
    limit = std::min(limit, capacity());
    if (batch.records.empty() || !batch.storage) return 0;
    std::size_t n = size_.load(std::memory_order_relaxed);
    const std::size_t before = n;
    std::optional<std::uint32_t> chunk;
    for (const records::RecordView& r : batch.records) {
        if (n >= limit) break;
        if (chunk_count_ >= kChunksPerSegment * kMaxChunkSegments) break;
        if (keep && !keep(make_ref(batch, r, partition))) continue;
        if (!chunk) chunk = chunk_for(batch.storage);
        auto& segment = segments_[n / kRowsPerSegment];
        if (!segment) segment = std::make_unique<MessageRow[]>(kRowsPerSegment);
        MessageRow& row = segment[n % kRowsPerSegment];
        row.offset = r.offset;
        row.timestamp = r.timestamp;
        row.chunk = *chunk;
        row.partition = partition;
        row.key_offset = r.key_offset;
        row.key_length = r.key_length;
        row.value_offset = r.value_offset;
        row.value_length = r.value_length;
        row.headers_offset = r.headers_offset;
        row.header_count = static_cast<std::uint16_t>(std::min<std::uint32_t>(r.header_count, 0xFFFF));
        row.timestamp_type = static_cast<std::uint8_t>(batch.info.timestamp_type);
        ++n;
    }
    size_.store(n, std::memory_order_release);
    return n - before;
}

}  // namespace kafkascope::browse
