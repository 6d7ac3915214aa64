// gzip via zlib. Decoding accepts concatenated gzip members (Java's
// GZIPInputStream does) and stops at max_out.

#include <zlib.h>

#include <limits>

#include "records/codec_detail.h"

namespace kafkascope::records::detail {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 16 = gzip wrapper instead of zlib

Error zlib_error(const z_stream& zs, int rc) {
    const char* msg = zs.msg ? zs.msg : zError(rc);
    return codec_error(Compression::gzip, msg);
}

}  // namespace

Result<Bytes> gzip_compress(std::span<const std::uint8_t> in, std::optional<int> level) {
    if (in.size() > std::numeric_limits<uInt>::max())
        return Error(client_errc::invalid_argument, "gzip: input larger than 4 GiB");
    z_stream zs{};
    int rc = deflateInit2(&zs, level.value_or(Z_DEFAULT_COMPRESSION), Z_DEFLATED,
                          kGzipWindowBits, 8, Z_DEFAULT_STRATEGY);
    if (rc != Z_OK) return zlib_error(zs, rc);
    Bytes out(deflateBound(&zs, static_cast<uLong>(in.size())));
    zs.next_in = const_cast<Bytef*>(in.data());  // zlib's API is not const-correct
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    rc = deflate(&zs, Z_FINISH);  // deflateBound makes one call enough
    if (rc != Z_STREAM_END) {
        Error e = zlib_error(zs, rc);
        deflateEnd(&zs);
        return e;
    }
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

Result<Bytes> gzip_decompress(std::span<const std::uint8_t> in, std::size_t max_out) {
    z_stream zs{};
    int rc = inflateInit2(&zs, kGzipWindowBits);
    if (rc != Z_OK) return zlib_error(zs, rc);
    Bytes out(initial_output_size(in.size(), max_out));
    std::size_t used = 0;
    std::size_t consumed = 0;
    bool member_done = false;
    while (true) {
        if (used == out.size() && !grow_output(out, max_out)) {
            inflateEnd(&zs);
            return limit_error(Compression::gzip, max_out);
        }
        const std::size_t in_left = in.size() - consumed;
        const std::size_t out_left = out.size() - used;
        zs.next_in = const_cast<Bytef*>(in.data() + consumed);
        zs.avail_in = static_cast<uInt>(std::min<std::size_t>(in_left, 1u << 30));
        zs.next_out = out.data() + used;
        zs.avail_out = static_cast<uInt>(std::min<std::size_t>(out_left, 1u << 30));
        const uInt avail_in_before = zs.avail_in;
        const uInt avail_out_before = zs.avail_out;
        rc = inflate(&zs, Z_NO_FLUSH);
        consumed += avail_in_before - zs.avail_in;
        used += avail_out_before - zs.avail_out;
        if (rc == Z_STREAM_END) {
            member_done = true;
            // Another member may follow; anything else after the end is junk
            // some writers pad with, which Java ignores too.
            if (consumed + 2 <= in.size() && in[consumed] == 0x1f && in[consumed + 1] == 0x8b) {
                inflateReset(&zs);
                member_done = false;
                continue;
            }
            break;
        }
        if (rc == Z_BUF_ERROR && zs.avail_out != 0) break;  // input ran out mid-stream
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            Error e = zlib_error(zs, rc);
            inflateEnd(&zs);
            return e;
        }
        if (consumed == in.size() && zs.avail_out != 0) break;
    }
    inflateEnd(&zs);
    if (!member_done) return codec_error(Compression::gzip, "truncated gzip stream");
    out.resize(used);
    return out;
}

}  // namespace kafkascope::records::detail
