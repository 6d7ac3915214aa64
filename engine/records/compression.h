#pragma once
// Kafka's record compression codecs (the low three bits of a batch's
// attributes). compress() and decompress() are pure functions over byte
// spans; failures come back as an Error naming the codec, never a crash or an
// exception, so corrupt or hostile broker data cannot take the engine down.
//
// Formats, as Kafka clients put them on the wire:
//   gzip   - RFC 1952 gzip stream (zlib's gzip wrapper); several concatenated
//            members are accepted on decode, as Java's GZIPInputStream does.
//   snappy - we ENCODE raw snappy (one block, as librdkafka and franz-go do);
//            we DECODE both raw snappy and the xerial framing Java's
//            SnappyOutputStream writes (magic 82 'SNAPPY' 00, version,
//            compatible version, then [int32 length][raw snappy block]...).
//            Every Kafka decoder accepts raw snappy, so raw is the safe choice.
//   lz4    - standard LZ4 frame (liblz4 LZ4F), 64 KiB independent blocks.
//            Magic-0 message sets from Kafka 0.8/0.9 carry a frame header
//            whose checksum was computed wrongly; decompress_lz4_legacy()
//            repairs that header before decoding.
//   zstd   - standard zstd frame; the content size may be absent, so the
//            decoder streams.
//
// Decompression bombs: every decoder writes at most max_output_bytes and
// fails with client_errc::frame_too_large past that.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/result.h"
#include "protocol/bytes.h"

namespace kafkascope::records {

using protocol::Bytes;

enum class Compression : std::uint8_t { none = 0, gzip = 1, snappy = 2, lz4 = 3, zstd = 4 };

// "none", "gzip", "snappy", "lz4", "zstd"; "unknown" otherwise.
std::string_view compression_name(Compression c) noexcept;
// The codec named by attribute bits 0-2, or nothing for 5-7 (unknown codec).
std::optional<Compression> compression_from_bits(int bits) noexcept;

// `level` is codec specific (gzip 1-9, lz4 0-12, zstd 1-22); nothing means
// the library default. `none` copies the input.
Result<Bytes> compress(Compression codec, std::span<const std::uint8_t> input,
                       std::optional<int> level = std::nullopt);

Result<Bytes> decompress(Compression codec, std::span<const std::uint8_t> input,
                         std::size_t max_output_bytes);

// LZ4 as written in magic-0 message sets by Kafka before 0.10 (KAFKA-3160):
// the frame header checksum was taken over the magic number too. Correct
// frames decode as well, so callers may use this for every magic-0 lz4 set.
Result<Bytes> decompress_lz4_legacy(std::span<const std::uint8_t> input,
                                    std::size_t max_output_bytes);

}  // namespace kafkascope::records
