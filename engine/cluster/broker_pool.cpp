#include "cluster/broker_pool.h"

#include <algorithm>

#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "cluster/advertised_listener_check.h"

namespace kafkascope::cluster {

BrokerPool::BrokerPool(asio::any_io_executor executor, std::vector<net::BrokerAddress> bootstrap,
                       net::ConnectionOptions options)
    : executor_(std::move(executor)), bootstrap_(std::move(bootstrap)), options_(std::move(options)) {}

asio::awaitable<Result<std::shared_ptr<net::Connection>>> BrokerPool::connect(
    net::BrokerAddress address) {
    const std::string key = address.to_string();
    for (;;) {
        Slot& slot = slots_[key];
        if (slot.connection && slot.connection->is_open()) co_return slot.connection;
        if (!slot.dialling) break;
        // Someone else is dialling this broker: wait for them, then look again.
        auto waiting = slot.dialling;
        co_await waiting->async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }
    auto dialling = std::make_shared<asio::steady_timer>(executor_, asio::steady_timer::time_point::max());
    slots_[key].dialling = dialling;
    auto opened = co_await net::Connection::open(executor_, address, options_);
    Slot& slot = slots_[key];  // re-find: the map may have grown meanwhile
    slot.dialling.reset();
    dialling->cancel();
    if (!opened) co_return std::move(opened).error();
    slot.connection = opened.value();
    co_return std::move(opened).value();
}

void BrokerPool::learn_broker(std::int32_t node_id, net::BrokerAddress address) {
    nodes_[node_id] = std::move(address);
}

const net::BrokerAddress* BrokerPool::address_of(std::int32_t node_id) const {
    auto it = nodes_.find(node_id);
    return it == nodes_.end() ? nullptr : &it->second;
}

asio::awaitable<Result<std::shared_ptr<net::Connection>>> BrokerPool::connect_node(std::int32_t node_id) {
    const net::BrokerAddress* address = address_of(node_id);
    if (!address) {
        co_return Error(client_errc::no_broker_available,
                        "broker " + std::to_string(node_id) + " is not in the cluster metadata");
    }
    const net::BrokerAddress advertised = *address;  // nodes_ may change while we dial
    auto result = co_await connect(advertised);
    if (!result) {
        std::string message = "node " + std::to_string(node_id) + ": " + result.error().message;
        if (auto hint = explain_unreachable_advertised(node_id, advertised.to_string(),
                                                       unadvertised_reachable_address(), result.error())) {
            message += "; " + *hint;
        }
        co_return Error(result.error().code, std::move(message));
    }
    co_return result;
}

std::vector<net::BrokerAddress> BrokerPool::candidates() const {
    std::vector<net::BrokerAddress> out;
    auto add = [&](const net::BrokerAddress& a) {
        if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
    };
    // Brokers with an open connection first: cheapest to ask.
    for (const auto& [id, address] : nodes_) {
        auto it = slots_.find(address.to_string());
        if (it != slots_.end() && it->second.connection && it->second.connection->is_open()) add(address);
    }
    for (const auto& [id, address] : nodes_) add(address);
    for (const auto& address : bootstrap_) add(address);
    return out;
}

std::string BrokerPool::unadvertised_reachable_address() const {
    for (const auto& entry : slots_) {  // not a structured binding: clang 14 cannot capture those
        const std::string& key = entry.first;
        const auto& slot = entry.second;
        if (!slot.connection || !slot.connection->is_open()) continue;
        const bool advertised = std::any_of(nodes_.begin(), nodes_.end(),
                                            [&](const auto& node) { return node.second.to_string() == key; });
        if (!advertised) return key;
    }
    return {};
}

void BrokerPool::close_all() {
    for (auto& [key, slot] : slots_) {
        if (slot.connection) slot.connection->close();
    }
    slots_.clear();
}

}  // namespace kafkascope::cluster
