#include "admin/group_listing.h"

#include <algorithm>
#include <map>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/this_coro.hpp>

#include "admin/admin_errors.h"
#include "cluster/broker_pool.h"
#include "core/wait_group.h"
#include "protocol/messages/list_groups.h"

namespace kafkascope::admin {
namespace {

struct BrokerAnswer {
    std::vector<GroupListing> groups;
    Error error;
};

asio::awaitable<BrokerAnswer> ask_broker(cluster::BrokerPool& pool, const BrokerInfo& broker,
                                         const std::vector<std::string>& states) {
    BrokerAnswer out;
    auto conn = co_await pool.connect_node(broker.node_id);
    if (!conn) {
        out.error = std::move(conn).error();
        co_return out;
    }
    auto version = (*conn)->version_for(protocol::kListGroupsApi);
    if (!version) {
        out.error = std::move(version).error();
        co_return out;
    }
    if (!states.empty() && *version < 4) {
        out.error = Error(client_errc::unsupported_version,
                          "broker " + broker.address() + " answers ListGroups only up to v" +
                              std::to_string(*version) + ", which cannot filter by state (v4+)");
        co_return out;
    }
    protocol::ListGroupsRequest request;
    request.states_filter = states;
    auto response = co_await (*conn)->send_at(request, *version);
    if (!response) {
        out.error = std::move(response).error();
        co_return out;
    }
    if (response->error_code != 0) {
        out.error = kafka_error(response->error_code, "ListGroups on broker " + broker.address());
        co_return out;
    }
    for (const auto& g : response->groups) {
        out.groups.push_back({g.group_id, g.protocol_type, g.group_state, g.group_type, broker.node_id});
    }
    co_return out;
}

}  // namespace

asio::awaitable<GroupListingResult> list_groups(cluster::BrokerPool& pool, const ClusterMetadata& metadata,
                                                std::vector<std::string> states_filter) {
    GroupListingResult result;
    std::vector<BrokerAnswer> answers(metadata.brokers.size());
    for (const BrokerInfo& b : metadata.brokers) pool.learn_broker(b.node_id, {b.host, static_cast<std::uint16_t>(b.port)});
    auto executor = co_await asio::this_coro::executor;
    WaitGroup wait(executor);
    for (std::size_t i = 0; i < metadata.brokers.size(); ++i) {
        wait.add();
        asio::co_spawn(
            executor,
            [&, i]() -> asio::awaitable<void> {
                answers[i] = co_await ask_broker(pool, metadata.brokers[i], states_filter);
                wait.done();
            },
            asio::detached);
    }
    co_await wait.wait();
    result.brokers_asked = static_cast<int>(metadata.brokers.size());
    std::map<std::string, GroupListing> by_id;  // a group moving between coordinators may show twice
    for (std::size_t i = 0; i < answers.size(); ++i) {
        const BrokerInfo& b = metadata.brokers[i];
        if (answers[i].error) result.failures.push_back({b.node_id, b.address(), answers[i].error});
        for (GroupListing& g : answers[i].groups) by_id.emplace(g.group_id, std::move(g));
    }
    for (auto& [id, g] : by_id) result.groups.push_back(std::move(g));
    co_return result;
}

}  // namespace kafkascope::admin
