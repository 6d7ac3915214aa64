#pragma once
// The last full metadata answer, so that requests right after a refresh (the
// GUI asks for offsets of every topic after every metadata refresh) route by
// it instead of asking the cluster again. Entries expire after max_age;
// callers that get errors from a cached route refresh and retry (leaders
// move). Engine thread only.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "cluster/cluster_types.h"

namespace kafkascope::cluster {

class MetadataCache {
public:
    using Clock = std::chrono::steady_clock;

    explicit MetadataCache(std::chrono::milliseconds max_age) : max_age_(max_age) {}

    void store(const ClusterMetadata& metadata, Clock::time_point now = Clock::now());
    void invalidate() { last_.reset(); }

    // Metadata holding every named topic (all topics when `topics` is empty),
    // if the cache is fresh and knows them all.
    std::optional<ClusterMetadata> lookup(const std::vector<std::string>& topics,
                                          Clock::time_point now = Clock::now()) const;

private:
    std::chrono::milliseconds max_age_;
    std::optional<ClusterMetadata> last_;
    Clock::time_point stored_at_{};
};

}  // namespace kafkascope::cluster
