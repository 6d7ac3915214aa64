#include "admin/group_description.h"

#include <map>

#include "admin/admin_errors.h"
#include "cluster/group_coordinators.h"
#include "cluster/broker_pool.h"
#include "net/connection.h"

// GCC 12 inlines asio's awaitable frame allocation into long coroutines and
// reports a false -Wmismatched-new-delete (see consumer/group_membership.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace kafkascope::admin {

GroupDescription to_description(const protocol::DescribeGroupsResponse::Group& g) {
    GroupDescription d;
    d.group_id = g.group_id;
    d.state = g.group_state;
    d.protocol_type = g.protocol_type;
    d.protocol = g.protocol_data;
    if (g.error_code != 0) {
        std::string context = "DescribeGroups for group " + g.group_id;
        if (g.error_message) context += " (" + *g.error_message + ")";
        d.error = kafka_error(g.error_code, context);
    }
    for (const auto& m : g.members) {
        GroupMemberDescription member;
        member.member_id = m.member_id;
        member.group_instance_id = m.group_instance_id;
        member.client_id = m.client_id;
        member.client_host = m.client_host;
        if (g.protocol_type == "consumer") {
            if (!m.member_metadata.empty()) {
                auto sub = consumer::decode_subscription(m.member_metadata);
                if (sub) {
                    member.subscription = sub->topics;
                } else {
                    member.decode_error = "subscription: " + sub.error().message;
                }
            }
            auto assignment = consumer::decode_assignment(m.member_assignment);
            if (assignment) {
                member.assignment = assignment->partitions;
            } else {
                if (!member.decode_error.empty()) member.decode_error += "; ";
                member.decode_error += "assignment: " + assignment.error().message;
            }
        }
        d.members.push_back(std::move(member));
    }
    return d;
}

bool has_active_members(const GroupDescription& g) {
    if (!g.members.empty()) return true;
    return g.state != "Empty" && g.state != "Dead" && !g.state.empty();
}

asio::awaitable<std::vector<GroupDescription>> describe_groups(cluster::BrokerPool& pool,
                                                               std::vector<std::string> groups) {
    cluster::CoordinatorMap fresh;
    co_return co_await describe_groups(pool, std::move(groups), fresh, nullptr);
}

asio::awaitable<std::vector<GroupDescription>> describe_groups(cluster::BrokerPool& pool,
                                                               std::vector<std::string> groups,
                                                               cluster::CoordinatorMap& coordinators, int* requests) {
    std::vector<GroupDescription> out(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) out[i].group_id = groups[i];
    std::vector<std::string> unknown;
    for (const std::string& g : groups) {
        if (!coordinators.node_of.count(g)) unknown.push_back(g);
    }
    if (!unknown.empty()) {
        auto found = co_await cluster::find_group_coordinators(pool, unknown);
        if (requests) *requests += found.requests;
        for (auto& [g, node] : found.node_of) {
            coordinators.node_of[g] = node;
            coordinators.failed.erase(g);
        }
        for (auto& [g, e] : found.failed) coordinators.failed[g] = e;
    }
    std::map<std::int32_t, std::vector<std::size_t>> by_node;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (auto n = coordinators.node_of.find(groups[i]); n != coordinators.node_of.end()) {
            by_node[n->second].push_back(i);
        } else if (auto f = coordinators.failed.find(groups[i]); f != coordinators.failed.end()) {
            out[i].error = f->second;
        }
    }
    // Coordinators one after another: a describe is a human-scale request.
    for (const auto& entry : by_node) {  // not a structured binding: clang 14 cannot capture those
        const std::int32_t node = entry.first;
        const auto& indexes = entry.second;
        auto fail_all = [&](const Error& e) {
            for (std::size_t i : indexes) {
                out[i].error = e;
                out[i].coordinator = node;
            }
        };
        auto conn = co_await pool.connect_node(node);
        if (!conn) {
            fail_all(conn.error());
            continue;
        }
        auto version = (*conn)->version_for(protocol::kDescribeGroupsApi);
        if (!version) {
            fail_all(version.error());
            continue;
        }
        protocol::DescribeGroupsRequest request;
        for (std::size_t i : indexes) request.groups.push_back(groups[i]);
        if (requests) ++*requests;
        auto response = co_await (*conn)->send_at(request, *version);
        if (!response) {
            fail_all(response.error());
            for (std::size_t i : indexes) coordinators.node_of.erase(groups[i]);
            continue;
        }
        const std::string address = (*conn)->address().to_string();
        for (std::size_t i : indexes) {
            bool found = false;
            for (const auto& g : response->groups) {
                if (g.group_id != groups[i]) continue;
                out[i] = to_description(g);
                if (g.error_code == kNotCoordinator || g.error_code == kCoordinatorNotAvailable) {
                    coordinators.node_of.erase(groups[i]);
                }
                found = true;
                break;
            }
            if (!found) {
                out[i].error = Error(client_errc::decode_failed,
                                     "DescribeGroups answer from " + address + " left out group " + groups[i]);
            }
            out[i].coordinator = node;
            out[i].coordinator_address = address;
        }
    }
    co_return out;
}

}  // namespace kafkascope::admin
