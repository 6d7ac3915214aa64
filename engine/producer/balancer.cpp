#include "producer/balancer.h"

#include <algorithm>
#include <array>

#include "producer/balancer_hash.h"

namespace kafkascope::producer {

namespace {

// The partition count as the int32 Go computes with; lists longer than that
// cannot come from Kafka metadata.
std::int32_t count_of(std::span<const std::int32_t> partitions) noexcept {
    return static_cast<std::int32_t>(partitions.size());
}

}  // namespace

std::int32_t choose_partition(Balancer& balancer, const MessageRef& msg,
                              std::span<const std::int32_t> partitions) {
    if (msg.partition) {
        // A named partition the topic lacks is refused here, with a clear
        // cause, rather than by the broker as UNKNOWN_TOPIC_OR_PARTITION.
        return std::binary_search(partitions.begin(), partitions.end(), *msg.partition)
                   ? *msg.partition
                   : kNoPartition;
    }
    return balancer.balance(msg, partitions);
}

// --- RoundRobin ---------------------------------------------------------------

RoundRobinBalancer::RoundRobinBalancer(int chunk_size) noexcept
    : chunk_(chunk_size < 1 ? 1u : static_cast<std::uint32_t>(chunk_size)) {}

std::int32_t RoundRobinBalancer::balance(const MessageRef& /*msg*/,
                                         std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    // Post-increment of a wrapping uint32, as kafka-go's counter.
    const std::uint32_t now = counter_.fetch_add(1, std::memory_order_relaxed);
    // 32-bit arithmetic, and no division by a chunk of 1 (the default): this
    // runs once per message.
    const std::uint32_t slot = chunk_ == 1 ? now : now / chunk_;
    return partitions[slot % static_cast<std::uint32_t>(partitions.size())];
}

// --- LeastBytes ---------------------------------------------------------------

std::int32_t LeastBytesBalancer::balance(const MessageRef& msg,
                                         std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    const std::lock_guard lock(mutex_);

    // kafka-go starts over when the partition count changes. We also start
    // over when the ids change at the same count, so a pick is always one of
    // `partitions` (kafka-go would keep returning the old ids).
    const bool same =
        std::equal(counters_.begin(), counters_.end(), partitions.begin(), partitions.end(),
                   [](const Counter& c, std::int32_t p) { return c.partition == p; });
    if (!same) {
        counters_.clear();
        for (const std::int32_t p : partitions) counters_.push_back({p, 0});
        std::sort(counters_.begin(), counters_.end(),
                  [](const Counter& a, const Counter& b) { return a.partition < b.partition; });
    }

    // Strictly smaller wins, so the first (lowest id) of equal totals stays.
    auto best = counters_.begin();
    for (auto it = counters_.begin() + 1; it != counters_.end(); ++it) {
        if (it->bytes < best->bytes) best = it;
    }
    best->bytes += (msg.key ? msg.key->size() : 0) + msg.value_size;
    return best->partition;
}

std::uint64_t LeastBytesBalancer::bytes_for(std::int32_t partition) const {
    const std::lock_guard lock(mutex_);
    for (const Counter& c : counters_) {
        if (c.partition == partition) return c.bytes;
    }
    return 0;
}

// --- Random -------------------------------------------------------------------

RandomPicker::RandomPicker() : rng_(std::random_device{}()) {}

std::int32_t RandomPicker::pick(std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    const std::lock_guard lock(mutex_);
    return partitions[rng_() % partitions.size()];
}

// --- Hash / ReferenceHash -----------------------------------------------------
// kafka-go returns the computed index itself as the partition id; we return
// partitions[index]. The two agree whenever the list is 0..n-1, which is what
// Kafka metadata gives, and ours can never name a partition not in the list.

std::int32_t HashBalancer::balance(const MessageRef& msg,
                                   std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    if (!msg.key) return rr_.balance(msg, partitions);
    // Sarama's arithmetic: the hash as a signed int32, C/Go truncated
    // remainder (sign of the dividend), then the absolute value.
    const auto h = static_cast<std::int32_t>(fnv1a32(*msg.key));
    std::int32_t index = h % count_of(partitions);
    if (index < 0) index = -index;
    return partitions[static_cast<std::size_t>(index)];
}

std::int32_t ReferenceHashBalancer::balance(const MessageRef& msg,
                                            std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    if (!msg.key) return rr_.balance(msg, partitions);
    const auto h = static_cast<std::int32_t>(to_positive(fnv1a32(*msg.key)));
    return partitions[static_cast<std::size_t>(h % count_of(partitions))];
}

// --- CRC32 / Murmur2 ----------------------------------------------------------

std::int32_t Crc32Balancer::balance(const MessageRef& msg,
                                    std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    const std::span<const std::uint8_t> key = msg.key.value_or(std::span<const std::uint8_t>{});
    if (key.empty() && !consistent_) return random_.pick(partitions);
    return partitions[crc32_key(key) % static_cast<std::uint32_t>(partitions.size())];
}

std::string_view Crc32Balancer::name() const noexcept {
    return consistent_ ? "crc32-consistent" : "crc32";
}

std::int32_t Murmur2Balancer::balance(const MessageRef& msg,
                                      std::span<const std::int32_t> partitions) {
    if (partitions.empty()) return kNoPartition;
    if (!msg.key && !consistent_) return random_.pick(partitions);
    const std::span<const std::uint8_t> key = msg.key.value_or(std::span<const std::uint8_t>{});
    return partitions[to_positive(murmur2(key)) % static_cast<std::uint32_t>(partitions.size())];
}

std::string_view Murmur2Balancer::name() const noexcept {
    return consistent_ ? "murmur2-consistent" : "murmur2";
}

// --- Factory ------------------------------------------------------------------

namespace {

constexpr std::array kBalancers{
    BalancerInfo{"round-robin",
                 "Cycle through partitions, chunk-size messages each (kafka-go RoundRobin)"},
    BalancerInfo{"least-bytes",
                 "Fewest bytes written so far; ties to the lowest id (kafka-go LeastBytes)"},
    BalancerInfo{"hash", "FNV-1a of the key, abs(h % n); null key round-robin (Sarama default)"},
    BalancerInfo{"reference-hash", "FNV-1a of the key, (h & 0x7fffffff) % n (Sarama reference)"},
    BalancerInfo{"crc32", "CRC32 of the key; null/empty key random (librdkafka consistent_random)"},
    BalancerInfo{"crc32-consistent",
                 "CRC32 of the key; null/empty key to the first partition (librdkafka consistent)"},
    BalancerInfo{"murmur2",
                 "Murmur2 of the key as Java does; null key random (librdkafka murmur2_random)"},
    BalancerInfo{"murmur2-consistent",
                 "Murmur2 of the key; null key hashed as empty (librdkafka murmur2)"},
};

}  // namespace

std::span<const BalancerInfo> balancer_names() noexcept {
    return kBalancers;
}

std::unique_ptr<Balancer> make_balancer(std::string_view name, BalancerOptions options) {
    if (name == "round-robin") return std::make_unique<RoundRobinBalancer>(options.chunk_size);
    if (name == "least-bytes") return std::make_unique<LeastBytesBalancer>();
    if (name == "hash") return std::make_unique<HashBalancer>();
    if (name == "reference-hash") return std::make_unique<ReferenceHashBalancer>();
    if (name == "crc32") return std::make_unique<Crc32Balancer>(false);
    if (name == "crc32-consistent") return std::make_unique<Crc32Balancer>(true);
    if (name == "murmur2") return std::make_unique<Murmur2Balancer>(false);
    if (name == "murmur2-consistent") return std::make_unique<Murmur2Balancer>(true);
    return nullptr;
}

}  // namespace kafkascope::producer
