#include "admin/timestamp_offsets.h"

#include "admin/admin_errors.h"
#include "cluster/broker_pool.h"
#include "net/connection.h"
#include "protocol/messages/list_offsets.h"

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
    for (const auto& [leader, parts] : by_leader) {
        auto fail = [&](const Error& e) {
            for (std::int32_t p : parts) out.insert_or_assign(p, e);
        };
        auto conn = co_await pool.connect_node(leader);
        if (!conn) {
            fail(conn.error());
            continue;
        }
        protocol::ListOffsetsRequest request;
        protocol::ListOffsetsRequest::Topic t;
        t.name = topic;
        for (std::int32_t p : parts) {
            protocol::ListOffsetsRequest::Partition part;
            part.partition_index = p;
            part.timestamp = timestamp_ms;
            t.partitions.push_back(part);
        }
        request.topics.push_back(std::move(t));
        auto response = co_await (*conn)->send(request);
        if (!response) {
            fail(response.error());
            continue;
        }
        for (std::int32_t p : parts) {
            out.insert_or_assign(p, Error(client_errc::decode_failed, "ListOffsets answer from node " +
                                                                          std::to_string(leader) + " left out " +
                                                                          topic + "/" + std::to_string(p)));
        }
        for (const auto& rt : response->topics) {
            if (rt.name != topic) continue;
            for (const auto& rp : rt.partitions) {
                if (rp.error_code != 0) {
                    out.insert_or_assign(rp.partition_index,
                                         kafka_error(rp.error_code, "ListOffsets by time for " + topic + "/" +
                                                                        std::to_string(rp.partition_index)));
                } else {
                    out.insert_or_assign(rp.partition_index, Result<std::int64_t>(rp.resolved_offset()));
                }
            }
        }
    }
    co_return out;
}

}  // namespace kafkascope::admin
