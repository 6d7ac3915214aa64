// snappy via the library's C API. Encoding is raw snappy; decoding accepts
// raw snappy and xerial framing (see compression.h for why).

#include <snappy-c.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "protocol/wire_reader.h"
#include "records/codec_detail.h"

namespace kafkascope::records::detail {
namespace {

// 82 'S' 'N' 'A' 'P' 'P' 'Y' 00, then int32 version and int32 compatible version.
constexpr std::array<std::uint8_t, 8> kXerialMagic{0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr std::size_t kXerialHeaderSize = 16;

bool is_xerial(std::span<const std::uint8_t> in) {
    return in.size() >= kXerialHeaderSize &&
           std::equal(kXerialMagic.begin(), kXerialMagic.end(), in.begin());
}

// Appends one raw snappy block to out, keeping out within max_out.
Status append_raw_block(std::span<const std::uint8_t> block, Bytes& out, std::size_t max_out) {
    const char* src = reinterpret_cast<const char*>(block.data());
    std::size_t length = 0;
    if (snappy_uncompressed_length(src, block.size(), &length) != SNAPPY_OK)
        return codec_error(Compression::snappy, "bad block header");
    if (length > max_out - out.size()) return limit_error(Compression::snappy, max_out);
    // Validating first costs little and keeps a lying length header from
    // making us allocate before the data is known to be good.
    if (snappy_validate_compressed_buffer(src, block.size()) != SNAPPY_OK)
        return codec_error(Compression::snappy, "corrupt block");
    const std::size_t start = out.size();
    out.resize(start + length);
    std::size_t written = length;
    if (::snappy_uncompress(src, block.size(), reinterpret_cast<char*>(out.data() + start),
                          &written) != SNAPPY_OK ||
        written != length)
        return codec_error(Compression::snappy, "corrupt block");
    return ok_status();
}

}  // namespace

Result<Bytes> snappy_compress(std::span<const std::uint8_t> in) {
    Bytes out(snappy_max_compressed_length(in.size()));
    std::size_t length = out.size();
    if (::snappy_compress(reinterpret_cast<const char*>(in.data()), in.size(),
                        reinterpret_cast<char*>(out.data()), &length) != SNAPPY_OK)
        return codec_error(Compression::snappy, "compression failed");
    out.resize(length);
    return out;
}

Result<Bytes> snappy_decompress(std::span<const std::uint8_t> in, std::size_t max_out) {
    Bytes out;
    if (!is_xerial(in)) {
        auto st = append_raw_block(in, out, max_out);
        if (!st) return std::move(st).error();
        return out;
    }
    protocol::WireReader r(in.subspan(kXerialHeaderSize));
    while (r.remaining() > 0) {
        const std::int32_t length = r.i32();
        if (length < 0) return codec_error(Compression::snappy, "negative xerial block length");
        const auto block = r.take(static_cast<std::size_t>(length));
        if (!r.ok()) return codec_error(Compression::snappy, "truncated xerial block");
        auto st = append_raw_block(block, out, max_out);
        if (!st) return std::move(st).error();
    }
    if (!r.ok()) return codec_error(Compression::snappy, "truncated xerial block");
    return out;
}

}  // namespace kafkascope::records::detail
