// Partitioner parity with librdkafka: kcat produces keyed messages with a
// given `partitioner`, reads back which partition each key landed on, and our
// balancer must pick that same partition for every key.
//
//   parity-murmur2 (7 partitions)  kcat -X partitioner=murmur2     vs Murmur2Balancer
//   parity-crc32   (5 partitions)  kcat -X partitioner=consistent  vs Crc32Balancer
//
// kcat hands `partitioner` to librdkafka's topic configuration (the plain
// name works; no "topic." prefix needed). librdkafka's default,
// consistent_random, is crc32 too, so the murmur2 topic is also the check
// that the setting took effect: crc32 and murmur2 disagree on most keys.
//
// Keys vary in length (1..40 bytes) so murmur2's 0-3 byte tails all occur,
// avoid ':' (kcat's -K delimiter), tab and newline (our -f format). One empty
// key is added per topic: both "murmur2" and "consistent" hash it (no random
// fallback), so it too has one right answer.

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "producer/balancer.h"
#include "unit_test.h"

using namespace kafkascope::producer;

namespace {

constexpr int kKeyCount = 2000;

std::string bootstrap() {
    const char* path = std::getenv("KAFKASCOPE_PARTITIONER_BOOTSTRAP_FILE");
    if (path == nullptr) return {};
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// Distinct keys of varied length, from a fixed seed so failures reproduce.
std::vector<std::string> make_keys() {
    static constexpr std::string_view kAlphabet =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./#@!";
    std::mt19937 rng(20240611);
    std::set<std::string> seen;
    std::vector<std::string> keys;
    while (keys.size() < static_cast<std::size_t>(kKeyCount)) {
        const std::size_t len = 1 + rng() % 40;
        std::string key;
        for (std::size_t i = 0; i < len; ++i) key += kAlphabet[rng() % kAlphabet.size()];
        if (seen.insert(key).second) keys.push_back(key);
    }
    keys.emplace_back();  // the empty key
    return keys;
}

// Feeds "key:value" lines to kcat; true when kcat exits 0.
bool produce_with_kcat(const std::string& brokers, const std::string& topic,
                       const std::string& partitioner, const std::vector<std::string>& keys) {
    const std::string cmd =
        "kcat -b '" + brokers + "' -P -K: -t " + topic + " -X partitioner=" + partitioner;
    FILE* pipe = ::popen(cmd.c_str(), "w");
    if (pipe == nullptr) return false;
    int n = 0;
    for (const std::string& key : keys) std::fprintf(pipe, "%s:value-%d\n", key.c_str(), n++);
    return ::pclose(pipe) == 0;
}

// key -> partition as kcat reads it back. A key found on two partitions maps
// to -2 so the caller notices. Repeats on one partition are fine: a rerun
// against the same sandbox (ctest --repeat) produces the same keys again.
std::map<std::string, std::int32_t> consume_with_kcat(const std::string& brokers,
                                                      const std::string& topic) {
    const std::string cmd = "kcat -b '" + brokers + "' -C -e -q -t " + topic + " -f '%k\\t%p\\n'";
    std::map<std::string, std::int32_t> out;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr) return out;
    std::string line;
    std::array<char, 256> buf{};
    while (std::fgets(buf.data(), static_cast<int>(buf.size()), pipe) != nullptr) {
        line += buf.data();
        if (line.empty() || line.back() != '\n') continue;  // longer than buf
        line.pop_back();
        const auto tab = line.rfind('\t');
        if (tab != std::string::npos) {
            const std::string key = line.substr(0, tab);
            const auto partition = static_cast<std::int32_t>(std::stol(line.substr(tab + 1)));
            const auto [it, fresh] = out.emplace(key, partition);
            if (!fresh && it->second != partition) it->second = -2;
        }
        line.clear();
    }
    if (::pclose(pipe) != 0) out.clear();
    return out;
}

// Produces, reads back, and checks `balancer` against every placement.
void check_parity(const std::string& topic, const std::string& kcat_partitioner,
                  std::int32_t partition_count, Balancer& balancer) {
    const std::string brokers = bootstrap();
    ASSERT_TRUE(!brokers.empty());
    const std::vector<std::string> keys = make_keys();
    ASSERT_TRUE(produce_with_kcat(brokers, topic, kcat_partitioner, keys));

    const auto placed = consume_with_kcat(brokers, topic);
    ASSERT_EQ(placed.size(), keys.size());

    std::vector<std::int32_t> partitions;
    for (std::int32_t p = 0; p < partition_count; ++p) partitions.push_back(p);

    int mismatches = 0;
    std::set<std::int32_t> used;
    for (const std::string& key : keys) {
        const auto it = placed.find(key);
        ASSERT_TRUE(it != placed.end());
        used.insert(it->second);
        const auto* data = reinterpret_cast<const std::uint8_t*>(key.data());
        const MessageRef msg{std::span<const std::uint8_t>(data, key.size()), 0, std::nullopt};
        const std::int32_t ours = balancer.balance(msg, partitions);
        // Name the first few disagreements, count the rest.
        if (ours != it->second && ++mismatches <= 5) {
            kafkascope::test::report_failure(__FILE__, __LINE__,
                                             "key '" + key + "': ours " + std::to_string(ours) +
                                                 ", librdkafka " + std::to_string(it->second));
        }
    }
    EXPECT_EQ(mismatches, 0);
    EXPECT_EQ(used.size(), static_cast<std::size_t>(partition_count));
}

}  // namespace

TEST_CASE(murmur2_matches_librdkafka_murmur2) {
    // librdkafka "murmur2" is the consistent flavour; keyed messages go the
    // same way under both, so either balancer must agree.
    Murmur2Balancer consistent(true);
    check_parity("parity-murmur2", "murmur2", 7, consistent);
    Murmur2Balancer random_null(false);
    const std::vector<std::int32_t> parts{0, 1, 2, 3, 4, 5, 6};
    const std::string_view k = "parity";
    const std::span<const std::uint8_t> key(reinterpret_cast<const std::uint8_t*>(k.data()),
                                            k.size());
    EXPECT_EQ(random_null.balance(MessageRef{key, 0, std::nullopt}, parts),
              consistent.balance(MessageRef{key, 0, std::nullopt}, parts));
}

TEST_CASE(crc32_matches_librdkafka_consistent) {
    Crc32Balancer consistent(true);
    check_parity("parity-crc32", "consistent", 5, consistent);
}
