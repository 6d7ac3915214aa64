#pragma once
// Bounds-checked decoder for Kafka's wire primitives with a sticky error:
// after the first failure every read returns a zero value and error() tells
// what failed and at which offset. Decoders can thus be straight lists of
// reads with one check at the end; nothing ever reads past the buffer.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "protocol/bytes.h"

namespace kafkascope::protocol {

class WireReader {
public:
    explicit WireReader(std::span<const std::uint8_t> data) : data_(data) {}

    std::int8_t i8();
    std::int16_t i16();
    std::uint16_t u16();
    std::int32_t i32();
    std::uint32_t u32();
    std::int64_t i64();
    double f64();
    bool boolean() { return i8() != 0; }

    std::uint64_t uvarint();   // at most 10 bytes
    std::uint32_t uvarint32(); // at most 5 bytes, fails above 2^32-1
    std::int32_t varint();
    std::int64_t varlong();

    std::string string();
    std::optional<std::string> nullable_string();
    std::string compact_string();
    std::optional<std::string> compact_nullable_string();
    Bytes bytes();
    std::optional<Bytes> nullable_bytes();
    Bytes compact_bytes();
    std::optional<Bytes> compact_nullable_bytes();
    // Element count of an array; -1 for null. Fails when the count cannot
    // fit in what is left (each element takes at least one byte), so a
    // hostile length never triggers a huge allocation.
    std::int32_t array_length(bool compact);
    Uuid uuid();
    TaggedFields tagged_fields();

    // Takes n raw bytes (a view into the buffer); empty on failure.
    std::span<const std::uint8_t> take(std::size_t n);
    void skip(std::size_t n) { take(n); }

    bool ok() const noexcept { return error_.empty(); }
    const std::string& error() const noexcept { return error_; }
    std::size_t offset() const noexcept { return pos_; }
    std::size_t remaining() const noexcept { return ok() ? data_.size() - pos_ : 0; }
    void fail(const std::string& why);

private:
    bool need(std::size_t n, const char* what);
    std::uint64_t be(int width, const char* what);
    std::optional<std::string> text(std::int64_t len, const char* what);
    std::optional<Bytes> blob(std::int64_t len, const char* what);

    std::span<const std::uint8_t> data_;
    std::size_t pos_ = 0;
    std::string error_;
};

}  // namespace kafkascope::protocol
