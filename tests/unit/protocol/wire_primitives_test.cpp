// WireReader / WireWriter: round trips and edges of every primitive, the
// varint limits, null versus empty in classic and compact forms, hostile
// lengths, truncation and UUIDs.

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "hex.h"
#include "protocol/wire_reader.h"
#include "protocol/wire_writer.h"
#include "unit_test.h"

using namespace kafkascope::protocol;
using kafkascope::test::from_hex;
using kafkascope::test::hex;
using kafkascope::test::to_hex;

namespace {

template <class F>
std::string written(F write) {
    WireWriter w;
    write(w);
    return to_hex(w.data());
}

// The byte offset a reader error names ("... at byte 7"), or -1.
long error_offset(const std::string& error) {
    const auto at = error.rfind("at byte ");
    return at == std::string::npos ? -1 : std::stol(error.substr(at + 8));
}

}  // namespace

TEST_CASE(fixed_width_round_trip) {
    WireWriter w;
    w.i8(-128);
    w.i16(std::numeric_limits<std::int16_t>::min());
    w.u16(0xfffe);
    w.i32(std::numeric_limits<std::int32_t>::min());
    w.u32(0xdeadbeef);
    w.i64(std::numeric_limits<std::int64_t>::max());
    w.f64(-2.5);
    w.boolean(true);
    EXPECT_EQ(to_hex(w.data()),
              hex("80 8000 fffe 80000000 deadbeef 7fffffffffffffff c004000000000000 01"));
    WireReader r(w.data());
    EXPECT_EQ(r.i8(), std::int8_t{-128});
    EXPECT_EQ(r.i16(), std::numeric_limits<std::int16_t>::min());
    EXPECT_EQ(r.u16(), std::uint16_t{0xfffe});
    EXPECT_EQ(r.i32(), std::numeric_limits<std::int32_t>::min());
    EXPECT_EQ(r.u32(), 0xdeadbeefu);
    EXPECT_EQ(r.i64(), std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(r.f64(), -2.5);
    EXPECT_TRUE(r.boolean());
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.remaining(), std::size_t{0});
}

TEST_CASE(varint_zigzag_limits) {
    // zigzag: 0 -> 0, -1 -> 1, 1 -> 2, INT32_MAX -> 2^32-2, INT32_MIN -> 2^32-1
    EXPECT_EQ(written([](auto& w) { w.varint(0); }), std::string("00"));
    EXPECT_EQ(written([](auto& w) { w.varint(-1); }), std::string("01"));
    EXPECT_EQ(written([](auto& w) { w.varint(1); }), std::string("02"));
    EXPECT_EQ(written([](auto& w) { w.varint(-64); }), std::string("7f"));
    EXPECT_EQ(written([](auto& w) { w.varint(64); }), std::string("8001"));
    EXPECT_EQ(written([](auto& w) { w.varint(std::numeric_limits<std::int32_t>::max()); }),
              std::string("feffffff0f"));
    EXPECT_EQ(written([](auto& w) { w.varint(std::numeric_limits<std::int32_t>::min()); }),
              std::string("ffffffff0f"));
    EXPECT_EQ(written([](auto& w) { w.varlong(std::numeric_limits<std::int64_t>::max()); }),
              std::string("feffffffffffffffff01"));
    EXPECT_EQ(written([](auto& w) { w.varlong(std::numeric_limits<std::int64_t>::min()); }),
              std::string("ffffffffffffffffff01"));

    for (std::int32_t v :
         {0, 1, -1, 63, -64, 64, -65, 8191, -8192, 1 << 20, -(1 << 28),
          std::numeric_limits<std::int32_t>::max(), std::numeric_limits<std::int32_t>::min()}) {
        WireWriter w;
        w.varint(v);
        WireReader r(w.data());
        EXPECT_EQ(r.varint(), v);
        EXPECT_TRUE(r.ok() && r.remaining() == 0);
    }
    for (std::int64_t v :
         {std::int64_t{0}, std::int64_t{-1}, std::int64_t{1} << 40, -(std::int64_t{1} << 62),
          std::numeric_limits<std::int64_t>::max(), std::numeric_limits<std::int64_t>::min()}) {
        WireWriter w;
        w.varlong(v);
        WireReader r(w.data());
        EXPECT_EQ(r.varlong(), v);
        EXPECT_TRUE(r.ok() && r.remaining() == 0);
    }
}

