#include "records/xxhash32.h"

#include <bit>

namespace kafkascope::records::detail {
namespace {

constexpr std::uint32_t P1 = 2654435761U;
constexpr std::uint32_t P2 = 2246822519U;
constexpr std::uint32_t P3 = 3266489917U;
constexpr std::uint32_t P4 = 668265263U;
constexpr std::uint32_t P5 = 374761393U;

std::uint32_t le32(const std::uint8_t* p) noexcept {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::uint32_t round(std::uint32_t acc, std::uint32_t lane) noexcept {
    return std::rotl(acc + lane * P2, 13) * P1;
}

}  // namespace

std::uint32_t xxhash32(std::span<const std::uint8_t> data, std::uint32_t seed) noexcept {
    const std::uint8_t* p = data.data();
    const std::uint8_t* const end = p + data.size();
    std::uint32_t h;
    if (data.size() >= 16) {
        std::uint32_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
        for (; end - p >= 16; p += 16) {
            v1 = round(v1, le32(p));
            v2 = round(v2, le32(p + 4));
            v3 = round(v3, le32(p + 8));
            v4 = round(v4, le32(p + 12));
        }
        h = std::rotl(v1, 1) + std::rotl(v2, 7) + std::rotl(v3, 12) + std::rotl(v4, 18);
    } else {
        h = seed + P5;
    }
    h += static_cast<std::uint32_t>(data.size());
    for (; end - p >= 4; p += 4) h = std::rotl(h + le32(p) * P3, 17) * P4;
    for (; p < end; ++p) h = std::rotl(h + *p * P5, 11) * P1;
    h ^= h >> 15;
    h *= P2;
    h ^= h >> 13;
    h *= P3;
    h ^= h >> 16;
    return h;
}

}  // namespace kafkascope::records::detail
