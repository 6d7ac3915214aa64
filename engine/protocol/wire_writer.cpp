#include "protocol/wire_writer.h"

#include <bit>
#include <cstring>

namespace kafkascope::protocol {

void WireWriter::be(std::uint64_t v, int width) {
    for (int shift = (width - 1) * 8; shift >= 0; shift -= 8) {
        buf_.push_back(static_cast<std::uint8_t>(v >> shift));
    }
}

void WireWriter::f64(double v) { be(std::bit_cast<std::uint64_t>(v), 8); }

void WireWriter::uvarint(std::uint64_t v) {
    while (v >= 0x80) {
        buf_.push_back(static_cast<std::uint8_t>(v | 0x80));
        v >>= 7;
    }
    buf_.push_back(static_cast<std::uint8_t>(v));
}

void WireWriter::varint(std::int32_t v) {
    const auto u = static_cast<std::uint32_t>(v);
    uvarint((u << 1) ^ static_cast<std::uint32_t>(v >> 31));
}

void WireWriter::varlong(std::int64_t v) {
    const auto u = static_cast<std::uint64_t>(v);
    uvarint((u << 1) ^ static_cast<std::uint64_t>(v >> 63));
}

void WireWriter::raw(std::string_view data) {
    buf_.insert(buf_.end(), data.begin(), data.end());
}

void WireWriter::string(std::string_view s) {
    i16(static_cast<std::int16_t>(s.size()));
    raw(s);
}

void WireWriter::nullable_string(const std::optional<std::string>& s) {
    if (!s) return i16(-1);
    string(*s);
}

void WireWriter::compact_string(std::string_view s) {
    uvarint(s.size() + 1);
    raw(s);
}

void WireWriter::compact_nullable_string(const std::optional<std::string>& s) {
    if (!s) return uvarint(0);
    compact_string(*s);
}

void WireWriter::bytes(std::span<const std::uint8_t> b) {
    i32(static_cast<std::int32_t>(b.size()));
    raw(b);
}

void WireWriter::nullable_bytes(const std::optional<Bytes>& b) {
    if (!b) return i32(-1);
    bytes(*b);
}

void WireWriter::compact_bytes(std::span<const std::uint8_t> b) {
    uvarint(b.size() + 1);
    raw(b);
}

void WireWriter::compact_nullable_bytes(const std::optional<Bytes>& b) {
    if (!b) return uvarint(0);
    compact_bytes(*b);
}

void WireWriter::array_length(std::int32_t n, bool compact) {
    if (compact) {
        uvarint(n < 0 ? 0 : static_cast<std::uint64_t>(n) + 1);
    } else {
        i32(n);
    }
}

void WireWriter::tagged_fields(const TaggedFields& fields) {
    uvarint(fields.size());
    for (const auto& f : fields) {
        uvarint(f.tag);
        uvarint(f.data.size());
        raw(f.data);
    }
}

std::size_t WireWriter::reserve_i32() {
    const std::size_t at = buf_.size();
    buf_.resize(at + 4);
    return at;
}

void WireWriter::patch_i32(std::size_t at, std::int32_t v) {
    const auto u = static_cast<std::uint32_t>(v);
    for (int i = 0; i < 4; ++i) buf_[at + i] = static_cast<std::uint8_t>(u >> (24 - 8 * i));
}

std::size_t uvarint_size(std::uint64_t v) noexcept {
    std::size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

}  // namespace kafkascope::protocol