TEST_CASE(uvarint_length_limits) {
    {  // 2^32-1 in five bytes is the largest 32-bit value
        const auto b = from_hex("ffffffff0f");
        WireReader r(b);
        EXPECT_EQ(r.uvarint32(), 0xffffffffu);
        EXPECT_TRUE(r.ok());
    }
    {  // five bytes but 2^35-1: over 32 bits
        const auto b = from_hex("ffffffff7f");
        WireReader r(b);
        EXPECT_EQ(r.uvarint32(), 0u);
        EXPECT_FALSE(r.ok());
    }
    {  // a zero padded to six bytes is still over the 5-byte limit
        const auto b = from_hex("808080808000");
        WireReader r(b);
        (void)r.uvarint32();
        EXPECT_FALSE(r.ok());
    }
    {  // six-byte signed varint
        const auto b = from_hex("808080808000");
        WireReader r(b);
        (void)r.varint();
        EXPECT_FALSE(r.ok());
    }
    {  // UINT64_MAX takes exactly ten bytes
        const auto b = from_hex("ffffffffffffffffff01");
        WireReader r(b);
        EXPECT_EQ(r.uvarint(), std::numeric_limits<std::uint64_t>::max());
        EXPECT_TRUE(r.ok());
    }
    {  // tenth byte carrying more than the 64th bit
        const auto b = from_hex("ffffffffffffffffff02");
        WireReader r(b);
        (void)r.uvarint();
        EXPECT_FALSE(r.ok());
    }
    {  // eleven bytes
        const auto b = from_hex("8080808080808080808000");
        WireReader r(b);
        (void)r.uvarint();
        EXPECT_FALSE(r.ok());
        (void)r.varlong();  // sticky: still failed, still zero
        EXPECT_FALSE(r.ok());
    }
    {  // continuation bit on the last byte of the buffer
        const auto b = from_hex("8080");
        WireReader r(b);
        (void)r.uvarint();
        EXPECT_FALSE(r.ok());
        EXPECT_EQ(error_offset(r.error()), 2L);
    }
}

TEST_CASE(null_versus_empty_classic) {
    EXPECT_EQ(written([](auto& w) { w.nullable_string(std::nullopt); }), std::string("ffff"));
    EXPECT_EQ(written([](auto& w) { w.nullable_string(std::string()); }), std::string("0000"));
    EXPECT_EQ(written([](auto& w) { w.string("ab"); }), std::string("00026162"));
    EXPECT_EQ(written([](auto& w) { w.nullable_bytes(std::nullopt); }), std::string("ffffffff"));
    EXPECT_EQ(written([](auto& w) { w.nullable_bytes(Bytes{}); }), std::string("00000000"));
    EXPECT_EQ(written([](auto& w) { w.array_length(-1, false); }), std::string("ffffffff"));
    EXPECT_EQ(written([](auto& w) { w.array_length(0, false); }), std::string("00000000"));

    const auto b = from_hex("ffff 0000 ffffffff 00000000 ffffffff 00000000");
    WireReader r(b);
    EXPECT_EQ(r.nullable_string(), std::optional<std::string>());
    EXPECT_EQ(r.nullable_string(), std::optional<std::string>(""));
    EXPECT_TRUE(!r.nullable_bytes().has_value());
    EXPECT_TRUE(r.nullable_bytes().has_value());
    EXPECT_EQ(r.array_length(false), -1);
    EXPECT_EQ(r.array_length(false), 0);
    EXPECT_TRUE(r.ok());

    // A null where the schema forbids one is an error, not an empty value.
    const auto null_string = from_hex("ffff");
    WireReader s(null_string);
    (void)s.string();
    EXPECT_FALSE(s.ok());
    const auto null_bytes = from_hex("ffffffff");
    WireReader t(null_bytes);
    (void)t.bytes();
    EXPECT_FALSE(t.ok());
}

