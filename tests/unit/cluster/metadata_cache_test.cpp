// MetadataCache: fresh answers are served, stale or incomplete ones are not.

#include "cluster/metadata_cache.h"
#include "unit_test.h"

using namespace kafkascope;
using cluster::MetadataCache;
using namespace std::chrono_literals;

namespace {

ClusterMetadata two_topics() {
    ClusterMetadata md;
    md.brokers.push_back({1, "127.0.0.1", 9092, std::nullopt, true});
    md.topics.push_back({"audit", "", false, 0, {{0, 1, -1, {1}, {1}, {}, 0}}});
    md.topics.push_back({"orders", "", false, 0, {{0, 1, -1, {1}, {1}, {}, 0}, {1, 1, -1, {1}, {1}, {}, 0}}});
    return md;
}

}  // namespace

TEST_CASE(empty_cache_has_nothing) {
    MetadataCache cache(10s);
    EXPECT_FALSE(cache.lookup({}).has_value());
}

TEST_CASE(fresh_cache_serves_all_or_named_topics) {
    MetadataCache cache(10s);
    const auto t0 = MetadataCache::Clock::now();
    cache.store(two_topics(), t0);
    auto all = cache.lookup({}, t0 + 1s);
    ASSERT_TRUE(all.has_value());
    EXPECT_EQ(all->topics.size(), 2u);
    auto orders = cache.lookup({"orders"}, t0 + 1s);
    ASSERT_TRUE(orders.has_value());
    ASSERT_EQ(orders->topics.size(), 1u);
    EXPECT_EQ(orders->topics[0].partitions.size(), 2u);
    EXPECT_EQ(orders->brokers.size(), 1u);
}

TEST_CASE(unknown_topic_or_stale_cache_misses) {
    MetadataCache cache(10s);
    const auto t0 = MetadataCache::Clock::now();
    cache.store(two_topics(), t0);
    EXPECT_FALSE(cache.lookup({"orders", "new-topic"}, t0 + 1s).has_value());
    EXPECT_FALSE(cache.lookup({}, t0 + 11s).has_value());
    cache.invalidate();
    EXPECT_FALSE(cache.lookup({}, t0).has_value());
}
