#include "admin/timestamp_offsets.h"

#include "cluster/broker_pool.h"
#include "cluster/offset_lookup.h"
#include "net/connection.h"

namespace kafkascope::admin {

asio::awaitable<std::map<std::int32_t, Result<std::int64_t>>> offsets_for_timestamp(
    cluster::BrokerPool& pool, const ClusterMetadata& metadata, std::string topic,
    std::vector<std::int32_t> partitions, std::int64_t timestamp_ms) {
    std::map<std::int32_t, Result<std::int64_t>> out;
    const TopicInfo* info = metadata.find_topic(topic);
    std::map<std::int32_t, std::vector<std::int32_t>> by_leader;
    for (std::int32_t p : partitions) {
        const PartitionInfo* found = nullptr;
        if (info) {
            for (const PartitionInfo& pi : info->partitions) {
                if (pi.partition == p) found = &pi;
            }
        }
        if (!found || found->leader < 0) {
            out.insert_or_assign(p, Error(client_errc::no_broker_available,
                                          topic + "/" + std::to_string(p) + " has no leader"));
            continue;
        }
        by_leader[found->leader].push_back(p);
    }
    for (const auto& entry : by_leader) {  // not a structured binding: clang 14 cannot capture those
        const std::int32_t leader = entry.first;
        const auto& parts = entry.second;
        auto fail = [&](const Error& e) {
            for (std::int32_t p : parts) out.insert_or_assign(p, e);
        };
        auto conn = co_await pool.connect_node(leader);
        if (!conn) {
            fail(conn.error());
            continue;
        }
        auto answers = co_await cluster::list_offsets(**conn, topic, parts, timestamp_ms);
        if (!answers) {
            fail(answers.error());
            continue;
        }
        for (cluster::OffsetAnswer& a : *answers) {
            if (a.error) {
                out.insert_or_assign(a.partition, std::move(a.error));
            } else {
                out.insert_or_assign(a.partition, Result<std::int64_t>(a.offset));
            }
        }
    }
    co_return out;
}

}  // namespace kafkascope::admin