TEST_CASE(null_versus_empty_compact) {
    EXPECT_EQ(written([](auto& w) { w.compact_nullable_string(std::nullopt); }), std::string("00"));
    EXPECT_EQ(written([](auto& w) { w.compact_nullable_string(std::string()); }),
              std::string("01"));
    EXPECT_EQ(written([](auto& w) { w.compact_string("ab"); }), std::string("036162"));
    EXPECT_EQ(written([](auto& w) { w.compact_nullable_bytes(std::nullopt); }), std::string("00"));
    EXPECT_EQ(written([](auto& w) { w.compact_nullable_bytes(Bytes{}); }), std::string("01"));
    EXPECT_EQ(written([](auto& w) { w.array_length(-1, true); }), std::string("00"));
    EXPECT_EQ(written([](auto& w) { w.array_length(0, true); }), std::string("01"));
    EXPECT_EQ(written([](auto& w) { w.array_length(127, true); }), std::string("8001"));

    const auto b = from_hex("00 01 00 01 00 01");
    WireReader r(b);
    EXPECT_EQ(r.compact_nullable_string(), std::optional<std::string>());
    EXPECT_EQ(r.compact_nullable_string(), std::optional<std::string>(""));
    EXPECT_TRUE(!r.compact_nullable_bytes().has_value());
    EXPECT_TRUE(r.compact_nullable_bytes().has_value());
    EXPECT_EQ(r.array_length(true), -1);
    EXPECT_EQ(r.array_length(true), 0);
    EXPECT_TRUE(r.ok());

    const auto null = from_hex("00");
    WireReader s(null);
    (void)s.compact_string();
    EXPECT_FALSE(s.ok());
    WireReader t(null);
    (void)t.compact_bytes();
    EXPECT_FALSE(t.ok());
}

TEST_CASE(hostile_lengths_fail_without_allocating) {
    struct Case {
        const char* hex;
        const char* what;
    };
    const Case cases[] = {
        {"7fffffff 000000", "classic array of 2^31-1 elements, 3 bytes left"},
        {"fffffffe", "classic array length -2"},
        {"80000000", "classic array length INT32_MIN"},
    };
    for (const Case& c : cases) {
        const auto b = from_hex(c.hex);
        WireReader r(b);
        EXPECT_EQ(r.array_length(false), 0);
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("ffffffff0f 00");  // compact: 2^32-2 elements
        WireReader r(b);
        EXPECT_EQ(r.array_length(true), 0);
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("7fff 6162");  // string of 32767 bytes, 2 present
        WireReader r(b);
        (void)r.string();
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("fffe");  // string length -2
        WireReader r(b);
        EXPECT_FALSE(r.nullable_string().has_value());
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("7fffffff 00");  // bytes of 2 GiB
        WireReader r(b);
        EXPECT_TRUE(r.bytes().empty());
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("ffffffff0f");  // compact bytes of 4 GiB
        WireReader r(b);
        EXPECT_TRUE(r.compact_bytes().empty());
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("ffffff7f 00");  // 268M tagged fields
        WireReader r(b);
        EXPECT_TRUE(r.tagged_fields().empty());
        EXPECT_FALSE(r.ok());
    }
    {
        const auto b = from_hex("01 05 ffffff7f 00");  // one tag claiming 268 MB
        WireReader r(b);
        EXPECT_TRUE(r.tagged_fields().empty());
        EXPECT_FALSE(r.ok());
    }
}

