#include "admin/group_deletion.h"

#include <map>

#include "admin/admin_errors.h"
#include "cluster/group_coordinators.h"
#include "cluster/broker_pool.h"
#include "net/connection.h"
#include "protocol/messages/delete_groups.h"
#include "protocol/messages/offset_delete.h"

namespace kafkascope::admin {

asio::awaitable<std::vector<GroupDeletion>> delete_groups(cluster::BrokerPool& pool, std::vector<std::string> groups) {
    std::vector<GroupDeletion> out(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) out[i].group_id = groups[i];
    auto coordinators = co_await cluster::find_group_coordinators(pool, groups);
    std::map<std::int32_t, std::vector<std::size_t>> by_node;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (auto f = coordinators.failed.find(groups[i]); f != coordinators.failed.end()) {
            out[i].error = f->second;
        } else {
            by_node[coordinators.node_of.at(groups[i])].push_back(i);
        }
    }
    for (const auto& entry : by_node) {  // not a structured binding: clang 14 cannot capture those
        const std::int32_t node = entry.first;
        const auto& indexes = entry.second;
        auto fail_all = [&](const Error& e) {
            for (std::size_t i : indexes) out[i].error = e;
        };
        auto conn = co_await pool.connect_node(node);
        if (!conn) {
            fail_all(conn.error());
            continue;
        }
        protocol::DeleteGroupsRequest request;
        for (std::size_t i : indexes) request.groups_names.push_back(groups[i]);
        auto response = co_await (*conn)->send(request);
        if (!response) {
            fail_all(response.error());
            continue;
        }
        for (std::size_t i : indexes) {
            bool found = false;
            for (const auto& r : response->results) {
                if (r.group_id != groups[i]) continue;
                found = true;
                if (r.error_code != 0) out[i].error = kafka_error(r.error_code, "DeleteGroups for group " + groups[i]);
            }
            if (!found) {
                out[i].error = Error(client_errc::decode_failed, "DeleteGroups answer from " +
                                                                     (*conn)->address().to_string() +
                                                                     " left out group " + groups[i]);
            }
        }
    }
    co_return out;
}

asio::awaitable<Result<std::vector<OffsetDeletion>>> delete_offsets(
    cluster::BrokerPool& pool, std::string group, std::vector<consumer::TopicPartitions> partitions) {
    std::vector<std::string> one{group};
    auto coordinators = co_await cluster::find_group_coordinators(pool, one);
    if (auto f = coordinators.failed.find(group); f != coordinators.failed.end()) co_return f->second;
    auto conn = co_await pool.connect_node(coordinators.node_of.at(group));
    if (!conn) co_return std::move(conn).error();
    protocol::OffsetDeleteRequest request;
    request.group_id = group;
    std::vector<OffsetDeletion> out;
    for (const consumer::TopicPartitions& tp : partitions) {
        protocol::OffsetDeleteRequest::Topic t;
        t.name = tp.topic;
        for (std::int32_t p : tp.partitions) {
            protocol::OffsetDeleteRequest::Partition part;
            part.partition_index = p;
            t.partitions.push_back(part);
            out.push_back({tp.topic, p, {}});
        }
        request.topics.push_back(std::move(t));
    }
    auto response = co_await (*conn)->send(request);
    if (!response) co_return std::move(response).error();
    const std::string context = "OffsetDelete for group " + group;
    if (response->error_code != 0) co_return kafka_error(response->error_code, context);
    for (OffsetDeletion& d : out) {
        bool found = false;
        for (const auto& t : response->topics) {
            if (t.name != d.topic) continue;
            for (const auto& p : t.partitions) {
                if (p.partition_index != d.partition) continue;
                found = true;
                if (p.error_code != 0) {
                    d.error = kafka_error(p.error_code, context + ", " + d.topic + "/" + std::to_string(d.partition));
                }
            }
        }
        if (!found) {
            d.error = Error(client_errc::decode_failed, context + ": the answer left out " + d.topic + "/" +
                                                            std::to_string(d.partition));
        }
    }
    co_return out;
}

}  // namespace kafkascope::admin
