#pragma once
// The key hashes behind the partitioners, kept apart from the balancers so
// tests can check them against published vectors on their own.
//
//   fnv1a32  FNV-1a, 32 bit: kafka-go's Hash / ReferenceHash and Sarama.
//   murmur2  Kafka Java's Utils.murmur2 (seed 0x9747b28c): the Java default
//            partitioner, librdkafka's murmur2 / murmur2_random, kafka-go's
//            Murmur2Balancer.
//   crc32    CRC-32 IEEE (zlib's): librdkafka's consistent /
//            consistent_random, kafka-go's CRC32Balancer.

#include <cstdint>
#include <span>

namespace kafkascope::producer {

std::uint32_t fnv1a32(std::span<const std::uint8_t> data) noexcept;

// Returned unsigned; Java's int result is the same 32 bits.
std::uint32_t murmur2(std::span<const std::uint8_t> data) noexcept;

std::uint32_t crc32_key(std::span<const std::uint8_t> data) noexcept;

// Java's Utils.toPositive: clears the sign bit rather than negating, so
// Integer.MIN_VALUE maps to 0 instead of staying negative.
constexpr std::uint32_t to_positive(std::uint32_t h) noexcept {
    return h & 0x7fffffffu;
}

}  // namespace kafkascope::producer