TEST_CASE(truncation_reports_offset_and_sticks) {
    const auto b = from_hex("0001 0002 00");
    WireReader r(b);
    EXPECT_EQ(r.i16(), std::int16_t{1});
    EXPECT_EQ(r.i16(), std::int16_t{2});
    EXPECT_EQ(r.i32(), 0);  // one byte left
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(error_offset(r.error()), 4L);
    EXPECT_TRUE(r.error().find("int32") != std::string::npos);
    EXPECT_EQ(r.i8(), std::int8_t{0});  // later reads return zero values
    EXPECT_EQ(r.remaining(), std::size_t{0});
    EXPECT_EQ(error_offset(r.error()), 4L);  // the first error is kept

    // Every primitive on every short prefix of its encoding fails cleanly.
    WireWriter w;
    w.i64(-2);
    w.string("hello");
    w.compact_string("kafka");
    w.nullable_bytes(Bytes{1, 2, 3});
    w.varlong(std::numeric_limits<std::int64_t>::min());
    w.uuid(Uuid{});
    w.tagged_fields({UnknownTag{5, Bytes{9, 9}}});
    const Bytes full = w.data();
    for (std::size_t n = 0; n < full.size(); ++n) {
        const Bytes prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
        WireReader p(prefix);
        (void)p.i64();
        (void)p.string();
        (void)p.compact_string();
        (void)p.nullable_bytes();
        (void)p.varlong();
        (void)p.uuid();
        (void)p.tagged_fields();
        EXPECT_FALSE(p.ok());
        const long at = error_offset(p.error());
        EXPECT_TRUE(at >= 0 && at <= static_cast<long>(n));
    }
    WireReader whole(full);
    EXPECT_EQ(whole.i64(), std::int64_t{-2});
    EXPECT_EQ(whole.string(), std::string("hello"));
    EXPECT_EQ(whole.compact_string(), std::string("kafka"));
    EXPECT_EQ(whole.nullable_bytes(), std::optional<Bytes>(Bytes{1, 2, 3}));
    EXPECT_EQ(whole.varlong(), std::numeric_limits<std::int64_t>::min());
    EXPECT_TRUE(whole.uuid().is_zero());
    const auto tags = whole.tagged_fields();
    ASSERT_EQ(tags.size(), std::size_t{1});
    EXPECT_EQ(tags[0].tag, 5u);
    EXPECT_TRUE(whole.ok() && whole.remaining() == 0);
}

TEST_CASE(uuid_round_trip_and_text) {
    const auto b = from_hex("165f8b24706d6d5a53b2971e56e05b4d");
    WireReader r(b);
    const Uuid u = r.uuid();
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(u.is_zero());
    EXPECT_EQ(u.to_string(), std::string("Fl-LJHBtbVpTspceVuBbTQ"));  // Kafka's Uuid.toString()
    WireWriter w;
    w.uuid(u);
    EXPECT_EQ(to_hex(w.data()), to_hex(b));
    EXPECT_TRUE(Uuid{}.is_zero());
    EXPECT_EQ(Uuid{}.to_string(), std::string("AAAAAAAAAAAAAAAAAAAAAA"));
}

TEST_CASE(reserved_length_is_patched) {
    WireWriter w;
    const std::size_t at = w.reserve_i32();
    w.string("abc");
    w.patch_i32(at, static_cast<std::int32_t>(w.size() - at - 4));
    EXPECT_EQ(to_hex(w.data()), hex("00000005 0003616263"));
    EXPECT_EQ(uvarint_size(0), std::size_t{1});
    EXPECT_EQ(uvarint_size(127), std::size_t{1});
    EXPECT_EQ(uvarint_size(128), std::size_t{2});
    EXPECT_EQ(uvarint_size(std::numeric_limits<std::uint64_t>::max()), std::size_t{10});
}
