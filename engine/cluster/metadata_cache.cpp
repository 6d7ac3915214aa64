#include "cluster/metadata_cache.h"

#include <algorithm>

namespace kafkascope::cluster {

void MetadataCache::store(const ClusterMetadata& metadata, Clock::time_point now) {
    last_ = metadata;
    stored_at_ = now;
}

std::optional<ClusterMetadata> MetadataCache::lookup(const std::vector<std::string>& topics,
                                                     Clock::time_point now) const {
    if (!last_ || now - stored_at_ > max_age_) return std::nullopt;
    if (topics.empty()) return last_;
    ClusterMetadata subset = *last_;
    subset.topics.clear();
    for (const std::string& name : topics) {
        const TopicInfo* topic = last_->find_topic(name);
        if (!topic) return std::nullopt;  // unknown here: maybe created since, ask the cluster
        subset.topics.push_back(*topic);
    }
    std::sort(subset.topics.begin(), subset.topics.end(),
              [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
    return subset;
}

}  // namespace kafkascope::cluster
