#pragma once
// XXH32 (Yann Collet's xxHash, 32-bit variant), needed only to repair the
// header checksum of legacy Kafka LZ4 frames. liblz4 does not export it.

#include <cstdint>
#include <span>

namespace kafkascope::records::detail {

std::uint32_t xxhash32(std::span<const std::uint8_t> data, std::uint32_t seed = 0) noexcept;

}  // namespace kafkascope::records::detail
