#include "records/record_batch_writer.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "protocol/crc32c.h"

namespace kafkascope::records {
namespace {

std::size_t nullable_size(const std::optional<Bytes>& b) noexcept {
    return b ? varlong_size(static_cast<std::int64_t>(b->size())) + b->size() : 1;
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

std::size_t record_fixed_size(const Record& r) noexcept {
    std::size_t n = 1 + nullable_size(r.key) + nullable_size(r.value) +
                    varlong_size(static_cast<std::int64_t>(r.headers.size()));
    for (const auto& h : r.headers)
        n += varlong_size(static_cast<std::int64_t>(h.key.size())) + h.key.size() + nullable_size(h.value);
    return n;
}

std::size_t encoded_record_size(const Record& record, std::int64_t timestamp_delta,
                                std::int32_t offset_delta) {
    return record_size_at(record_fixed_size(record), timestamp_delta, offset_delta);
}

std::size_t kafka_go_message_size(const Record& record) noexcept {
    const auto len = [](const std::optional<Bytes>& b) { return b ? b->size() : 0; };
    return 4 + 1 + 1 + 8 + (4 + len(record.key)) + (4 + len(record.value));
}

namespace {

// Direct writes into a buffer already sized exactly: the batch is sized in
// one pass first, so no per-byte capacity checks or regrowth on the way.
struct Cursor {
    std::uint8_t* p;
    void u8(std::uint8_t v) noexcept { *p++ = v; }
    void be(std::uint64_t v, int width) noexcept {
        for (int i = width - 1; i >= 0; --i) *p++ = static_cast<std::uint8_t>(v >> (8 * i));
    }
    void uvarint(std::uint64_t v) noexcept {
        while (v >= 0x80) {
            *p++ = static_cast<std::uint8_t>(v | 0x80);
            v >>= 7;
        }
        *p++ = static_cast<std::uint8_t>(v);
    }
    void varlong(std::int64_t v) noexcept { uvarint(detail::zigzag64(v)); }
    void raw(const std::uint8_t* data, std::size_t n) noexcept {
        if (n) std::memcpy(p, data, n);
        p += n;
    }
    void nullable(const std::optional<Bytes>& b) noexcept {
        if (!b) return varlong(-1);
        varlong(static_cast<std::int64_t>(b->size()));
        raw(b->data(), b->size());
    }
};

// Writes the records (no batch header) at `out`, sized by the caller.
// `fixed[i]` is record_fixed_size(records[i]), from the sizing pass.
std::uint8_t* write_records(std::uint8_t* out, std::span<const Record> records, const std::vector<std::uint32_t>& fixed,
                            std::int64_t base_ts) {
    Cursor c{out};
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        const std::int64_t ts_delta = r.timestamp_ms - base_ts;
        const auto off_delta = static_cast<std::int32_t>(i);
        c.varlong(static_cast<std::int64_t>(record_body_size_from(fixed[i], ts_delta, off_delta)));
        c.u8(0);  // record attributes: unused
        c.varlong(ts_delta);
        c.varlong(off_delta);
        c.nullable(r.key);
        c.nullable(r.value);
        c.varlong(static_cast<std::int64_t>(r.headers.size()));
        for (const auto& h : r.headers) {
            c.varlong(static_cast<std::int64_t>(h.key.size()));
            c.raw(reinterpret_cast<const std::uint8_t*>(h.key.data()), h.key.size());
            c.nullable(h.value);
        }
    }
    return c.p;
}

}  // namespace

Status append_record_batch(Bytes& out, std::span<const Record> records, const BatchOptions& options) {
    if (records.empty())
        return Error(client_errc::invalid_argument, "a record batch needs at least one record");
    if (records.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
        return Error(client_errc::invalid_argument, "too many records for one batch");
    const std::int64_t base_ts = records.front().timestamp_ms;
    std::int64_t max_ts = base_ts;

    std::size_t total = 0;
    std::vector<std::uint32_t> fixed(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        const auto& r = records[i];
        max_ts = std::max(max_ts, r.timestamp_ms);
        if ((r.key && r.key->size() > kMaxBatch) || (r.value && r.value->size() > kMaxBatch))
            return Error(client_errc::invalid_argument, "record key or value too large");
        for (const auto& h : r.headers)
            if (h.value && h.value->size() > kMaxBatch)
                return Error(client_errc::invalid_argument, "record header value too large");
        const std::size_t fixed_size = record_fixed_size(r);
        if (fixed_size > kMaxBatch)
            return Error(client_errc::invalid_argument, "records exceed the 2 GiB batch limit");
        fixed[i] = static_cast<std::uint32_t>(fixed_size);
        const std::size_t body = record_body_size_from(fixed_size, r.timestamp_ms - base_ts, static_cast<std::int32_t>(i));
        total += varlong_size(static_cast<std::int64_t>(body)) + body;
        if (total > kMaxBatch)
            return Error(client_errc::invalid_argument, "records exceed the 2 GiB batch limit");
    }

    const std::size_t start = out.size();
    if (options.compression == Compression::none) {
        // The records go straight behind the header: no intermediate body.
        out.resize(start + kRecordBatchHeaderSize + total);
        write_records(out.data() + start + kRecordBatchHeaderSize, records, fixed, base_ts);
    } else {
        Bytes body(total);
        write_records(body.data(), records, fixed, base_ts);
        auto c = compress(options.compression, body, options.compression_level);
        if (!c) return std::move(c).error();
        if (c->size() > kMaxBatch)
            return Error(client_errc::invalid_argument, "batch exceeds 2 GiB after compression");
        out.resize(start + kRecordBatchHeaderSize);
        out.insert(out.end(), c->begin(), c->end());
    }

    Cursor h{out.data() + start};
    h.be(static_cast<std::uint64_t>(options.base_offset), 8);
    // batchLength counts the bytes after itself; the CRC covers attributes..end.
    h.be(static_cast<std::uint32_t>(out.size() - start - 12), 4);
    h.be(static_cast<std::uint32_t>(options.partition_leader_epoch), 4);
    h.u8(2);  // magic
    std::uint8_t* const crc_at = h.p;
    h.p += 4;
    h.be(static_cast<std::uint16_t>(attributes_of(options)), 2);
    h.be(static_cast<std::uint32_t>(records.size() - 1), 4);  // lastOffsetDelta
    h.be(static_cast<std::uint64_t>(base_ts), 8);
    h.be(static_cast<std::uint64_t>(max_ts), 8);
    h.be(static_cast<std::uint64_t>(options.producer_id), 8);
    h.be(static_cast<std::uint16_t>(options.producer_epoch), 2);
    h.be(static_cast<std::uint32_t>(options.base_sequence), 4);
    h.be(static_cast<std::uint32_t>(records.size()), 4);
    const std::uint8_t* const crc_from = crc_at + 4;
    const auto crc = protocol::crc32c(
        std::span<const std::uint8_t>(crc_from, static_cast<std::size_t>(out.data() + out.size() - crc_from)));
    Cursor{crc_at}.be(crc, 4);
    return ok_status();
}

Result<Bytes> write_record_batch(std::span<const Record> records, const BatchOptions& options) {
    Bytes out;
    Status status = append_record_batch(out, records, options);
    if (!status) return std::move(status).error();
    return out;
}

}  // namespace kafkascope::records
