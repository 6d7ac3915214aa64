#include "cluster/group_coordinators.h"

#include "cluster/broker_pool.h"
#include "net/connection.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/find_coordinator.h"

namespace kafkascope::cluster {
namespace {

void record(BrokerPool& pool, CoordinatorMap& out, const std::string& group, std::int16_t error,
            std::int32_t node, const std::string& host, std::int32_t port) {
    if (error != 0) {
        out.failed[group] = protocol::kafka_error(error, "FindCoordinator for group " + group);
        return;
    }
    pool.learn_broker(node, net::BrokerAddress{host, static_cast<std::uint16_t>(port)});
    out.node_of[group] = node;
}

}  // namespace

asio::awaitable<CoordinatorMap> find_group_coordinators(BrokerPool& pool, std::vector<std::string> groups) {
    CoordinatorMap out;
    if (groups.empty()) co_return out;
    Error last(client_errc::no_broker_available, "FindCoordinator: no broker answered");
    for (const net::BrokerAddress& address : pool.candidates()) {
        auto conn = co_await pool.connect(address);
        if (!conn) {
            last = std::move(conn).error();
            continue;
        }
        auto version = (*conn)->version_for(protocol::kFindCoordinatorApi);
        if (!version) {
            last = std::move(version).error();
            continue;
        }
        protocol::FindCoordinatorRequest request;
        request.key_type = protocol::kCoordinatorGroup;
        if (*version >= 4) {
            request.coordinator_keys = groups;
            ++out.requests;
            auto response = co_await (*conn)->send_at(request, *version);
            if (!response) {
                last = std::move(response).error();
                continue;
            }
            for (const auto& c : response->coordinators) {
                record(pool, out, c.key, c.error_code, c.node_id, c.host, c.port);
            }
        } else {
            bool transport_failed = false;
            for (const std::string& group : groups) {
                if (out.node_of.count(group) || out.failed.count(group)) continue;
                request.key = group;
                ++out.requests;
                auto response = co_await (*conn)->send_at(request, *version);
                if (!response) {
                    last = std::move(response).error();
                    transport_failed = true;
                    break;
                }
                record(pool, out, group, response->error_code, response->node_id, response->host, response->port);
            }
            if (transport_failed) continue;  // the next broker answers for the rest
        }
        last = Error(client_errc::decode_failed,
                     "FindCoordinator answer from " + address.to_string() + " left the group out");
        break;
    }
    for (const std::string& group : groups) {
        if (!out.node_of.count(group) && !out.failed.count(group)) out.failed[group] = last;
    }
    co_return out;
}

}  // namespace kafkascope::cluster
