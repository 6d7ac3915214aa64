// LZ4 frame format via liblz4's LZ4F API, as Kafka uses it (KIP-57).

#include <lz4frame.h>

#include <algorithm>
#include <array>
#include <memory>

#include "records/codec_detail.h"
#include "records/xxhash32.h"

namespace kafkascope::records::detail {
namespace {

constexpr std::uint32_t kLz4FrameMagic = 0x184D2204;  // little-endian on the wire

struct DctxDeleter {
    void operator()(LZ4F_dctx* d) const noexcept { LZ4F_freeDecompressionContext(d); }
};

// The frame descriptor spans FLG, BD and an optional 8-byte content size and
// ends with HC = second byte of XXH32(descriptor). Kafka's pre-0.10 writer
// hashed the 4 magic bytes as well. Returns a copy of the header with a
// correct HC, or nothing if the input is too short to tell (LZ4F then
// reports the real problem).
std::optional<Bytes> repaired_header(std::span<const std::uint8_t> in) {
    if (in.size() < 7) return std::nullopt;
    const std::uint32_t magic = static_cast<std::uint32_t>(in[0]) | in[1] << 8 | in[2] << 16 |
                                static_cast<std::uint32_t>(in[3]) << 24;
    if (magic != kLz4FrameMagic) return std::nullopt;
    const std::size_t descriptor = (in[4] & 0x08) ? 10 : 2;  // content-size flag
    if (in.size() < 4 + descriptor + 1) return std::nullopt;
    Bytes header(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(4 + descriptor + 1));
    const auto hc = static_cast<std::uint8_t>(xxhash32(in.subspan(4, descriptor)) >> 8);
    header.back() = hc;
    return header;
}

}  // namespace

Result<Bytes> lz4_compress(std::span<const std::uint8_t> in, std::optional<int> level) {
    LZ4F_preferences_t prefs{};
    prefs.frameInfo.blockSizeID = LZ4F_max64KB;  // what Kafka's own writer uses
    prefs.frameInfo.blockMode = LZ4F_blockIndependent;
    prefs.compressionLevel = level.value_or(0);
    Bytes out(LZ4F_compressFrameBound(in.size(), &prefs));
    const std::size_t n = LZ4F_compressFrame(out.data(), out.size(), in.data(), in.size(), &prefs);
    if (LZ4F_isError(n)) return codec_error(Compression::lz4, LZ4F_getErrorName(n));
    out.resize(n);
    return out;
}

Result<Bytes> lz4_decompress(std::span<const std::uint8_t> in, std::size_t max_out,
                             bool legacy_header) {
    LZ4F_dctx* raw = nullptr;
    if (LZ4F_isError(LZ4F_createDecompressionContext(&raw, LZ4F_VERSION)))
        return codec_error(Compression::lz4, "cannot create a decompression context");
    std::unique_ptr<LZ4F_dctx, DctxDeleter> dctx(raw);

    Bytes out(initial_output_size(in.size(), max_out));
    std::size_t used = 0;
    std::size_t hint = 1;  // LZ4F's "bytes expected next"; 0 = frame complete
    std::span<const std::uint8_t> rest = in;

    if (legacy_header) {
        if (auto header = repaired_header(in)) {
            std::size_t src = header->size();
            std::size_t dst = 0;  // header only: nothing comes out yet
            hint = LZ4F_decompress(dctx.get(), out.data(), &dst, header->data(), &src, nullptr);
            if (LZ4F_isError(hint)) return codec_error(Compression::lz4, LZ4F_getErrorName(hint));
            rest = in.subspan(src);
        }
    }
    while (!rest.empty()) {
        if (used == out.size() && !grow_output(out, max_out))
            return limit_error(Compression::lz4, max_out);
        std::size_t src = rest.size();
        std::size_t dst = out.size() - used;
        hint = LZ4F_decompress(dctx.get(), out.data() + used, &dst, rest.data(), &src, nullptr);
        if (LZ4F_isError(hint)) return codec_error(Compression::lz4, LZ4F_getErrorName(hint));
        used += dst;
        rest = rest.subspan(src);
        if (src == 0 && dst == 0 && used < out.size())
            return codec_error(Compression::lz4, "decoder made no progress");
    }
    // Output still buffered inside the context (the last block) is flushed by
    // calls without input.
    while (hint != 0) {
        if (used == out.size() && !grow_output(out, max_out))
            return limit_error(Compression::lz4, max_out);
        std::size_t src = 0;
        std::size_t dst = out.size() - used;
        hint = LZ4F_decompress(dctx.get(), out.data() + used, &dst, nullptr, &src, nullptr);
        if (LZ4F_isError(hint)) return codec_error(Compression::lz4, LZ4F_getErrorName(hint));
        used += dst;
        if (dst == 0 && hint != 0) return codec_error(Compression::lz4, "truncated frame");
    }
    out.resize(used);
    return out;
}

}  // namespace kafkascope::records::detail
