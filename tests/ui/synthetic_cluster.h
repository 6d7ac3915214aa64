#pragma once
// Synthetic ClusterMetadata for model tests: brokers 1..3 and any number of
// topics, without a network.

#include <QString>
#include <string>

#include "cluster/cluster_types.h"

namespace kafkascope::test {

inline TopicInfo makeTopic(const std::string& name, int partitions, int brokers = 3) {
    TopicInfo topic;
    topic.name = name;
    for (int p = 0; p < partitions; ++p) {
        PartitionInfo info;
        info.partition = p;
        info.leader = 1 + p % brokers;
        for (int b = 1; b <= brokers; ++b) info.replicas.push_back(b);
        info.isr = info.replicas;
        topic.partitions.push_back(info);
    }
    return topic;
}

inline ClusterMetadata makeCluster(int generatedTopics, int partitionsEach = 3) {
    ClusterMetadata metadata;
    metadata.cluster_id = "synthetic";
    metadata.controller_id = 2;
    for (int id = 1; id <= 3; ++id) {
        BrokerInfo broker;
        broker.node_id = id;
        broker.host = "broker" + std::to_string(id) + ".example";
        broker.port = 9092;
        broker.rack = id == 3 ? std::optional<std::string>() : std::optional<std::string>("rack-" + std::to_string(id));
        broker.is_controller = id == 2;
        metadata.brokers.push_back(broker);
    }
    // Sorted by name, as the engine delivers them.
    metadata.topics.push_back(makeTopic("ORDERS-archive", 2));
    metadata.topics.push_back(makeTopic("audit", 1));
    metadata.topics.push_back(makeTopic("orders", 6));
    metadata.topics.push_back(makeTopic("payments", 3));
    for (int i = 0; i < generatedTopics; ++i) {
        metadata.topics.push_back(makeTopic(QStringLiteral("t%1").arg(i, 5, 10, QLatin1Char('0')).toStdString(),
                                            partitionsEach));
    }
    return metadata;
}

}  // namespace kafkascope::test
