// Legacy message sets (magic 0 and 1), written by brokers and clients before
// Kafka 0.11 and still returned for old segments:
//
//   offset i64 | message size i32 | crc u32 (CRC-32 IEEE of magic..end)
//   | magic i8 | attributes i8 | [timestamp i64, magic 1] | key bytes
//   | value bytes (int32 lengths, -1 = null)
//
// A compressed message is a wrapper whose value is a compressed message set
// of plain inner messages. With magic 1 the inner offsets are relative
// (0..n-1) and the wrapper carries the absolute offset of the last one.

#include <algorithm>
#include <optional>

#include "protocol/crc32c.h"
#include "protocol/wire_reader.h"
#include "records/batch_decoders.h"

namespace kafkascope::records::detail {
namespace {

using protocol::WireReader;

struct Slice {
    std::uint32_t at = 0;
    std::int32_t length = -1;
    std::span<const std::uint8_t> bytes;
};

struct Message {
    std::int64_t offset = 0;
    std::int8_t magic = 0;
    std::int8_t attributes = 0;
    std::int64_t timestamp = -1;
    Slice key, value;
    std::size_t wire_size = 0;
};

Slice read_bytes(WireReader& r, const Bytes& storage) {
    Slice s;
    s.length = r.i32();
    if (s.length < -1) r.fail("negative length");
    if (s.length < 0 || !r.ok()) return s;
    s.bytes = r.take(static_cast<std::size_t>(s.length));
    if (r.ok()) s.at = offset_in(storage, s.bytes.data());
    return s;
}

// Reads one complete entry from r; nullopt + error when malformed.
std::optional<Message> read_message(WireReader& r, const Bytes& storage, const DecodeOptions& options,
                                    Error& error) {
    Message m;
    const std::size_t start = r.offset();
    m.offset = r.i64();
    const std::int32_t size = r.i32();
    if (size < 0) r.fail("negative message size");
    auto body = r.take(r.ok() ? static_cast<std::size_t>(size) : 0);
    if (!r.ok()) {
        error = corrupt(m.offset, "legacy message: " + r.error());
        return std::nullopt;
    }
    m.wire_size = r.offset() - start;
    WireReader b(body);
    const std::uint32_t crc = b.u32();
    m.magic = b.i8();
    m.attributes = b.i8();
    if (m.magic == 1) m.timestamp = b.i64();
    m.key = read_bytes(b, storage);
    m.value = read_bytes(b, storage);
    if (b.ok() && m.magic > 1) b.fail("magic " + std::to_string(m.magic) + " inside a message set");
    if (b.ok() && b.remaining() != 0) b.fail("bytes left over in message");
    if (!b.ok()) {
        error = corrupt(m.offset, "legacy message: " + b.error());
        return std::nullopt;
    }
    if (options.verify_crc) {
        const std::uint32_t actual = protocol::crc32_ieee(body.subspan(4));
        if (actual != crc) {
            error = corrupt(m.offset, "legacy message CRC mismatch (message says " +
                                          std::to_string(crc) + ", computed " +
                                          std::to_string(actual) + ")");
            return std::nullopt;
        }
    }
    return m;
}

TimestampType timestamp_type(const Message& m) {
    return (m.magic == 1 && (m.attributes & 0x08)) ? TimestampType::log_append_time
                                                  : TimestampType::create_time;
}

RecordView view_of(const Message& m, std::int64_t offset, std::int64_t timestamp) {
    RecordView v;
    v.offset = offset;
    v.timestamp = timestamp;
    v.key_offset = m.key.at;
    v.key_length = m.key.length;
    v.value_offset = m.value.at;
    v.value_length = m.value.length;
    return v;
}

BatchInfo info_of(const Message& m) {
    BatchInfo info;
    info.base_offset = info.last_offset = m.offset;
    info.magic = m.magic;
    info.timestamp_type = timestamp_type(m);
    info.base_timestamp = info.max_timestamp = m.timestamp;
    info.record_count = 1;
    info.wire_size = m.wire_size;
    return info;
}

Status decode_wrapper(const Message& wrapper, Compression codec, const DecodeOptions& options,
                      std::vector<DecodedBatch>& out) {
    auto plain = wrapper.magic == 0 && codec == Compression::lz4
                     ? decompress_lz4_legacy(wrapper.value.bytes, options.max_decompressed_bytes)
                     : decompress(codec, wrapper.value.bytes, options.max_decompressed_bytes);
    if (!plain) return corrupt(wrapper.offset, "legacy wrapper: " + plain.error().message);
    auto storage = std::make_shared<const Bytes>(std::move(plain).value());

    std::vector<Message> inner;
    WireReader r(*storage);
    while (r.remaining() > 0) {
        Error error;
        auto m = read_message(r, *storage, options, error);
        if (!m) return error;
        if (m->attributes & 0x07) return corrupt(wrapper.offset, "nested compressed message");
        inner.push_back(*m);
    }
    if (inner.empty()) return corrupt(wrapper.offset, "empty compressed message set");

    const std::int64_t shift = wrapper.magic == 1 ? wrap_sub(wrapper.offset, inner.back().offset) : 0;
    DecodedBatch batch;
    batch.info = info_of(wrapper);
    batch.info.compression = codec;
    batch.info.base_offset = wrap_add(inner.front().offset, shift);
    batch.info.record_count = static_cast<std::int32_t>(inner.size());
    batch.storage = storage;
    batch.records.reserve(inner.size());
    for (const Message& m : inner) {
        const std::int64_t ts =
            batch.info.timestamp_type == TimestampType::log_append_time ? wrapper.timestamp : m.timestamp;
        const std::int64_t offset = wrap_add(m.offset, shift);
        if (offset >= options.min_offset) batch.records.push_back(view_of(m, offset, ts));
    }
    out.push_back(std::move(batch));
    return ok_status();
}

}  // namespace

Status decode_legacy_entry(std::span<const std::uint8_t> entry,
                           const std::shared_ptr<const Bytes>& owner,
                           const DecodeOptions& options, std::vector<DecodedBatch>& out) {
    WireReader r(entry);
    Error error;
    const auto m = read_message(r, *owner, options, error);
    if (!m) return error;
    const int bits = m->attributes & 0x07;
    if (bits != 0) {
        const auto codec = compression_from_bits(bits);
        if (!codec) return corrupt(m->offset, "unknown compression " + std::to_string(bits));
        if (m->offset < options.min_offset) return ok_status();  // wrapper = last inner offset
        return decode_wrapper(*m, *codec, options, out);
    }
    if (m->offset < options.min_offset) return ok_status();
    const RecordView v = view_of(*m, m->offset, m->timestamp);
    DecodedBatch* open = out.empty() ? nullptr : &out.back();
    if (open && open->info.magic == m->magic && open->info.compression == Compression::none &&
        open->storage == owner) {
        open->records.push_back(v);
        open->info.last_offset = m->offset;
        open->info.record_count += 1;
        open->info.max_timestamp = std::max(open->info.max_timestamp, m->timestamp);
        open->info.wire_size += m->wire_size;
        return ok_status();
    }
    DecodedBatch batch;
    batch.info = info_of(*m);
    batch.storage = owner;
    batch.records.push_back(v);
    out.push_back(std::move(batch));
    return ok_status();
}

}  // namespace kafkascope::records::detail
