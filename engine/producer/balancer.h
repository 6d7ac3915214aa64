#pragma once
// Balancers: which partition a produced message goes to when it does not
// name one. Each matches a kafka-go balancer (balancer.go) and, through it,
// the client kafka-go copies, so the same key lands on the same partition
// whichever client wrote it:
//
//   round-robin         kafka-go RoundRobin{ChunkSize}
//   least-bytes         kafka-go LeastBytes
//   hash                kafka-go Hash = Sarama's default hash partitioner
//   reference-hash      kafka-go ReferenceHash = Sarama's reference partitioner
//   crc32               kafka-go CRC32Balancer = librdkafka consistent_random
//   crc32-consistent    ... {Consistent: true}  = librdkafka consistent
//   murmur2             kafka-go Murmur2Balancer = librdkafka murmur2_random
//                       (Java's default partitioner for keyed messages)
//   murmur2-consistent  ... {Consistent: true}  = librdkafka murmur2
//
// Every balancer is safe to call from several threads at once. Like in
// kafka-go, use one balancer per topic: stateful ones (round robin, least
// bytes) keep their state against one partition list.

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <span>
#include <string_view>
#include <vector>

namespace kafkascope::producer {

// Returned when no partition can be chosen: the list is empty, or an
// explicitly named partition is not in it.
inline constexpr std::int32_t kNoPartition = -1;

// What a balancer may look at. A null key (nullopt) and an empty key are
// different: Java and the murmur2 balancers hash the empty key but treat a
// null one as absent.
struct MessageRef {
    std::optional<std::span<const std::uint8_t>> key;
    std::size_t value_size = 0;             // only least-bytes uses it
    std::optional<std::int32_t> partition;  // set: bypasses the balancer
};

class Balancer {
public:
    virtual ~Balancer() = default;

    // `partitions` holds the topic's partition ids in ascending order, as
    // kafka-go passes them. Returns one of them, or kNoPartition when empty.
    virtual std::int32_t balance(const MessageRef& msg,
                                 std::span<const std::int32_t> partitions) = 0;

    // The factory name ("murmur2-consistent"...).
    virtual std::string_view name() const noexcept = 0;
};

// The message's own partition if it names one (kNoPartition if that one is
// not in `partitions`), else whatever the balancer picks. Users asked kafka-go
// for per-message partitions (#1143, #1277); this is where they win.
std::int32_t choose_partition(Balancer& balancer, const MessageRef& msg,
                              std::span<const std::int32_t> partitions);

// (counter / chunk_size) % n over a per-balancer counter. The counter is a
// wrapping uint32 as in kafka-go; chunk_size below 1 counts as 1.
class RoundRobinBalancer final : public Balancer {
public:
    explicit RoundRobinBalancer(int chunk_size = 1) noexcept;
    std::int32_t balance(const MessageRef& msg, std::span<const std::int32_t> partitions) override;
    std::string_view name() const noexcept override { return "round-robin"; }
    int chunk_size() const noexcept { return static_cast<int>(chunk_); }

private:
    std::uint32_t chunk_;
    std::atomic<std::uint32_t> counter_{0};
};

// The partition with the smallest running byte total (ties: lowest id).
// The pick is charged len(key) + value_size at once, as kafka-go does, so a
// burst spreads out before any write completes.
class LeastBytesBalancer final : public Balancer {
public:
    std::int32_t balance(const MessageRef& msg, std::span<const std::int32_t> partitions) override;
    std::string_view name() const noexcept override { return "least-bytes"; }

    // Bytes charged to `partition` so far (0 if unknown), for the UI.
    std::uint64_t bytes_for(std::int32_t partition) const;

private:
    struct Counter {
        std::int32_t partition;
        std::uint64_t bytes;
    };
    mutable std::mutex mutex_;
    std::vector<Counter> counters_;  // sorted by partition id
};

// Random choice, the fallback for null keys in crc32 / murmur2 (kafka-go:
// partitions[rand.Int() % n]). Seedable so tests are repeatable.
class RandomPicker {
public:
    RandomPicker();
    explicit RandomPicker(std::uint64_t seed) : rng_(seed) {}
    std::int32_t pick(std::span<const std::int32_t> partitions);

private:
    std::mutex mutex_;
    std::mt19937_64 rng_;
};

// FNV-1a 32, abs(int32(h) % n) (Go's truncated remainder, then negated if
// negative); null key: round robin. Sarama-compatible.
class HashBalancer final : public Balancer {
public:
    std::int32_t balance(const MessageRef& msg, std::span<const std::int32_t> partitions) override;
    std::string_view name() const noexcept override { return "hash"; }

private:
    RoundRobinBalancer rr_;
};

// FNV-1a 32, (int32(h) & 0x7fffffff) % n; null key: round robin.
class ReferenceHashBalancer final : public Balancer {
public:
    std::int32_t balance(const MessageRef& msg, std::span<const std::int32_t> partitions) override;
    std::string_view name() const noexcept override { return "reference-hash"; }

private:
    RoundRobinBalancer rr_;
};

// crc32_ieee(key) % n (unsigned). Null and empty keys alike (librdkafka does
// not tell them apart) go to a random partition, or, when consistent, are
// hashed too: crc32 of nothing is 0, so they all land on partitions[0].
class Crc32Balancer final : public Balancer {
public:
    explicit Crc32Balancer(bool consistent = false) : consistent_(consistent) {}
    Crc32Balancer(bool consistent, std::uint64_t seed) : consistent_(consistent), random_(seed) {}
    std::int32_t balance(const MessageRef& msg, std::span<const std::int32_t> partitions) override;
    std::string_view name() const noexcept override;

private:
    bool consistent_;
    RandomPicker random_;
};

// (murmur2(key) & 0x7fffffff) % n (unsigned). An empty key is always hashed;
// a null key goes to a random partition, or, when consistent, is hashed as
// the empty key.
class Murmur2Balancer final : public Balancer {
public:
    explicit Murmur2Balancer(bool consistent = false) : consistent_(consistent) {}
    Murmur2Balancer(bool consistent, std::uint64_t seed) : consistent_(consistent), random_(seed) {}
    std::int32_t balance(const MessageRef& msg, std::span<const std::int32_t> partitions) override;
    std::string_view name() const noexcept override;

private:
    bool consistent_;
    RandomPicker random_;
};

// --- Factory, for the UI and CLI -------------------------------------------

struct BalancerInfo {
    std::string_view name;
    std::string_view hint;  // one line, for a tooltip or --help
};

// Every name make_balancer() accepts, in display order.
std::span<const BalancerInfo> balancer_names() noexcept;

struct BalancerOptions {
    int chunk_size = 1;  // round-robin only
};

// nullptr for an unknown name.
std::unique_ptr<Balancer> make_balancer(std::string_view name, BalancerOptions options = {});

}  // namespace kafkascope::producer
