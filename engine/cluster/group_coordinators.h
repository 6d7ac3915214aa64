#pragma once
// Which broker coordinates each of several groups (the admin fan-out and
// the group reader both ask here). FindCoordinator v4+
// (KIP-699) answers a batch of keys in one request; older brokers get one
// request per group on the same connection. Every coordinator found is
// taught to the pool (node id -> address). Engine thread only.

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <asio/awaitable.hpp>

#include "core/error.h"

namespace kafkascope::cluster {

class BrokerPool;

struct CoordinatorMap {
    std::map<std::string, std::int32_t> node_of;  // group -> coordinator node id
    std::map<std::string, Error> failed;          // group -> why it has none
    int requests = 0;                             // FindCoordinator requests sent
    // Coordinators that answer a null OffsetFetch topic list ("everything
    // committed") with an unreadable null array (the librdkafka mock): they
    // are asked for explicit topic lists instead.
    std::set<std::int32_t> no_null_topics;
};

asio::awaitable<CoordinatorMap> find_group_coordinators(cluster::BrokerPool& pool, std::vector<std::string> groups);

}  // namespace kafkascope::cluster
