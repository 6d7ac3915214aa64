#include "cluster/metadata_client.h"

#include <algorithm>

namespace kafkascope::cluster {

protocol::MetadataRequest make_metadata_request(const TopicSelection& selection,
                                                std::int16_t version) {
    protocol::MetadataRequest request;
    request.allow_auto_topic_creation = false;  // an inspector must not create topics by looking
    // Before v4 a broker with auto.create.topics.enable creates every topic a
    // Metadata request names, so there we ask for all and filter ourselves.
    const bool may_name_topics = version >= 4;
    if (!may_name_topics && !selection.brokers_only) {
        if (version == 0) request.topics.emplace();  // v0: empty list = all topics
        return request;
    }
    if (!selection.names.empty() || selection.brokers_only || version == 0) {
        request.topics.emplace();
        for (const auto& name : selection.names) {
            protocol::MetadataRequest::Topic t;
            t.name = name;
            request.topics->push_back(std::move(t));
        }
    }
    return request;
}

ClusterMetadata to_cluster_metadata(const protocol::MetadataResponse& response,
                                    std::int16_t version, std::string answered_by) {
    ClusterMetadata out;
    out.cluster_id = response.cluster_id;
    out.controller_id = response.controller_id;
    out.metadata_version = version;
    out.answered_by = std::move(answered_by);
    for (const auto& b : response.brokers) {
        out.brokers.push_back(BrokerInfo{b.node_id, b.host, b.port, b.rack,
                                         b.node_id == response.controller_id});
    }
    std::sort(out.brokers.begin(), out.brokers.end(),
              [](const BrokerInfo& a, const BrokerInfo& b) { return a.node_id < b.node_id; });
    out.topics.reserve(response.topics.size());
    for (const auto& t : response.topics) {
        TopicInfo topic;
        topic.name = t.name.value_or(std::string{});
        if (!t.topic_id.is_zero()) topic.topic_id = t.topic_id.to_string();
        topic.is_internal = t.is_internal;
        topic.error_code = t.error_code;
        topic.partitions.reserve(t.partitions.size());
        for (const auto& p : t.partitions) {
            topic.partitions.push_back(PartitionInfo{p.partition_index, p.leader_id, p.leader_epoch,
                                                     p.replica_nodes, p.isr_nodes, p.offline_replicas,
                                                     p.error_code});
        }
        std::sort(topic.partitions.begin(), topic.partitions.end(),
                  [](const PartitionInfo& a, const PartitionInfo& b) { return a.partition < b.partition; });
        out.topics.push_back(std::move(topic));
    }
    std::sort(out.topics.begin(), out.topics.end(),
              [](const TopicInfo& a, const TopicInfo& b) { return a.name < b.name; });
    return out;
}

namespace {

void keep_only(ClusterMetadata& metadata, const std::vector<std::string>& names) {
    std::erase_if(metadata.topics, [&](const TopicInfo& t) {
        return std::find(names.begin(), names.end(), t.name) == names.end();
    });
}

}  // namespace

asio::awaitable<Result<ClusterMetadata>> fetch_metadata(BrokerPool& pool, TopicSelection selection) {
    std::string failures;
    auto note = [&](const Error& e) { failures += (failures.empty() ? "" : "; ") + e.message; };
    for (const net::BrokerAddress& address : pool.candidates()) {
        auto connection = co_await pool.connect(address);
        if (!connection) {
            note(connection.error());
            continue;
        }
        auto version = (*connection)->version_for(protocol::kMetadataApi);
        if (!version) {
            note(version.error());
            continue;
        }
        auto response = co_await (*connection)->send(make_metadata_request(selection, *version));
        if (!response) {
            note(response.error());
            continue;
        }
        ClusterMetadata metadata = to_cluster_metadata(*response, *version, address.to_string());
        if (!selection.names.empty()) keep_only(metadata, selection.names);
        for (const auto& b : metadata.brokers) {
            pool.learn_broker(b.node_id, net::BrokerAddress{b.host, static_cast<std::uint16_t>(b.port)});
        }
        co_return metadata;
    }
    co_return Error(client_errc::no_broker_available, "no broker answered Metadata: " + failures);
}

}  // namespace kafkascope::cluster
