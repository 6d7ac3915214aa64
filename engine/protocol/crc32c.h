#pragma once
// Checksums used on the Kafka wire.
//
// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) covers record batches
// (magic 2): everything from the attributes field to the end of the batch.
// CRC-32 (IEEE 802.3, zlib's) covers legacy messages (magic 0 and 1) and is
// what the "crc32" partitioner of librdkafka hashes keys with.
//
// All functions take and return finished CRC values, so a checksum over
// several pieces chains: crc32c(b, crc32c(a)) == crc32c(a followed by b).

#include <cstdint>
#include <span>

namespace kafkascope::protocol {

// CRC-32C of `data`, continuing from `crc` (0 for a fresh checksum). Uses the
// SSE4.2 crc32 instruction when the CPU has it, a table otherwise.
std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc = 0) noexcept;

// The same with the running value first, for code that folds pieces in.
inline std::uint32_t crc32c_extend(std::uint32_t crc, std::span<const std::uint8_t> data) noexcept {
    return crc32c(data, crc);
}

// The two implementations behind crc32c(), exposed so tests can check that
// they agree. crc32c_hardware() must only be called when
// crc32c_hardware_available() says so.
std::uint32_t crc32c_portable(std::span<const std::uint8_t> data, std::uint32_t crc = 0) noexcept;
std::uint32_t crc32c_hardware(std::span<const std::uint8_t> data, std::uint32_t crc = 0) noexcept;
bool crc32c_hardware_available() noexcept;

// CRC-32 (IEEE), continuing from `crc` like crc32c().
std::uint32_t crc32_ieee(std::span<const std::uint8_t> data, std::uint32_t crc = 0) noexcept;

}  // namespace kafkascope::protocol
