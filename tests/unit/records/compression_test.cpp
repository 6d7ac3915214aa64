// Codecs: round trips, corrupt input, decompression bombs, xerial snappy and
// the legacy LZ4 header.

#include <snappy-c.h>

#include <random>

#include "protocol/wire_writer.h"
#include "records/compression.h"
#include "records/xxhash32.h"
#include "records_test_util.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::records;
using kafkascope::test::bytes_of;

namespace {

constexpr Compression kCodecs[] = {Compression::none, Compression::gzip, Compression::snappy,
                                   Compression::lz4, Compression::zstd};
constexpr std::size_t kLimit = 64u << 20;

Bytes random_bytes(std::size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

Bytes text_bytes(std::size_t n) {
    Bytes out;
    out.reserve(n);
    for (std::size_t i = 0; out.size() < n; ++i) {
        const std::string line = "message " + std::to_string(i) + " of a compressible stream\n";
        out.insert(out.end(), line.begin(), line.end());
    }
    out.resize(n);
    return out;
}

}  // namespace

TEST_CASE(every_codec_round_trips) {
    const std::vector<Bytes> inputs = {Bytes{}, bytes_of("x"), text_bytes(100000),
                                       random_bytes(70000, 1), text_bytes(3 << 20)};
    for (Compression c : kCodecs) {
        for (const Bytes& in : inputs) {
            auto packed = compress(c, in);
            ASSERT_TRUE(packed.ok());
            auto unpacked = decompress(c, *packed, kLimit);
            ASSERT_TRUE(unpacked.ok());
            EXPECT_EQ(*unpacked == in, true);
        }
    }
}

TEST_CASE(compression_levels_are_accepted) {
    const Bytes in = text_bytes(50000);
    for (auto [c, level] : {std::pair{Compression::gzip, 9}, std::pair{Compression::lz4, 9},
                            std::pair{Compression::zstd, 19}}) {
        auto packed = compress(c, in, level);
        ASSERT_TRUE(packed.ok());
        EXPECT_TRUE(packed->size() < in.size() / 4);
        auto unpacked = decompress(c, *packed, kLimit);
        ASSERT_TRUE(unpacked.ok());
        EXPECT_TRUE(*unpacked == in);
    }
}

TEST_CASE(corrupt_input_is_an_error_naming_the_codec) {
    const Bytes in = text_bytes(20000);
    for (Compression c : kCodecs) {
        if (c == Compression::none) continue;
        auto packed = compress(c, in);
        ASSERT_TRUE(packed.ok());
        Bytes broken = *packed;
        for (std::size_t i = broken.size() / 3; i < broken.size() / 3 + 8; ++i) broken[i] ^= 0x5a;
        const Bytes garbage = random_bytes(300, 7);
        for (const Bytes& bad : {broken, garbage, Bytes{}}) {
            auto out = decompress(c, bad, kLimit);
            // Some flips land in literals a codec cannot check (snappy has no
            // checksum); then the output must at least differ or be an error.
            if (out.ok()) {
                EXPECT_FALSE(*out == in);
                continue;
            }
            EXPECT_TRUE(out.error().message.find(compression_name(c)) != std::string::npos);
        }
    }
}

TEST_CASE(truncated_streams_fail) {
    const Bytes in = text_bytes(200000);
    for (Compression c : kCodecs) {
        if (c == Compression::none) continue;
        auto packed = compress(c, in);
        ASSERT_TRUE(packed.ok());
        for (std::size_t cut : {std::size_t{1}, packed->size() / 2, packed->size() - 1}) {
            auto out = decompress(c, std::span(*packed).first(cut), kLimit);
            EXPECT_FALSE(out.ok());
        }
    }
}

TEST_CASE(decompression_bomb_is_bounded) {
    const Bytes zeros(32u << 20, 0);
    for (Compression c : kCodecs) {
        auto packed = compress(c, zeros);
        ASSERT_TRUE(packed.ok());
        auto out = decompress(c, *packed, 1u << 20);
        ASSERT_TRUE(!out.ok());
        EXPECT_EQ(out.error().code, make_error_code(client_errc::frame_too_large));
        EXPECT_TRUE(out.error().message.find("limit") != std::string::npos);
        // Exactly at the limit is fine.
        auto exact = decompress(c, *packed, zeros.size());
        EXPECT_TRUE(exact.ok());
    }
}

TEST_CASE(snappy_decodes_xerial_framing) {
    const Bytes a = text_bytes(40000);
    const Bytes b = random_bytes(1000, 3);
    protocol::WireWriter w;
    w.raw(Bytes{0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0});
    w.i32(1);  // version
    w.i32(1);  // compatible version
    for (const Bytes* part : {&a, &b}) {
        auto block = compress(Compression::snappy, *part);
        ASSERT_TRUE(block.ok());
        w.i32(static_cast<std::int32_t>(block->size()));
        w.raw(*block);
    }
    auto out = decompress(Compression::snappy, w.data(), kLimit);
    ASSERT_TRUE(out.ok());
    Bytes expected = a;
    expected.insert(expected.end(), b.begin(), b.end());
    EXPECT_TRUE(*out == expected);

    Bytes truncated = w.data();
    truncated.resize(truncated.size() - 10);
    EXPECT_FALSE(decompress(Compression::snappy, truncated, kLimit).ok());
}

TEST_CASE(xxhash32_known_values) {
    EXPECT_EQ(detail::xxhash32(bytes_of("")), 0x02CC5D05u);
    EXPECT_EQ(detail::xxhash32(bytes_of("abc")), 0x32D153FFu);
}

TEST_CASE(lz4_legacy_header_checksum_is_repaired) {
    const Bytes in = text_bytes(100000);
    auto packed = compress(Compression::lz4, in);
    ASSERT_TRUE(packed.ok());
    // Correct frames decode on the legacy path too (checks xxhash32 against liblz4).
    auto same = decompress_lz4_legacy(*packed, kLimit);
    ASSERT_TRUE(same.ok());
    EXPECT_TRUE(*same == in);

    // Kafka 0.8/0.9 hashed magic + descriptor: break HC that way.
    Bytes broken = *packed;
    const std::size_t descriptor = (broken[4] & 0x08) ? 10 : 2;
    broken[4 + descriptor] = static_cast<std::uint8_t>(
        detail::xxhash32(std::span(broken).first(4 + descriptor)) >> 8);
    if (broken[4 + descriptor] != (*packed)[4 + descriptor])
        EXPECT_FALSE(decompress(Compression::lz4, broken, kLimit).ok());
    auto repaired = decompress_lz4_legacy(broken, kLimit);
    ASSERT_TRUE(repaired.ok());
    EXPECT_TRUE(*repaired == in);
}

TEST_CASE(codec_names_and_bits) {
    EXPECT_EQ(compression_name(Compression::zstd), std::string_view("zstd"));
    EXPECT_TRUE(compression_from_bits(3) == Compression::lz4);
    EXPECT_FALSE(compression_from_bits(5).has_value());
}
