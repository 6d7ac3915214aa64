#include "records/record_batch_reader.h"

#include <algorithm>

#include "protocol/wire_reader.h"
#include "records/batch_decoders.h"

namespace kafkascope::records {
namespace {

constexpr std::size_t kEntryPrefix = 12;       // baseOffset/offset + length/size
constexpr std::size_t kMagicAt = 16;           // same place in every format
constexpr std::int32_t kMinV2Length = 49;      // batch header after batchLength
constexpr std::int32_t kMinLegacySize = 14;    // crc, magic, attributes, key, value
constexpr std::size_t kMaxStorage = 0xffffffffu;  // RecordView offsets are 32-bit

std::optional<std::span<const std::uint8_t>> slice(const Bytes& storage, std::uint32_t at,
                                                   std::int32_t length) noexcept {
    if (length < 0) return std::nullopt;
    return std::span<const std::uint8_t>(storage).subspan(at, static_cast<std::size_t>(length));
}

}  // namespace

std::optional<std::span<const std::uint8_t>> DecodedBatch::key(const RecordView& r) const noexcept {
    return slice(*storage, r.key_offset, r.key_length);
}

std::optional<std::span<const std::uint8_t>> DecodedBatch::value(const RecordView& r) const noexcept {
    return slice(*storage, r.value_offset, r.value_length);
}

std::vector<HeaderView> DecodedBatch::headers(const RecordView& r) const {
    std::vector<HeaderView> out;
    if (r.header_count == 0) return out;
    out.reserve(r.header_count);
    protocol::WireReader reader(std::span<const std::uint8_t>(*storage).subspan(r.headers_offset));
    for (std::uint32_t i = 0; i < r.header_count && reader.ok(); ++i) {
        HeaderView h;
        const auto key = reader.take(static_cast<std::size_t>(std::max(reader.varint(), 0)));
        h.key = std::string_view(reinterpret_cast<const char*>(key.data()), key.size());
        const std::int32_t len = reader.varint();
        if (len >= 0) h.value = reader.take(static_cast<std::size_t>(len));
        if (reader.ok()) out.push_back(h);
    }
    return out;
}

std::size_t DecodeResult::record_count() const noexcept {
    std::size_t n = 0;
    for (const auto& b : batches) n += b.records.size();
    return n;
}

DecodeResult decode_records(std::shared_ptr<const Bytes> owner, std::span<const std::uint8_t> blob,
                            const DecodeOptions& options) {
    DecodeResult result;
    const bool inside = owner && (blob.empty() || (blob.data() >= owner->data() &&
                                                   blob.data() + blob.size() <= owner->data() + owner->size()));
    if (!inside || owner->size() > kMaxStorage) {
        result.error = Error(client_errc::invalid_argument,
                             "records blob not inside its owner buffer, or over 4 GiB");
        return result;
    }
    DecodeOptions opts = options;
    opts.max_decompressed_bytes = std::min(opts.max_decompressed_bytes, kMaxStorage);

    std::size_t pos = 0;
    while (pos < blob.size()) {
        const auto rest = blob.subspan(pos);
        protocol::WireReader r(rest);
        const std::int64_t base_offset = r.i64();
        const std::int32_t length = r.i32();
        if (!r.ok() || (length >= 0 && static_cast<std::size_t>(length) > rest.size() - kEntryPrefix)) {
            result.truncated_tail = true;  // the broker cut the last batch at max_bytes
            break;
        }
        if (length < 5) {
            result.error = detail::corrupt(base_offset, "entry length " + std::to_string(length));
            break;
        }
        const std::int8_t magic = static_cast<std::int8_t>(rest[kMagicAt]);
        const auto entry = rest.first(kEntryPrefix + static_cast<std::size_t>(length));
        Status st = ok_status();
        if (magic == 2 && length >= kMinV2Length) {
            st = detail::decode_batch_v2(entry, owner, opts, result.batches);
        } else if ((magic == 0 || magic == 1) && length >= kMinLegacySize) {
            st = detail::decode_legacy_entry(entry, owner, opts, result.batches);
        } else {
            st = detail::corrupt(base_offset, "unknown magic " + std::to_string(magic) +
                                                  " or length " + std::to_string(length));
        }
        if (!st) {
            result.error = std::move(st).error();
            break;
        }
        pos += entry.size();
        result.bytes_consumed = pos;
    }
    return result;
}

DecodeResult decode_records(std::span<const std::uint8_t> blob, const DecodeOptions& options) {
    auto owner = std::make_shared<const Bytes>(blob.begin(), blob.end());
    return decode_records(owner, std::span<const std::uint8_t>(*owner), options);
}

}  // namespace kafkascope::records
