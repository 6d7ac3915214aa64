// Balancers against vectors published by the clients they imitate:
//   - Kafka's UtilsTest.testMurmur2 (Java murmur2, signed ints);
//   - kafka-go's balancer_test.go (Java murmur2 values, librdkafka's crc32 and
//     murmur2 partition vectors, the Sarama-compatible "20" case);
//   - Sarama's partitioner_test.go ("1468509572224" hashes to 0x80000000,
//     crc32("SheetJS") = 2647669026);
//   - the standard FNV-1a and CRC-32 check values.
// Plus the behaviour rules: null vs empty keys, round robin chunks, least
// bytes ties, explicit partitions and the factory.

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "producer/balancer.h"
#include "producer/balancer_hash.h"
#include "unit_test.h"

using namespace kafkascope::producer;

namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

MessageRef keyed(std::string_view key, std::size_t value_size = 0) {
    return MessageRef{bytes(key), value_size, std::nullopt};
}

MessageRef null_key(std::size_t value_size = 0) {
    return MessageRef{std::nullopt, value_size, std::nullopt};
}

std::vector<std::int32_t> range(std::int32_t n) {
    std::vector<std::int32_t> v(static_cast<std::size_t>(n));
    for (std::int32_t i = 0; i < n; ++i) v[static_cast<std::size_t>(i)] = i;
    return v;
}

// kafka-go's librdkafka vectors use 50 partitions with ids i*i, so an index
// bug (returning the index instead of the id) shows.
std::vector<std::int32_t> squares(std::int32_t n) {
    std::vector<std::int32_t> v = range(n);
    for (auto& p : v) p *= p;
    return v;
}

}  // namespace

// --- Hashes -------------------------------------------------------------------

TEST_CASE(fnv1a32_standard_vectors) {
    EXPECT_EQ(fnv1a32(bytes("")), 0x811c9dc5u);
    EXPECT_EQ(fnv1a32(bytes("a")), 0xe40c292cu);
    EXPECT_EQ(fnv1a32(bytes("foobar")), 0xbf9cf968u);
    // Sarama: this key's Sum32 is exactly 2^31, i.e. int32 min.
    EXPECT_EQ(fnv1a32(bytes("1468509572224")), 0x80000000u);
}

TEST_CASE(crc32_standard_vectors) {
    EXPECT_EQ(crc32_key(bytes("123456789")), 0xCBF43926u);
    EXPECT_EQ(crc32_key(bytes("")), 0u);
    EXPECT_EQ(crc32_key(bytes("SheetJS")), 2647669026u);
}

