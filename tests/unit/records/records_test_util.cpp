#include "records_test_util.h"

#include "protocol/crc32c.h"
#include "protocol/wire_writer.h"

namespace kafkascope::test {

Bytes bytes_of(std::string_view s) { return Bytes(s.begin(), s.end()); }

std::string text_of(std::span<const std::uint8_t> b) { return std::string(b.begin(), b.end()); }

records::Record materialise(const records::DecodedBatch& batch, const records::RecordView& view) {
    records::Record r;
    r.timestamp_ms = view.timestamp;
    if (auto k = batch.key(view)) r.key = Bytes(k->begin(), k->end());
    if (auto v = batch.value(view)) r.value = Bytes(v->begin(), v->end());
    for (const auto& h : batch.headers(view)) {
        records::RecordHeader out{std::string(h.key), std::nullopt};
        if (h.value) out.value = Bytes(h.value->begin(), h.value->end());
        r.headers.push_back(std::move(out));
    }
    return r;
}

std::vector<records::Record> all_records(const records::DecodeResult& result) {
    std::vector<records::Record> out;
    for (const auto& b : result.batches)
        for (const auto& v : b.records) out.push_back(materialise(b, v));
    return out;
}

Bytes legacy_message(std::int64_t offset, std::int8_t magic, std::int8_t attributes,
                     std::int64_t timestamp, const std::optional<Bytes>& key,
                     const std::optional<Bytes>& value) {
    protocol::WireWriter body;
    body.i8(magic);
    body.i8(attributes);
    if (magic == 1) body.i64(timestamp);
    body.nullable_bytes(key);
    body.nullable_bytes(value);
    protocol::WireWriter w;
    w.i64(offset);
    w.i32(static_cast<std::int32_t>(body.size() + 4));
    w.u32(protocol::crc32_ieee(body.data()));
    w.raw(body.data());
    return w.take();
}

}  // namespace kafkascope::test
