// Magic-2 record batches: header, CRC-32C, decompression, then the records.

#include <algorithm>
#include <cstdio>

#include "protocol/crc32c.h"
#include "protocol/wire_reader.h"
#include "records/batch_decoders.h"

namespace kafkascope::records::detail {
namespace {

using protocol::WireReader;

constexpr std::size_t kCrcCoverageStart = 21;  // attributes onwards
constexpr std::size_t kMinRecordSize = 7;      // len, attrs, ts, off, key, value, headers

std::string hex32(std::uint32_t v) {
    char buf[11];
    std::snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

// A varint length of -1 (null) or a non-negative length, taken from r.
bool read_nullable(WireReader& r, std::uint32_t& at, std::int32_t& length, const Bytes& storage) {
    length = r.varint();
    if (length < -1) {
        r.fail("negative length");
        return false;
    }
    if (length == -1) return r.ok();
    const auto bytes = r.take(static_cast<std::size_t>(length));
    at = r.ok() ? offset_in(storage, bytes.data()) : 0;
    return r.ok();
}

Status parse_records(std::span<const std::uint8_t> data, const BatchInfo& info,
                     const Bytes& storage, const DecodeOptions& options, DecodedBatch& batch) {
    if (static_cast<std::size_t>(info.record_count) > data.size() / kMinRecordSize + 1)
        return corrupt(info.base_offset, "record count " + std::to_string(info.record_count) +
                                             " does not fit in " + std::to_string(data.size()) +
                                             " bytes");
    batch.records.reserve(static_cast<std::size_t>(info.record_count));
    WireReader r(data);
    for (std::int32_t i = 0; i < info.record_count; ++i) {
        const std::int32_t length = r.varint();
        if (length < 0) r.fail("negative record length");
        WireReader rec(r.take(r.ok() ? static_cast<std::size_t>(length) : 0));
        if (!r.ok())
            return corrupt(info.base_offset, "record " + std::to_string(i) + ": " + r.error());
        RecordView v;
        rec.i8();  // record attributes: unused by Kafka
        const std::int64_t ts_delta = rec.varlong();
        const std::int32_t offset_delta = rec.varint();
        read_nullable(rec, v.key_offset, v.key_length, storage);
        read_nullable(rec, v.value_offset, v.value_length, storage);
        const std::int32_t header_count = rec.varint();
        if (header_count < 0) rec.fail("negative header count");
        v.headers_offset = offset_in(storage, data.data() + r.offset() - rec.remaining());
        for (std::int32_t h = 0; rec.ok() && h < header_count; ++h) {
            std::uint32_t at = 0;
            std::int32_t len = 0;
            read_nullable(rec, at, len, storage);
            if (len < 0) rec.fail("null header key");
            read_nullable(rec, at, len, storage);
        }
        if (rec.ok() && rec.remaining() != 0)
            rec.fail(std::to_string(rec.remaining()) + " bytes left over in record");
        if (!rec.ok())
            return corrupt(info.base_offset, "record " + std::to_string(i) + ": " + rec.error());
        v.header_count = static_cast<std::uint32_t>(header_count);
        v.offset = wrap_add(info.base_offset, offset_delta);
        v.timestamp = info.timestamp_type == TimestampType::log_append_time
                          ? info.max_timestamp
                          : wrap_add(info.base_timestamp, ts_delta);
        if (v.offset >= options.min_offset) batch.records.push_back(v);
    }
    if (r.remaining() != 0)
        return corrupt(info.base_offset, std::to_string(r.remaining()) + " bytes after " +
                                             std::to_string(info.record_count) + " records");
    return ok_status();
}

Status parse_control(DecodedBatch& batch) {
    if (batch.records.empty()) return ok_status();  // all below min_offset
    const RecordView& v = batch.records.front();
    const auto key = batch.key(v);
    const auto value = batch.value(v);
    if (!key || !value) return corrupt(batch.info.base_offset, "control record without key/value");
    WireReader k(*key);
    k.i16();  // version
    ControlRecord c;
    c.raw_type = k.i16();
    WireReader val(*value);
    val.i16();  // version
    c.coordinator_epoch = val.i32();
    if (!k.ok() || !val.ok()) return corrupt(batch.info.base_offset, "short control record");
    c.type = c.raw_type == 1 ? ControlType::commit : ControlType::abort;
    batch.control = c;
    return ok_status();
}

}  // namespace

Error corrupt(std::int64_t base_offset, const std::string& what) {
    return Error(client_errc::decode_failed,
                 "record batch at offset " + std::to_string(base_offset) + ": " + what);
}

Status decode_batch_v2(std::span<const std::uint8_t> batch, const std::shared_ptr<const Bytes>& owner,
                       const DecodeOptions& options, std::vector<DecodedBatch>& out) {
    WireReader r(batch);
    BatchInfo info;
    info.base_offset = r.i64();
    r.i32();  // batchLength: the caller already cut the batch to it
    info.partition_leader_epoch = r.i32();
    info.magic = r.i8();
    info.crc = r.u32();
    const std::int16_t attributes = r.i16();
    const std::int32_t last_delta = r.i32();
    info.base_timestamp = r.i64();
    info.max_timestamp = r.i64();
    info.producer_id = r.i64();
    info.producer_epoch = r.i16();
    info.base_sequence = r.i32();
    info.record_count = r.i32();
    if (!r.ok()) return corrupt(info.base_offset, "short batch header: " + r.error());
    info.last_offset = wrap_add(info.base_offset, last_delta);
    info.wire_size = batch.size();
    info.timestamp_type = (attributes & 0x08) ? TimestampType::log_append_time
                                              : TimestampType::create_time;
    info.transactional = (attributes & 0x10) != 0;
    info.control = (attributes & 0x20) != 0;
    if (info.last_offset < options.min_offset) return ok_status();  // skipped whole

    if (options.verify_crc) {
        const auto actual = protocol::crc32c(batch.subspan(kCrcCoverageStart));
        if (actual != info.crc)
            return corrupt(info.base_offset, "CRC mismatch (batch says " + hex32(info.crc) +
                                                 ", computed " + hex32(actual) + ")");
    }
    const auto codec = compression_from_bits(attributes & 0x07);
    if (!codec)
        return corrupt(info.base_offset, "unknown compression " + std::to_string(attributes & 7));
    info.compression = *codec;
    if (info.record_count < 0 || last_delta < 0)
        return corrupt(info.base_offset, "negative record count or last offset delta");

    DecodedBatch decoded;
    decoded.info = info;
    std::span<const std::uint8_t> records = batch.subspan(r.offset());
    if (info.compression == Compression::none) {
        decoded.storage = owner;
    } else {
        auto plain = decompress(info.compression, records, options.max_decompressed_bytes);
        if (!plain) return corrupt(info.base_offset, plain.error().message);
        auto storage = std::make_shared<const Bytes>(std::move(plain).value());
        records = *storage;
        decoded.storage = std::move(storage);
    }
    if (auto st = parse_records(records, info, *decoded.storage, options, decoded); !st) return st;
    if (info.control)
        if (auto st = parse_control(decoded); !st) return st;
    out.push_back(std::move(decoded));
    return ok_status();
}

}  // namespace kafkascope::records::detail