TEST_CASE(murmur2_java_utils_test_vectors) {
    // Kafka UtilsTest.testMurmur2: Java's signed int results.
    struct Case {
        std::string_view key;
        std::int32_t java;
    };
    const Case cases[] = {
        {"21", -973932308},
        {"foobar", -790332482},
        {"a-little-bit-long-string", -985981536},
        {"a-little-bit-longer-string", -1486304829},
        {"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971},
        {"abc", 479470107},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(static_cast<std::int32_t>(murmur2(bytes(c.key))), c.java);
    }
}

TEST_CASE(murmur2_kafka_go_vectors_every_tail_length) {
    // Lengths 0..4 and 17, 35..38 cover all tail cases (0-3 trailing bytes).
    EXPECT_EQ(murmur2(bytes("")), 0x106e08d9u);
    EXPECT_EQ(murmur2(bytes("4")), 0x5a4b5ca1u);
    EXPECT_EQ(murmur2(bytes("34")), 0x873930dau);
    EXPECT_EQ(murmur2(bytes("234")), 0xe7c009cau);
    EXPECT_EQ(murmur2(bytes("1234")), 0x9fc97b14u);
    EXPECT_EQ(murmur2(bytes("kafka")), 0xd067cf64u);
    EXPECT_EQ(murmur2(bytes("giberish123456789")), 0x8f552b0cu);
    EXPECT_EQ(murmur2(bytes("PreAmbleWillBeRemoved,ThePrePartThatIs")), 0x78424f1cu);
    EXPECT_EQ(murmur2(bytes("reAmbleWillBeRemoved,ThePrePartThatIs")), 0x4a62b377u);
    EXPECT_EQ(murmur2(bytes("eAmbleWillBeRemoved,ThePrePartThatIs")), 0xe0e4e09eu);
    EXPECT_EQ(murmur2(bytes("AmbleWillBeRemoved,ThePrePartThatIs")), 0x62b8b43fu);
}

TEST_CASE(to_positive_clears_sign_bit) {
    EXPECT_EQ(to_positive(0x80000000u), 0u);
    EXPECT_EQ(to_positive(0xffffffffu), 0x7fffffffu);
    EXPECT_EQ(to_positive(0x12345678u), 0x12345678u);
}

// --- RoundRobin ---------------------------------------------------------------

TEST_CASE(round_robin_cycles_through_ids) {
    RoundRobinBalancer rr;
    const std::vector<std::int32_t> parts{3, 5, 9};
    std::vector<std::int32_t> got;
    for (int i = 0; i < 7; ++i) got.push_back(rr.balance(null_key(), parts));
    EXPECT_EQ(got, (std::vector<std::int32_t>{3, 5, 9, 3, 5, 9, 3}));
}

TEST_CASE(round_robin_chunks) {
    RoundRobinBalancer rr(3);
    const auto parts = range(2);
    std::vector<std::int32_t> got;
    for (int i = 0; i < 8; ++i) got.push_back(rr.balance(keyed("k"), parts));
    EXPECT_EQ(got, (std::vector<std::int32_t>{0, 0, 0, 1, 1, 1, 0, 0}));
}

TEST_CASE(round_robin_chunk_below_one_is_one) {
    RoundRobinBalancer zero(0), negative(-4);
    EXPECT_EQ(zero.chunk_size(), 1);
    EXPECT_EQ(negative.chunk_size(), 1);
    const auto parts = range(3);
    EXPECT_EQ(zero.balance(null_key(), parts), 0);
    EXPECT_EQ(zero.balance(null_key(), parts), 1);
}

TEST_CASE(round_robin_counter_is_per_balancer) {
    RoundRobinBalancer a, b;
    const auto parts = range(4);
    EXPECT_EQ(a.balance(null_key(), parts), 0);
    EXPECT_EQ(a.balance(null_key(), parts), 1);
    EXPECT_EQ(b.balance(null_key(), parts), 0);
}

// --- LeastBytes ---------------------------------------------------------------

TEST_CASE(least_bytes_ties_go_to_lowest_id) {
    LeastBytesBalancer lb;
    const std::vector<std::int32_t> parts{2, 4, 7};
    // All zero: lowest id first, then each gets 10 bytes in turn.
    EXPECT_EQ(lb.balance(keyed("ab", 8), parts), 2);
    EXPECT_EQ(lb.balance(keyed("ab", 8), parts), 4);
    EXPECT_EQ(lb.balance(keyed("ab", 8), parts), 7);
    EXPECT_EQ(lb.balance(keyed("ab", 8), parts), 2);
    EXPECT_EQ(lb.bytes_for(2), 20u);
    EXPECT_EQ(lb.bytes_for(4), 10u);
}

TEST_CASE(least_bytes_picks_smallest_total_and_charges_key_plus_value) {
    LeastBytesBalancer lb;
    const auto parts = range(3);
    EXPECT_EQ(lb.balance(null_key(100), parts), 0);    // 0:100
    EXPECT_EQ(lb.balance(keyed("xyz", 7), parts), 1);  // 1:10
    EXPECT_EQ(lb.balance(null_key(5), parts), 2);      // 2:5
    EXPECT_EQ(lb.balance(null_key(1), parts), 2);      // 2:6 (5 < 10 < 100)
    EXPECT_EQ(lb.balance(null_key(0), parts), 2);      // 6 < 10: zero-size still lands there
    EXPECT_EQ(lb.bytes_for(0), 100u);
    EXPECT_EQ(lb.bytes_for(1), 10u);
    EXPECT_EQ(lb.bytes_for(2), 6u);
}

TEST_CASE(least_bytes_starts_over_when_partitions_change) {
    LeastBytesBalancer lb;
    EXPECT_EQ(lb.balance(null_key(50), range(2)), 0);
    EXPECT_EQ(lb.balance(null_key(50), range(2)), 1);
    // A third partition appears: all counters restart, as in kafka-go.
    EXPECT_EQ(lb.balance(null_key(1), range(3)), 0);
    EXPECT_EQ(lb.bytes_for(1), 0u);
    // Same count, different ids: still a fresh start, never a stale id.
    const std::vector<std::int32_t> other{5, 6, 7};
    EXPECT_EQ(lb.balance(null_key(1), other), 5);
}

// --- Hash / ReferenceHash -----------------------------------------------------

TEST_CASE(hash_kafka_go_vectors) {
    HashBalancer h;
    EXPECT_EQ(h.balance(keyed("blah"), range(2)), 0);
    EXPECT_EQ(h.balance(keyed("blah"), range(3)), 1);
    EXPECT_EQ(h.balance(keyed("boop"), range(3)), 2);
    // FNV-1a("20") has the top bit set: abs(int32(h) % 16) = 1, where an
    // unsigned modulo would give 15 (the ReferenceHash answer below).
    EXPECT_EQ(h.balance(keyed("20"), range(16)), 1);
}

TEST_CASE(hash_negative_hashes_by_hand) {
    HashBalancer h;
    // FNV-1a("a") = 0xe40c292c = int32 -468965076. -468965076 % 7 = -6
    // (truncated), abs -> 6; unsigned 3826002220 % 7 would be 5, masked 3.
    EXPECT_EQ(h.balance(keyed("a"), range(7)), 6);
    // int32 min: min % 50 = -48 -> 48, no overflow.
    EXPECT_EQ(h.balance(keyed("1468509572224"), range(50)), 48);
}

TEST_CASE(reference_hash_kafka_go_vectors) {
    ReferenceHashBalancer h;
    EXPECT_EQ(h.balance(keyed("blah"), range(2)), 0);
    EXPECT_EQ(h.balance(keyed("blah"), range(3)), 1);
    EXPECT_EQ(h.balance(keyed("castle"), range(3)), 2);
    EXPECT_EQ(h.balance(keyed("20"), range(16)), 15);
    // 0xe40c292c & 0x7fffffff = 1678518572; % 7 = 3.
    EXPECT_EQ(h.balance(keyed("a"), range(7)), 3);
    // int32 min masks to 0.
    EXPECT_EQ(h.balance(keyed("1468509572224"), range(50)), 0);
}

TEST_CASE(hash_null_key_round_robins_empty_key_hashes) {
    HashBalancer h;
    ReferenceHashBalancer r;
    const auto parts = range(5);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(h.balance(null_key(), parts), i % 5);
        EXPECT_EQ(r.balance(null_key(), parts), i % 5);
    }
    // An empty key is a key, hashed every time: FNV-1a("") = 0x811c9dc5 =
    // int32 -2128831035, masked 18652613.
    const MessageRef empty{std::span<const std::uint8_t>{}, 0, std::nullopt};
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(h.balance(empty, range(3)), 0);  // -2128831035 % 3 = 0
        EXPECT_EQ(h.balance(empty, range(4)), 3);  // % 4 = -3 -> 3
        EXPECT_EQ(r.balance(empty, range(3)), 2);  // 18652613 % 3 = 2
    }
}

