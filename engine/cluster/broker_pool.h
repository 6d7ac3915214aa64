#pragma once
// Connections to the brokers of one cluster, opened on demand and reused.
// Keyed by node id once metadata names the brokers; bootstrap addresses are
// used until then. Two callers asking for the same broker at once share one
// dial. Engine thread only.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include "core/result.h"
#include "net/broker_address.h"
#include "net/connection.h"

namespace kafkascope::cluster {

class BrokerPool {
public:
    BrokerPool(asio::any_io_executor executor, std::vector<net::BrokerAddress> bootstrap,
               net::ConnectionOptions options);

    // An open connection to this address, dialling if needed.
    asio::awaitable<Result<std::shared_ptr<net::Connection>>> connect(net::BrokerAddress address);

    // Where a node id lives, learnt from metadata.
    void learn_broker(std::int32_t node_id, net::BrokerAddress address);
    const net::BrokerAddress* address_of(std::int32_t node_id) const;
    asio::awaitable<Result<std::shared_ptr<net::Connection>>> connect_node(std::int32_t node_id);

    // Addresses to try for cluster-wide requests: known brokers, then the
    // bootstrap list, without duplicates.
    std::vector<net::BrokerAddress> candidates() const;

    const net::ConnectionOptions& options() const { return options_; }

    void close_all();

    // host:port of an open connection that no broker advertises (usually a
    // bootstrap address), or "": when such an address works but an
    // advertised one does not, advertised.listeners is wrong.
    std::string unadvertised_reachable_address() const;

private:
    struct Slot {
        std::shared_ptr<net::Connection> connection;
        std::shared_ptr<asio::steady_timer> dialling;  // set while a dial is under way
    };

    asio::any_io_executor executor_;
    std::vector<net::BrokerAddress> bootstrap_;
    net::ConnectionOptions options_;
    std::map<std::string, Slot> slots_;  // by "host:port"
    std::map<std::int32_t, net::BrokerAddress> nodes_;
};

}  // namespace kafkascope::cluster
