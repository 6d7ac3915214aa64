// CRC-32C against the standard check values (RFC 3720 appendix B.4 and the
// usual "123456789" check), and the SSE4.2 and table paths against each
// other on buffers of every small length at every alignment.

#include <array>
#include <cstdio>
#include <cstring>
#include <random>
#include <string_view>
#include <vector>

#include "protocol/crc32c.h"
#include "unit_test.h"

using namespace kafkascope::protocol;

namespace {

std::span<const std::uint8_t> as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

template <class F>
void check_standard_vectors(F crc) {
    EXPECT_EQ(crc(as_bytes("123456789"), 0u), 0xE3069283u);
    std::array<std::uint8_t, 32> buf{};
    EXPECT_EQ(crc(buf, 0u), 0x8A9136AAu);
    buf.fill(0xff);
    EXPECT_EQ(crc(buf, 0u), 0x62A8AB43u);
    for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<std::uint8_t>(i);
    EXPECT_EQ(crc(buf, 0u), 0x46DD794Eu);
    for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<std::uint8_t>(31 - i);
    EXPECT_EQ(crc(buf, 0u), 0x113FDB5Cu);
    EXPECT_EQ(crc(std::span<const std::uint8_t>{}, 0u), 0u);
    EXPECT_EQ(crc(std::span<const std::uint8_t>{}, 0x12345678u), 0x12345678u);
}

}  // namespace

TEST_CASE(crc32c_standard_vectors_dispatching) {
    check_standard_vectors([](auto d, std::uint32_t c) { return crc32c(d, c); });
}

TEST_CASE(crc32c_standard_vectors_portable) {
    check_standard_vectors([](auto d, std::uint32_t c) { return crc32c_portable(d, c); });
}

TEST_CASE(crc32c_standard_vectors_hardware) {
    if (!crc32c_hardware_available()) {
        std::printf("  (no SSE4.2 on this CPU: hardware path not tested)\n");
        return;
    }
    check_standard_vectors([](auto d, std::uint32_t c) { return crc32c_hardware(d, c); });
}

TEST_CASE(crc32c_paths_agree_on_random_buffers) {
    std::mt19937 rng(20241124);
    std::vector<std::uint8_t> storage(4096 + 16);
    for (auto& b : storage) b = static_cast<std::uint8_t>(rng());
    const bool hw = crc32c_hardware_available();
    int mismatches = 0;
    for (std::size_t offset = 0; offset < 16; ++offset) {
        for (std::size_t len = 0; len <= 300; ++len) {
            std::span<const std::uint8_t> d(storage.data() + offset, len);
            const std::uint32_t seed = static_cast<std::uint32_t>(rng());
            const std::uint32_t portable = crc32c_portable(d, seed);
            if (hw && crc32c_hardware(d, seed) != portable) ++mismatches;
            if (crc32c(d, seed) != portable) ++mismatches;
        }
    }
    for (std::size_t len : {1024u, 4095u, 4096u}) {
        std::span<const std::uint8_t> d(storage.data() + 3, len);
        if (hw && crc32c_hardware(d) != crc32c_portable(d)) ++mismatches;
    }
    EXPECT_EQ(mismatches, 0);
}

TEST_CASE(crc32c_extends_across_pieces) {
    std::vector<std::uint8_t> data(1000);
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<std::uint8_t>(i * 7 + 3);
    const std::uint32_t whole = crc32c(data);
    for (std::size_t cut : {0u, 1u, 7u, 8u, 9u, 500u, 999u, 1000u}) {
        const std::span<const std::uint8_t> all(data);
        EXPECT_EQ(crc32c_extend(crc32c(all.first(cut)), all.subspan(cut)), whole);
        EXPECT_EQ(crc32c_portable(all.subspan(cut), crc32c_portable(all.first(cut))), whole);
    }
}

TEST_CASE(crc32_ieee_check_values) {
    EXPECT_EQ(crc32_ieee(as_bytes("123456789")), 0xCBF43926u);
    EXPECT_EQ(crc32_ieee(as_bytes("")), 0u);
    EXPECT_EQ(crc32_ieee(as_bytes(""), 0xCBF43926u), 0xCBF43926u);
    EXPECT_EQ(crc32_ieee(as_bytes("6789"), crc32_ieee(as_bytes("12345"))), 0xCBF43926u);
}