// --- CRC32 --------------------------------------------------------------------

TEST_CASE(crc32_librdkafka_vectors) {
    // From librdkafka's unit test, as quoted by kafka-go: crc32 of each key,
    // modulo 50, indexing partition ids i*i.
    const auto parts = squares(50);
    for (const bool consistent : {false, true}) {
        Crc32Balancer b(consistent, 1);
        EXPECT_EQ(b.balance(keyed("23456"), parts), parts[0xb1b451d7u % 50]);
        EXPECT_EQ(b.balance(keyed("this is another string with more length to it perhaps"), parts),
                  parts[0xb0150df7u % 50]);
        EXPECT_EQ(b.balance(keyed("hejsan"), parts), parts[0xd077037eu % 50]);
    }
}

TEST_CASE(crc32_modulo_is_unsigned) {
    // Sarama: 2647669026 % 100 = 26 unsigned; a signed int32 would give 70.
    Crc32Balancer b(true);
    EXPECT_EQ(b.balance(keyed("SheetJS"), range(100)), 26);
}

TEST_CASE(crc32_consistent_sends_null_and_empty_keys_to_first_partition) {
    Crc32Balancer b(true);
    const std::vector<std::int32_t> parts{4, 8, 15, 16};
    const MessageRef empty{std::span<const std::uint8_t>{}, 0, std::nullopt};
    for (int i = 0; i < 20; ++i) {
        EXPECT_EQ(b.balance(null_key(), parts), 4);
        EXPECT_EQ(b.balance(empty, parts), 4);
    }
}

TEST_CASE(crc32_random_for_null_and_empty_keys) {
    Crc32Balancer b(false, 42);
    const auto parts = range(5);
    const MessageRef empty{std::span<const std::uint8_t>{}, 0, std::nullopt};
    std::set<std::int32_t> seen_null, seen_empty;
    for (int i = 0; i < 200; ++i) {
        seen_null.insert(b.balance(null_key(), parts));
        seen_empty.insert(b.balance(empty, parts));
    }
    EXPECT_EQ(seen_null.size(), 5u);
    EXPECT_EQ(seen_empty.size(), 5u);
}

// --- Murmur2 ------------------------------------------------------------------

TEST_CASE(murmur2_librdkafka_vectors) {
    const auto parts = squares(50);
    for (const bool consistent : {false, true}) {
        Murmur2Balancer b(consistent, 1);
        EXPECT_EQ(b.balance(keyed("23456"), parts), parts[0x058d780fu % 50]);
        EXPECT_EQ(b.balance(keyed("this is another string with more length to it perhaps"), parts),
                  parts[0x4f7703dau % 50]);
        EXPECT_EQ(b.balance(keyed("hejsan"), parts), parts[0x5ec19395u % 50]);
        // The empty key is hashed in both modes.
        const MessageRef empty{std::span<const std::uint8_t>{}, 0, std::nullopt};
        EXPECT_EQ(b.balance(empty, parts), parts[0x106e08d9u % 50]);
    }
}

