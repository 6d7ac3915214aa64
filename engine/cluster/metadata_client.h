#pragma once
// Fetches cluster metadata from whichever broker answers first, trying the
// known brokers and then the bootstrap list, and teaches the broker pool
// where every node lives.

#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "cluster/broker_pool.h"
#include "cluster/cluster_types.h"
#include "core/result.h"
#include "protocol/messages/metadata.h"

namespace kafkascope::cluster {

// Which topics a metadata request asks about.
struct TopicSelection {
    std::vector<std::string> names;  // empty: every topic, unless brokers_only
    bool brokers_only = false;       // no topics at all (v0 cannot say so and gets all)
};

// Never auto-creates a topic where the broker lets us say so (v4+).
asio::awaitable<Result<ClusterMetadata>> fetch_metadata(BrokerPool& pool, TopicSelection selection);

// Wire response -> sorted snapshot.
ClusterMetadata to_cluster_metadata(const protocol::MetadataResponse& response,
                                    std::int16_t version, std::string answered_by);

// The request for a version: v0 has no null topic list, so "all" is empty.
protocol::MetadataRequest make_metadata_request(const TopicSelection& selection,
                                                std::int16_t version);

}  // namespace kafkascope::cluster
