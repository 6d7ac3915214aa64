#include "protocol/crc32c.h"

#include <array>
#include <cstddef>
#include <cstring>

#include <zlib.h>

#if defined(__x86_64__)
#include <nmmintrin.h>
#define KAFKASCOPE_CRC32C_X86 1
#endif

namespace kafkascope::protocol {
namespace {

constexpr std::uint32_t kCastagnoli = 0x82F63B78u;  // reflected form of 0x1EDC6F41

// Slicing-by-8 tables: kTables[0] is the classic byte-at-a-time table;
// kTables[k][b] is the CRC of byte b followed by k zero bytes, so eight
// lookups fold eight input bytes at once. Built at compile time.
using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables make_tables() {
    Tables t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ kCastagnoli : c >> 1;
        t[0][i] = c;
    }
    for (std::size_t k = 1; k < 8; ++k) {
        for (std::size_t i = 0; i < 256; ++i) {
            t[k][i] = (t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff];
        }
    }
    return t;
}

constexpr Tables kTables = make_tables();

// The reflected CRC consumes bytes in memory order, so words are read
// little-endian whatever the host is.
std::uint64_t load_le64(const std::uint8_t* p) noexcept {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

#if KAFKASCOPE_CRC32C_X86
// Compiled for SSE4.2 regardless of the build's -march; only reached after
// the runtime CPU check. Unaligned head bytes go one at a time so the 8-byte
// loop reads aligned words.
__attribute__((target("sse4.2"))) std::uint32_t crc32c_sse42(const std::uint8_t* p, std::size_t n,
                                                             std::uint32_t crc) noexcept {
    std::uint32_t c = ~crc;
    while (n > 0 && (reinterpret_cast<std::uintptr_t>(p) & 7) != 0) {
        c = _mm_crc32_u8(c, *p++);
        --n;
    }
    std::uint64_t c64 = c;
    for (; n >= 8; n -= 8, p += 8) {
        std::uint64_t word;
        std::memcpy(&word, p, sizeof word);
        c64 = _mm_crc32_u64(c64, word);
    }
    c = static_cast<std::uint32_t>(c64);
    while (n-- > 0) c = _mm_crc32_u8(c, *p++);
    return ~c;
}
#endif

}  // namespace

std::uint32_t crc32c_portable(std::span<const std::uint8_t> data, std::uint32_t crc) noexcept {
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    std::uint32_t c = ~crc;
    for (; n >= 8; n -= 8, p += 8) {
        const std::uint64_t w = load_le64(p) ^ c;
        c = kTables[7][w & 0xff] ^ kTables[6][(w >> 8) & 0xff] ^ kTables[5][(w >> 16) & 0xff] ^
            kTables[4][(w >> 24) & 0xff] ^ kTables[3][(w >> 32) & 0xff] ^
            kTables[2][(w >> 40) & 0xff] ^ kTables[1][(w >> 48) & 0xff] ^ kTables[0][w >> 56];
    }
    while (n-- > 0) c = (c >> 8) ^ kTables[0][(c ^ *p++) & 0xff];
    return ~c;
}

bool crc32c_hardware_available() noexcept {
#if KAFKASCOPE_CRC32C_X86
    static const bool available = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("sse4.2") != 0;
    }();
    return available;
#else
    return false;
#endif
}

std::uint32_t crc32c_hardware(std::span<const std::uint8_t> data, std::uint32_t crc) noexcept {
#if KAFKASCOPE_CRC32C_X86
    return crc32c_sse42(data.data(), data.size(), crc);
#else
    return crc32c_portable(data, crc);  // no hardware path on this architecture
#endif
}

std::uint32_t crc32c(std::span<const std::uint8_t> data, std::uint32_t crc) noexcept {
    return crc32c_hardware_available() ? crc32c_hardware(data, crc) : crc32c_portable(data, crc);
}

std::uint32_t crc32_ieee(std::span<const std::uint8_t> data, std::uint32_t crc) noexcept {
    // zlib takes uInt lengths, so huge buffers go in pieces; and it answers
    // 0 for a null pointer, so an empty input must not reach it at all.
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    uLong c = crc;
    while (n > 0) {
        const auto chunk = static_cast<uInt>(n > (1u << 30) ? (1u << 30) : n);
        c = ::crc32(c, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return static_cast<std::uint32_t>(c);
}

}  // namespace kafkascope::protocol