TEST_CASE(murmur2_python_client_vectors) {
    // kafka-go's cross-check against kafka-python over 1000 partitions.
    Murmur2Balancer b(false, 1);
    const auto parts = range(1000);
    EXPECT_EQ(b.balance(keyed(""), parts), 681);
    EXPECT_EQ(b.balance(keyed("a"), parts), 524);
    EXPECT_EQ(b.balance(keyed("ab"), parts), 434);
    EXPECT_EQ(b.balance(keyed("abc"), parts), 107);
    EXPECT_EQ(b.balance(keyed("123456789"), parts), 566);
    EXPECT_EQ(b.balance(keyed(std::string_view("\0 ", 2)), parts), 742);
}

TEST_CASE(murmur2_sign_bit_masked_not_negated) {
    // Java's "21" hashes to -973932308: masked 1173551340 % 10 = 0. Negating
    // (abs) would give 973932308 % 10 = 8.
    Murmur2Balancer b(true);
    EXPECT_EQ(b.balance(keyed("21"), range(10)), 0);
}

TEST_CASE(murmur2_null_key_random_unless_consistent) {
    const auto parts = range(6);
    Murmur2Balancer consistent(true);
    for (int i = 0; i < 10; ++i) {
        // Hashed as the empty key: 0x106e08d9 % 6.
        EXPECT_EQ(consistent.balance(null_key(), parts),
                  static_cast<std::int32_t>(0x106e08d9u % 6));
    }
    Murmur2Balancer random(false, 7);
    std::set<std::int32_t> seen;
    for (int i = 0; i < 200; ++i) seen.insert(random.balance(null_key(), parts));
    EXPECT_EQ(seen.size(), 6u);
}

// --- Explicit partition, edge cases, factory ----------------------------------

TEST_CASE(explicit_partition_bypasses_balancer) {
    RoundRobinBalancer rr;
    const std::vector<std::int32_t> parts{0, 1, 2, 3};
    MessageRef m = keyed("k");
    m.partition = 2;
    for (int i = 0; i < 5; ++i) EXPECT_EQ(choose_partition(rr, m, parts), 2);
    // The balancer was not consulted: its counter is still at 0.
    EXPECT_EQ(rr.balance(null_key(), parts), 0);
    m.partition = 9;  // not in the topic
    EXPECT_EQ(choose_partition(rr, m, parts), kNoPartition);
    m.partition.reset();
    EXPECT_EQ(choose_partition(rr, m, parts), 1);
}

TEST_CASE(no_partitions_gives_no_partition) {
    for (const BalancerInfo& info : balancer_names()) {
        auto b = make_balancer(info.name);
        ASSERT_TRUE(b != nullptr);
        EXPECT_EQ(b->balance(keyed("k"), {}), kNoPartition);
        EXPECT_EQ(b->balance(null_key(), {}), kNoPartition);
    }
}

TEST_CASE(factory_names_round_trip) {
    const std::vector<std::string_view> expected{
        "round-robin", "least-bytes",      "hash",    "reference-hash",
        "crc32",       "crc32-consistent", "murmur2", "murmur2-consistent"};
    std::vector<std::string_view> names;
    for (const BalancerInfo& info : balancer_names()) {
        names.push_back(info.name);
        EXPECT_FALSE(info.hint.empty());
        auto b = make_balancer(info.name);
        ASSERT_TRUE(b != nullptr);
        EXPECT_EQ(b->name(), info.name);
    }
    EXPECT_EQ(names.size(), expected.size());
    EXPECT_TRUE(names == expected);
    EXPECT_TRUE(make_balancer("sticky") == nullptr);
    EXPECT_TRUE(make_balancer("") == nullptr);
}

TEST_CASE(factory_passes_chunk_size) {
    auto b = make_balancer("round-robin", BalancerOptions{2});
    ASSERT_TRUE(b != nullptr);
    const auto parts = range(3);
    std::vector<std::int32_t> got;
    for (int i = 0; i < 6; ++i) got.push_back(b->balance(null_key(), parts));
    EXPECT_EQ(got, (std::vector<std::int32_t>{0, 0, 1, 1, 2, 2}));
}

TEST_CASE(factory_consistent_variants_differ_on_null_keys) {
    auto c = make_balancer("crc32-consistent");
    auto m = make_balancer("murmur2-consistent");
    const auto parts = range(4);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(c->balance(null_key(), parts), 0);
        EXPECT_EQ(m->balance(null_key(), parts), static_cast<std::int32_t>(0x106e08d9u % 4));
    }
}
