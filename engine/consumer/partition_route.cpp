#include "consumer/partition_route.h"

#include <chrono>
#include <optional>
#include <vector>

#include "cluster/metadata_client.h"
#include "cluster/offset_lookup.h"
#include "cluster/offsets_client.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/list_offsets.h"

namespace kafkascope::consumer {

namespace {

std::string name_of(const std::string& topic, std::int32_t partition) {
    return topic + "/" + std::to_string(partition);
}

asio::awaitable<Result<ClusterMetadata>> topic_metadata(cluster::BrokerPool& pool, const std::string& topic) {
    // Named, not braced, inside co_await: GCC 12 double-destroys braced temporaries.
    cluster::TopicSelection selection{{topic}, false};
    co_return co_await cluster::fetch_metadata(pool, std::move(selection));
}

// The partition's entry, or an error naming what is missing.
Result<const PartitionInfo*> find_partition(const ClusterMetadata& md, const std::string& topic,
                                            std::int32_t partition) {
    const TopicInfo* t = md.find_topic(topic);
    if (!t || t->error_code == 3) {
        return Error(client_errc::unknown_topic, "topic '" + topic + "' does not exist");
    }
    for (const PartitionInfo& p : t->partitions) {
        if (p.partition == partition) return &p;
    }
    return Error(protocol::make_kafka_error_code(3),
                 "UNKNOWN_TOPIC_OR_PARTITION: " + name_of(topic, partition) + " does not exist");
}

}  // namespace

asio::awaitable<Result<PartitionLeader>> find_leader(cluster::BrokerPool& pool, std::string topic,
                                                     std::int32_t partition) {
    auto md = co_await topic_metadata(pool, topic);
    if (!md) co_return std::move(md).error();
    auto p = find_partition(*md, topic, partition);
    if (!p) co_return std::move(p).error();
    if ((*p)->leader < 0) {
        co_return Error(protocol::make_kafka_error_code(5),
                        "LEADER_NOT_AVAILABLE: " + name_of(topic, partition) + " has no leader");
    }
    auto conn = co_await pool.connect_node((*p)->leader);
    if (!conn) co_return std::move(conn).error();
    co_return PartitionLeader{std::move(conn).value(), md->find_topic(topic)->topic_id};
}

asio::awaitable<Result<OffsetBounds>> read_bounds(cluster::BrokerPool& pool, std::string topic,
                                                  std::int32_t partition) {
    auto md = co_await topic_metadata(pool, topic);
    if (!md) co_return std::move(md).error();
    auto p = find_partition(*md, topic, partition);
    if (!p) co_return std::move(p).error();
    std::vector<std::string> topics{topic};
    auto all = co_await cluster::fetch_partition_offsets(pool, *md, topics);
    for (const PartitionOffsets& o : all) {
        if (o.partition != partition) continue;
        if (o.error) co_return o.error;
        co_return OffsetBounds{o.first, o.last};
    }
    co_return Error(client_errc::no_broker_available, "no offsets for " + name_of(topic, partition));
}

asio::awaitable<Result<OffsetAtTime>> read_offset_at(cluster::BrokerPool& pool, std::string topic,
                                                     std::int32_t partition, std::int64_t timestamp_ms) {
    if (timestamp_ms < 0) {
        co_return Error(client_errc::invalid_argument,
                        "offset at a time needs a timestamp >= 0 (ms since the epoch), got " +
                            std::to_string(timestamp_ms));
    }
    auto leader = co_await find_leader(pool, topic, partition);
    if (!leader) co_return std::move(leader).error();
    auto& connection = *leader->connection;
    auto version = connection.version_for(protocol::kListOffsetsApi);
    if (!version) co_return std::move(version).error();
    if (*version < 1) {
        co_return Error(client_errc::unsupported_version,
                        "broker " + connection.address().to_string() +
                            " offers only ListOffsets v0, which cannot look offsets up by time");
    }
    const std::vector<std::int32_t> one{partition};
    auto answers = co_await cluster::list_offsets(connection, topic, one, timestamp_ms);
    if (!answers) co_return std::move(answers).error();
    cluster::OffsetAnswer& a = answers->front();
    if (a.error) co_return std::move(a.error);
    co_return OffsetAtTime{a.offset, a.timestamp};
}

}  // namespace kafkascope::consumer
