#include "cluster/offsets_client.h"

#include <algorithm>
#include <map>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/this_coro.hpp>

#include "core/wait_group.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/list_offsets.h"

namespace kafkascope::cluster {
namespace {

using Targets = std::vector<PartitionOffsets*>;

protocol::ListOffsetsRequest make_request(const Targets& targets, std::int64_t timestamp) {
    protocol::ListOffsetsRequest request;
    for (const PartitionOffsets* p : targets) {
        if (request.topics.empty() || request.topics.back().name != p->topic) {
            request.topics.push_back({});
            request.topics.back().name = p->topic;
        }
        protocol::ListOffsetsRequest::Partition part;
        part.partition_index = p->partition;
        part.timestamp = timestamp;
        request.topics.back().partitions.push_back(part);
    }
    return request;
}

const PartitionInfo* find_partition(const TopicInfo& topic, std::int32_t partition) {
    for (const PartitionInfo& p : topic.partitions) {
        if (p.partition == partition) return &p;
    }
    return nullptr;
}

void fail_all(const Targets& targets, const Error& error) {
    for (PartitionOffsets* p : targets) {
        if (!p->error) p->error = error;
    }
}

// Writes first (earliest) or last (latest) into each target from one leader.
asio::awaitable<void> query_leader(BrokerPool& pool, std::int32_t leader, Targets targets) {
    auto connection = co_await pool.connect_node(leader);
    if (!connection) {
        fail_all(targets, connection.error());
        co_return;
    }
    for (const std::int64_t timestamp : {protocol::kEarliestTimestamp, protocol::kLatestTimestamp}) {
        auto response = co_await (*connection)->send(make_request(targets, timestamp));
        if (!response) {
            fail_all(targets, response.error());
            co_return;
        }
        std::map<std::pair<std::string, std::int32_t>, PartitionOffsets*> by_key;
        for (PartitionOffsets* p : targets) by_key[{p->topic, p->partition}] = p;
        for (const auto& topic : response->topics) {
            for (const auto& part : topic.partitions) {
                auto it = by_key.find({topic.name, part.partition_index});
                if (it == by_key.end()) continue;
                PartitionOffsets& out = *it->second;
                if (part.error_code != 0) {
                    out.error = Error(protocol::make_kafka_error_code(part.error_code),
                                      "ListOffsets for " + topic.name + "/" +
                                          std::to_string(part.partition_index) + " on node " +
                                          std::to_string(leader) + ": " +
                                          std::string(protocol::kafka_error_name(part.error_code)));
                    continue;
                }
                (timestamp == protocol::kEarliestTimestamp ? out.first : out.last) =
                    part.resolved_offset();
            }
        }
    }
    // A partition the broker left out of its answer must not look like an
    // empty one.
    for (PartitionOffsets* p : targets) {
        if (!p->error && (p->first < 0 || p->last < 0)) {
            p->error = Error(client_errc::decode_failed,
                             "node " + std::to_string(leader) + " did not report offsets for " +
                                 p->topic + "/" + std::to_string(p->partition));
        }
    }
}

}  // namespace

asio::awaitable<std::vector<PartitionOffsets>> fetch_partition_offsets(
    BrokerPool& pool, const ClusterMetadata& metadata, const std::vector<std::string>& topics) {
    std::vector<PartitionOffsets> out;
    auto wanted = [&](const std::string& name) {
        return topics.empty() || std::find(topics.begin(), topics.end(), name) != topics.end();
    };
    for (const TopicInfo& t : metadata.topics) {
        if (!wanted(t.name)) continue;
        for (const PartitionInfo& p : t.partitions) out.push_back(PartitionOffsets{t.name, p.partition, -1, -1, {}});
    }
    for (const std::string& name : topics) {
        if (!metadata.find_topic(name)) {
            PartitionOffsets missing{name, -1, -1, -1, {}};
            missing.error = Error(client_errc::unknown_topic, "topic '" + name + "' does not exist");
            out.push_back(std::move(missing));
        }
    }

    // Group by leader; `out` is not resized from here on, so pointers hold.
    std::map<std::int32_t, Targets> by_leader;
    for (PartitionOffsets& p : out) {
        if (p.error) continue;
        const PartitionInfo* info = find_partition(*metadata.find_topic(p.topic), p.partition);
        if (!info || info->leader < 0) {
            p.error = Error(client_errc::no_broker_available,
                            p.topic + "/" + std::to_string(p.partition) + " has no leader");
            continue;
        }
        by_leader[info->leader].push_back(&p);
    }

    auto executor = co_await asio::this_coro::executor;
    WaitGroup group(executor);
    for (auto& [leader, targets] : by_leader) {
        group.add();
        asio::co_spawn(
            executor,
            [&pool, &group, leader = leader, targets = targets]() -> asio::awaitable<void> {
                co_await query_leader(pool, leader, targets);
                group.done();
            },
            asio::detached);
    }
    co_await group.wait();
    co_return out;
}

}  // namespace kafkascope::cluster
