// zstd via libzstd. Decoding streams, because producers (librdkafka, Java)
// do not always record the content size in the frame header.

#include <zstd.h>

#include <algorithm>
#include <memory>

#include "records/codec_detail.h"

namespace kafkascope::records::detail {
namespace {

struct DStreamDeleter {
    void operator()(ZSTD_DStream* d) const noexcept { ZSTD_freeDStream(d); }
};

}  // namespace

Result<Bytes> zstd_compress(std::span<const std::uint8_t> in, std::optional<int> level) {
    Bytes out(ZSTD_compressBound(in.size()));
    const std::size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(),
                                        level.value_or(ZSTD_CLEVEL_DEFAULT));
    if (ZSTD_isError(n)) return codec_error(Compression::zstd, ZSTD_getErrorName(n));
    out.resize(n);
    return out;
}

Result<Bytes> zstd_decompress(std::span<const std::uint8_t> in, std::size_t max_out) {
    std::unique_ptr<ZSTD_DStream, DStreamDeleter> ds(ZSTD_createDStream());
    if (!ds) return codec_error(Compression::zstd, "cannot create a decompression stream");
    // The default window limit (128 MiB) bounds the decoder's own memory.
    std::size_t size = initial_output_size(in.size(), max_out);
    const unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN && declared != ZSTD_CONTENTSIZE_ERROR) {
        if (declared > max_out) return limit_error(Compression::zstd, max_out);
        size = std::max<std::size_t>(static_cast<std::size_t>(declared), 1);
    }
    Bytes out(size);
    ZSTD_inBuffer input{in.data(), in.size(), 0};
    std::size_t used = 0;
    std::size_t hint = 1;  // 0 once a frame is complete and flushed
    while (input.pos < input.size || hint != 0) {
        if (used == out.size() && !grow_output(out, max_out))
            return limit_error(Compression::zstd, max_out);
        ZSTD_outBuffer output{out.data() + used, out.size() - used, 0};
        const std::size_t in_before = input.pos;
        hint = ZSTD_decompressStream(ds.get(), &output, &input);
        if (ZSTD_isError(hint)) return codec_error(Compression::zstd, ZSTD_getErrorName(hint));
        used += output.pos;
        if (hint != 0 && input.pos == in_before && output.pos == 0 && used < out.size())
            return codec_error(Compression::zstd, "truncated frame");
    }
    out.resize(used);
    return out;
}

}  // namespace kafkascope::records::detail
