#include "protocol/wire_reader.h"

#include <bit>

namespace kafkascope::protocol {

void WireReader::fail(const std::string& why) {
    if (error_.empty()) error_ = why + " at byte " + std::to_string(pos_);
}

bool WireReader::need(std::size_t n, const char* what) {
    if (!ok()) return false;
    if (data_.size() - pos_ < n) {
        fail(std::string("truncated ") + what + " (needs " + std::to_string(n) + " bytes, " +
             std::to_string(data_.size() - pos_) + " left)");
        return false;
    }
    return true;
}

std::uint64_t WireReader::be(int width, const char* what) {
    if (!need(static_cast<std::size_t>(width), what)) return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | data_[pos_ + i];
    pos_ += static_cast<std::size_t>(width);
    return v;
}

std::int8_t WireReader::i8() { return static_cast<std::int8_t>(be(1, "int8")); }
std::int16_t WireReader::i16() { return static_cast<std::int16_t>(be(2, "int16")); }
std::uint16_t WireReader::u16() { return static_cast<std::uint16_t>(be(2, "uint16")); }
std::int32_t WireReader::i32() { return static_cast<std::int32_t>(be(4, "int32")); }
std::uint32_t WireReader::u32() { return static_cast<std::uint32_t>(be(4, "uint32")); }
std::int64_t WireReader::i64() { return static_cast<std::int64_t>(be(8, "int64")); }
double WireReader::f64() { return std::bit_cast<double>(be(8, "float64")); }

std::uint64_t WireReader::uvarint() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (!need(1, "varint")) return 0;
        const std::uint8_t b = data_[pos_++];
        if (shift == 63 && b > 1) break;  // would overflow 64 bits
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
    fail("varint longer than 10 bytes or over 64 bits");
    return 0;
}

std::uint32_t WireReader::uvarint32() {
    const std::size_t start = pos_;
    const std::uint64_t v = uvarint();
    if (ok() && (v > 0xffffffffULL || pos_ - start > 5)) {
        fail("unsigned varint over 32 bits");
        return 0;
    }
    return static_cast<std::uint32_t>(v);
}

std::int32_t WireReader::varint() {
    const std::uint32_t u = uvarint32();
    return static_cast<std::int32_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::int64_t WireReader::varlong() {
    const std::uint64_t u = uvarint();
    return static_cast<std::int64_t>((u >> 1) ^ (~(u & 1) + 1));
}

std::span<const std::uint8_t> WireReader::take(std::size_t n) {
    if (!need(n, "bytes")) return {};
    auto out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
}

std::optional<std::string> WireReader::text(std::int64_t len, const char* what) {
    if (len < 0) {
        fail(std::string("negative length for ") + what);
        return std::nullopt;
    }
    if (!need(static_cast<std::size_t>(len), what)) return std::string{};
    std::string s(reinterpret_cast<const char*>(data_.data() + pos_), static_cast<std::size_t>(len));
    pos_ += static_cast<std::size_t>(len);
    return s;
}

std::optional<Bytes> WireReader::blob(std::int64_t len, const char* what) {
    if (len < 0) {
        fail(std::string("negative length for ") + what);
        return std::nullopt;
    }
    auto span = take(static_cast<std::size_t>(len));
    return Bytes(span.begin(), span.end());
}

std::string WireReader::string() {
    const std::int16_t len = i16();
    return text(len, "string").value_or(std::string{});
}

std::optional<std::string> WireReader::nullable_string() {
    const std::int16_t len = i16();
    if (!ok() || len == -1) return std::nullopt;
    return text(len, "nullable string");
}

std::string WireReader::compact_string() {
    const std::uint32_t n = uvarint32();
    if (!ok()) return {};
    if (n == 0) {
        fail("null compact string where a string is required");
        return {};
    }
    return text(static_cast<std::int64_t>(n) - 1, "compact string").value_or(std::string{});
}

std::optional<std::string> WireReader::compact_nullable_string() {
    const std::uint32_t n = uvarint32();
    if (!ok() || n == 0) return std::nullopt;
    return text(static_cast<std::int64_t>(n) - 1, "compact nullable string");
}

Bytes WireReader::bytes() {
    const std::int32_t len = i32();
    return blob(len, "bytes").value_or(Bytes{});
}

std::optional<Bytes> WireReader::nullable_bytes() {
    const std::int32_t len = i32();
    if (!ok() || len == -1) return std::nullopt;
    return blob(len, "nullable bytes");
}

Bytes WireReader::compact_bytes() {
    const std::uint32_t n = uvarint32();
    if (!ok()) return {};
    if (n == 0) {
        fail("null compact bytes where bytes are required");
        return {};
    }
    return blob(static_cast<std::int64_t>(n) - 1, "compact bytes").value_or(Bytes{});
}

std::optional<Bytes> WireReader::compact_nullable_bytes() {
    const std::uint32_t n = uvarint32();
    if (!ok() || n == 0) return std::nullopt;
    return blob(static_cast<std::int64_t>(n) - 1, "compact nullable bytes");
}

std::int32_t WireReader::array_length(bool compact) {
    std::int64_t n;
    if (compact) {
        n = static_cast<std::int64_t>(uvarint32()) - 1;
    } else {
        n = i32();
        if (n < -1) {
            fail("negative array length " + std::to_string(n));
            return 0;
        }
    }
    if (!ok()) return 0;
    if (n > static_cast<std::int64_t>(remaining())) {
        fail("array length " + std::to_string(n) + " exceeds the " + std::to_string(remaining()) +
             " bytes left");
        return 0;
    }
    return static_cast<std::int32_t>(n);
}

Uuid WireReader::uuid() {
    Uuid u;
    auto span = take(16);
    if (span.size() == 16) std::copy(span.begin(), span.end(), u.bytes.begin());
    return u;
}

TaggedFields WireReader::tagged_fields() {
    TaggedFields out;
    const std::uint32_t count = uvarint32();
    if (count > remaining()) {
        fail("tagged field count " + std::to_string(count) + " exceeds the bytes left");
        return out;
    }
    for (std::uint32_t i = 0; i < count && ok(); ++i) {
        UnknownTag t;
        t.tag = uvarint32();
        const std::uint32_t size = uvarint32();
        auto span = take(size);
        t.data.assign(span.begin(), span.end());
        if (ok()) out.push_back(std::move(t));
    }
    return out;
}

}  // namespace kafkascope::protocol
