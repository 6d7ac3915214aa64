#pragma once
// Internal to engine/records: one pair of functions per codec (each in its
// own codec_*.cpp) and the shared error wording and output-growth policy.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/result.h"
#include "records/compression.h"

namespace kafkascope::records::detail {

Result<Bytes> gzip_compress(std::span<const std::uint8_t> in, std::optional<int> level);
Result<Bytes> gzip_decompress(std::span<const std::uint8_t> in, std::size_t max_out);
Result<Bytes> snappy_compress(std::span<const std::uint8_t> in);
Result<Bytes> snappy_decompress(std::span<const std::uint8_t> in, std::size_t max_out);
Result<Bytes> lz4_compress(std::span<const std::uint8_t> in, std::optional<int> level);
Result<Bytes> lz4_decompress(std::span<const std::uint8_t> in, std::size_t max_out,
                             bool legacy_header);
Result<Bytes> zstd_compress(std::span<const std::uint8_t> in, std::optional<int> level);
Result<Bytes> zstd_decompress(std::span<const std::uint8_t> in, std::size_t max_out);

// "lz4: corrupt input (ERROR_frameType_unknown)"-style decode failure.
Error codec_error(Compression c, const std::string& what);
// Output would pass max_out: a bomb or a limit set too low.
Error limit_error(Compression c, std::size_t max_out);

// Streaming decoders write into a vector that grows geometrically up to
// max_out: start near a guess from the input size, never allocate more than
// the limit. Returns false when the buffer is already at the limit.
bool grow_output(Bytes& out, std::size_t max_out);
std::size_t initial_output_size(std::size_t input_size, std::size_t max_out);

}  // namespace kafkascope::records::detail
