#include "records/compression.h"

#include <algorithm>

#include "records/codec_detail.h"

namespace kafkascope::records {

std::string_view compression_name(Compression c) noexcept {
    switch (c) {
        case Compression::none: return "none";
        case Compression::gzip: return "gzip";
        case Compression::snappy: return "snappy";
        case Compression::lz4: return "lz4";
        case Compression::zstd: return "zstd";
    }
    return "unknown";
}

std::optional<Compression> compression_from_bits(int bits) noexcept {
    if (bits < 0 || bits > 4) return std::nullopt;
    return static_cast<Compression>(bits);
}

Result<Bytes> compress(Compression codec, std::span<const std::uint8_t> input,
                       std::optional<int> level) {
    switch (codec) {
        case Compression::none: return Bytes(input.begin(), input.end());
        case Compression::gzip: return detail::gzip_compress(input, level);
        case Compression::snappy: return detail::snappy_compress(input);
        case Compression::lz4: return detail::lz4_compress(input, level);
        case Compression::zstd: return detail::zstd_compress(input, level);
    }
    return Error(client_errc::invalid_argument, "unknown compression codec");
}

Result<Bytes> decompress(Compression codec, std::span<const std::uint8_t> input,
                         std::size_t max_output_bytes) {
    switch (codec) {
        case Compression::none:
            if (input.size() > max_output_bytes) return detail::limit_error(codec, max_output_bytes);
            return Bytes(input.begin(), input.end());
        case Compression::gzip: return detail::gzip_decompress(input, max_output_bytes);
        case Compression::snappy: return detail::snappy_decompress(input, max_output_bytes);
        case Compression::lz4: return detail::lz4_decompress(input, max_output_bytes, false);
        case Compression::zstd: return detail::zstd_decompress(input, max_output_bytes);
    }
    return Error(client_errc::decode_failed, "unknown compression codec");
}

Result<Bytes> decompress_lz4_legacy(std::span<const std::uint8_t> input,
                                    std::size_t max_output_bytes) {
    return detail::lz4_decompress(input, max_output_bytes, true);
}

namespace detail {

Error codec_error(Compression c, const std::string& what) {
    return Error(client_errc::decode_failed,
                 std::string(compression_name(c)) + ": cannot decompress: " + what);
}

Error limit_error(Compression c, std::size_t max_out) {
    return Error(client_errc::frame_too_large,
                 std::string(compression_name(c)) + ": decompressed data exceeds the limit of " +
                     std::to_string(max_out) + " bytes");
}

bool grow_output(Bytes& out, std::size_t max_out) {
    if (out.size() >= max_out) return false;
    const std::size_t doubled = std::max<std::size_t>(out.size() * 2, 64 * 1024);
    out.resize(std::min(doubled, max_out));
    return true;
}

std::size_t initial_output_size(std::size_t input_size, std::size_t max_out) {
    // Kafka payloads usually compress 2-5x; 4x avoids most regrowth.
    const std::size_t guess = std::max<std::size_t>(input_size * 4, 4096);
    return std::min(guess, max_out);
}

}  // namespace detail
}  // namespace kafkascope::records
