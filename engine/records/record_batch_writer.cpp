#include "records/record_batch_writer.h"

#include <algorithm>
#include <limits>

#include "protocol/crc32c.h"
#include "protocol/wire_writer.h"

namespace kafkascope::records {
namespace {

using protocol::uvarint_size;
using protocol::WireWriter;

std::uint64_t zigzag(std::int64_t v) noexcept {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
std::size_t varlong_size(std::int64_t v) noexcept { return uvarint_size(zigzag(v)); }

std::size_t nullable_size(const std::optional<Bytes>& b) noexcept {
    return b ? varlong_size(static_cast<std::int64_t>(b->size())) + b->size() : 1;
}

// Everything after the record's own length prefix.
std::size_t record_body_size(const Record& r, std::int64_t ts_delta, std::int32_t off_delta) {
    std::size_t n = 1 + varlong_size(ts_delta) + varlong_size(off_delta) + nullable_size(r.key) +
                    nullable_size(r.value) + varlong_size(static_cast<std::int64_t>(r.headers.size()));
    for (const auto& h : r.headers)
        n += varlong_size(static_cast<std::int64_t>(h.key.size())) + h.key.size() +
             nullable_size(h.value);
    return n;
}

void write_nullable(WireWriter& w, const std::optional<Bytes>& b) {
    if (!b) {
        w.varint(-1);
        return;
    }
    w.varint(static_cast<std::int32_t>(b->size()));
    w.raw(*b);
}

std::int16_t attributes_of(const BatchOptions& o) {
    int a = static_cast<int>(o.compression);
    if (o.timestamp_type == TimestampType::log_append_time) a |= 0x08;
    if (o.transactional) a |= 0x10;
    if (o.control) a |= 0x20;
    return static_cast<std::int16_t>(a);
}

constexpr std::size_t kMaxBatch = std::numeric_limits<std::int32_t>::max() - 64;

}  // namespace

std::size_t encoded_record_size(const Record& record, std::int64_t timestamp_delta,
                                std::int32_t offset_delta) {
    const std::size_t body = record_body_size(record, timestamp_delta, offset_delta);
    return varlong_size(static_cast<std::int64_t>(body)) + body;
}

std::size_t kafka_go_message_size(const Record& record) noexcept {
    const auto len = [](const std::optional<Bytes>& b) { return b ? b->size() : 0; };
    return 4 + 1 + 1 + 8 + (4 + len(record.key)) + (4 + len(record.value));
}

Result<Bytes> write_record_batch(std::span<const Record> records, const BatchOptions& options) {
    if (records.empty())
        return Error(client_errc::invalid_argument, "a record batch needs at least one record");
    if (records.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        return Error(client_errc::invalid_argument, "too many records for one batch");
    const std::int64_t base_ts = records.front().timestamp_ms;
    std::int64_t max_ts = base_ts;

    std::size_t total = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        max_ts = std::max(max_ts, r.timestamp_ms);
        for (const auto& h : r.headers)
            if (h.value && h.value->size() > kMaxBatch)
                return Error(client_errc::invalid_argument, "record header value too large");
        if ((r.key && r.key->size() > kMaxBatch) || (r.value && r.value->size() > kMaxBatch))
            return Error(client_errc::invalid_argument, "record key or value too large");
        total += encoded_record_size(r, r.timestamp_ms - base_ts, static_cast<std::int32_t>(i));
        if (total > kMaxBatch)
            return Error(client_errc::invalid_argument, "records exceed the 2 GiB batch limit");
    }

    WireWriter body(total);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        const auto delta = static_cast<std::int32_t>(i);
        body.varint(static_cast<std::int32_t>(record_body_size(r, r.timestamp_ms - base_ts, delta)));
        body.i8(0);  // record attributes: unused
        body.varlong(r.timestamp_ms - base_ts);
        body.varint(delta);
        write_nullable(body, r.key);
        write_nullable(body, r.value);
        body.varint(static_cast<std::int32_t>(r.headers.size()));
        for (const auto& h : r.headers) {
            body.varint(static_cast<std::int32_t>(h.key.size()));
            body.raw(h.key);
            write_nullable(body, h.value);
        }
    }

    Bytes compressed;
    std::span<const std::uint8_t> payload = body.data();
    if (options.compression != Compression::none) {
        auto c = compress(options.compression, payload, options.compression_level);
        if (!c) return std::move(c).error();
        compressed = std::move(c).value();
        payload = compressed;
    }
    if (payload.size() > kMaxBatch)
        return Error(client_errc::invalid_argument, "batch exceeds 2 GiB after compression");

    WireWriter w(kRecordBatchHeaderSize + payload.size());
    w.i64(options.base_offset);
    const std::size_t length_at = w.reserve_i32();
    w.i32(options.partition_leader_epoch);
    w.i8(2);  // magic
    const std::size_t crc_at = w.reserve_i32();
    w.i16(attributes_of(options));
    w.i32(static_cast<std::int32_t>(records.size() - 1));  // lastOffsetDelta
    w.i64(base_ts);
    w.i64(max_ts);
    w.i64(options.producer_id);
    w.i16(options.producer_epoch);
    w.i32(options.base_sequence);
    w.i32(static_cast<std::int32_t>(records.size()));
    w.raw(payload);

    // batchLength counts the bytes after itself; the CRC covers attributes..end.
    w.patch_i32(length_at, static_cast<std::int32_t>(w.size() - 12));
    const auto crc = protocol::crc32c(std::span(w.data()).subspan(crc_at + 4));
    w.patch_i32(crc_at, static_cast<std::int32_t>(crc));
    return w.take();
}

}  // namespace kafkascope::records
