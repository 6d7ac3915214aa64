#pragma once
// Append-only encoder for Kafka's wire primitives. Integers are big-endian;
// varints follow protobuf (zigzag for signed). "Compact" forms are the
// flexible-version encodings: lengths as unsigned varint of length + 1.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "protocol/bytes.h"

namespace kafkascope::protocol {

class WireWriter {
public:
    WireWriter() = default;
    explicit WireWriter(std::size_t reserve) { buf_.reserve(reserve); }

    void i8(std::int8_t v) { buf_.push_back(static_cast<std::uint8_t>(v)); }
    void i16(std::int16_t v) { be(static_cast<std::uint16_t>(v), 2); }
    void u16(std::uint16_t v) { be(v, 2); }
    void i32(std::int32_t v) { be(static_cast<std::uint32_t>(v), 4); }
    void u32(std::uint32_t v) { be(v, 4); }
    void i64(std::int64_t v) { be(static_cast<std::uint64_t>(v), 8); }
    void f64(double v);
    void boolean(bool v) { i8(v ? 1 : 0); }

    void uvarint(std::uint64_t v);
    void varint(std::int32_t v);   // zigzag, 32-bit
    void varlong(std::int64_t v);  // zigzag, 64-bit

    void raw(std::span<const std::uint8_t> data) { buf_.insert(buf_.end(), data.begin(), data.end()); }
    void raw(std::string_view data);

    void string(std::string_view s);                                 // int16 length
    void nullable_string(const std::optional<std::string>& s);       // -1 = null
    void compact_string(std::string_view s);                         // uvarint len+1
    void compact_nullable_string(const std::optional<std::string>& s);  // 0 = null
    void bytes(std::span<const std::uint8_t> b);                     // int32 length
    void nullable_bytes(const std::optional<Bytes>& b);
    void compact_bytes(std::span<const std::uint8_t> b);
    void compact_nullable_bytes(const std::optional<Bytes>& b);
    void array_length(std::int32_t n, bool compact);  // -1 = null array
    void uuid(const Uuid& u) { raw(u.bytes); }
    void tagged_fields(const TaggedFields& fields);   // empty section = one 0 byte

    // Reserve space for an int32 written later (frame sizes, batch lengths).
    std::size_t reserve_i32();
    void patch_i32(std::size_t at, std::int32_t v);

    std::size_t size() const noexcept { return buf_.size(); }
    const Bytes& data() const noexcept { return buf_; }
    Bytes take() noexcept { return std::move(buf_); }

private:
    void be(std::uint64_t v, int width);
    Bytes buf_;
};

// Bytes an unsigned varint takes, for sizing.
std::size_t uvarint_size(std::uint64_t v) noexcept;

}  // namespace kafkascope::protocol
