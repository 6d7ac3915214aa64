#include "producer/balancer_hash.h"

#include "protocol/crc32c.h"

namespace kafkascope::producer {

std::uint32_t fnv1a32(std::span<const std::uint8_t> data) noexcept {
    // FNV-1a: xor the byte in, then multiply (FNV-1 does it the other way).
    constexpr std::uint32_t kOffsetBasis = 0x811c9dc5u;
    constexpr std::uint32_t kPrime = 0x01000193u;
    std::uint32_t h = kOffsetBasis;
    for (const std::uint8_t b : data) {
        h ^= b;
        h *= kPrime;
    }
    return h;
}

std::uint32_t murmur2(std::span<const std::uint8_t> data) noexcept {
    // Java's variant of MurmurHash2: little-endian 4-byte blocks, a fixed
    // seed, and the length folded into the seed as a 32-bit int.
    constexpr std::uint32_t kSeed = 0x9747b28cu;
    constexpr std::uint32_t kM = 0x5bd1e995u;
    constexpr int kR = 24;

    const std::size_t length = data.size();
    std::uint32_t h = kSeed ^ static_cast<std::uint32_t>(length);

    const std::size_t blocks = length / 4;
    for (std::size_t i = 0; i < blocks; ++i) {
        const std::uint8_t* p = data.data() + i * 4;
        std::uint32_t k =
            static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
            (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
        k *= kM;
        k ^= k >> kR;
        k *= kM;
        h *= kM;
        h ^= k;
    }

    // The 1-3 trailing bytes, highest first, as Java's fall-through switch.
    const std::uint8_t* tail = data.data() + blocks * 4;
    switch (length % 4) {
        case 3:
            h ^= static_cast<std::uint32_t>(tail[2]) << 16;
            [[fallthrough]];
        case 2:
            h ^= static_cast<std::uint32_t>(tail[1]) << 8;
            [[fallthrough]];
        case 1:
            h ^= static_cast<std::uint32_t>(tail[0]);
            h *= kM;
            break;
        default:
            break;
    }

    h ^= h >> 13;
    h *= kM;
    h ^= h >> 15;
    return h;
}

std::uint32_t crc32_key(std::span<const std::uint8_t> data) noexcept {
    return protocol::crc32_ieee(data);
}

}  // namespace kafkascope::producer
