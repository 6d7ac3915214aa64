#include "cluster/cluster_types.h"

#include <algorithm>

namespace kafkascope {

const TopicInfo* ClusterMetadata::find_topic(const std::string& name) const {
    auto it = std::lower_bound(topics.begin(), topics.end(), name,
                               [](const TopicInfo& t, const std::string& n) { return t.name < n; });
    return it != topics.end() && it->name == name ? &*it : nullptr;
}

const BrokerInfo* ClusterMetadata::find_broker(std::int32_t node_id) const {
    auto it = std::find_if(brokers.begin(), brokers.end(),
                           [&](const BrokerInfo& b) { return b.node_id == node_id; });
    return it == brokers.end() ? nullptr : &*it;
}

}  // namespace kafkascope
