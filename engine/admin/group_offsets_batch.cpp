#include "admin/group_offsets_batch.h"

#include <algorithm>
#include <map>
#include <optional>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/this_coro.hpp>

#include "admin/admin_errors.h"
#include "cluster/broker_pool.h"
#include "consumer/group_send.h"
#include "core/wait_group.h"
#include "net/connection.h"
#include "protocol/messages/offset_fetch.h"

namespace kafkascope::admin {
namespace {

constexpr std::int16_t kMaxOffsetFetchVersion = 9;  // v10 names topics by id only (consumer/group_send.h)

using Topics = std::optional<std::vector<protocol::OffsetFetchRequest::Topic>>;

// Null: everything committed. Explicit lists come back with -1 for the
// partitions never committed, which `explicit_list` drops.
Topics request_topics(const std::vector<consumer::TopicPartitions>* every_partition) {
    if (!every_partition) return std::nullopt;
    std::vector<protocol::OffsetFetchRequest::Topic> out;
    for (const auto& tp : *every_partition) {
        protocol::OffsetFetchRequest::Topic t;
        t.name = tp.topic;
        t.partition_indexes = tp.partitions;
        out.push_back(std::move(t));
    }
    return out;
}

void fill_topics(GroupOffsets& out, const std::vector<protocol::OffsetFetchResponse::Topic>& topics,
                 bool explicit_list) {
    const std::string context = "OffsetFetch for group " + out.group_id;
    for (const auto& t : topics) {
        for (const auto& p : t.partitions) {
            if (explicit_list && p.committed_offset < 0 && p.error_code == 0) continue;
            consumer::CommittedOffset c{t.name, p.partition_index, p.committed_offset, p.metadata, {}};
            if (p.error_code != 0) {
                c.error = kafka_error(p.error_code, context + ", " + t.name + "/" + std::to_string(p.partition_index));
            }
            out.offsets.push_back(std::move(c));
        }
    }
    std::sort(out.offsets.begin(), out.offsets.end(), [](const auto& a, const auto& b) {
        return a.topic != b.topic ? a.topic < b.topic : a.partition < b.partition;
    });
}

void set_group_error(GroupOffsets& out, std::int16_t code) {
    out.error = kafka_error(code, "OffsetFetch for group " + out.group_id);
}

// Every group of `targets` in one request (v8+).
asio::awaitable<void> fetch_batched(net::Connection& conn, std::int16_t version, std::vector<GroupOffsets*> targets,
                                    Topics topics) {
    protocol::OffsetFetchRequest request;
    for (GroupOffsets* g : targets) {
        protocol::OffsetFetchRequest::Group entry;
        entry.group_id = g->group_id;
        entry.topics = topics;
        request.groups.push_back(std::move(entry));
    }
    auto response = co_await conn.send_at(request, version);
    if (!response) {
        for (GroupOffsets* g : targets) g->error = response.error();
        co_return;
    }
    for (GroupOffsets* g : targets) {
        auto it = std::find_if(response->groups.begin(), response->groups.end(),
                               [&](const auto& r) { return r.group_id == g->group_id; });
        if (it == response->groups.end()) {
            g->error = Error(client_errc::decode_failed, "OffsetFetch answer from " + conn.address().to_string() +
                                                              " left out group " + g->group_id);
        } else if (it->error_code != 0) {
            set_group_error(*g, it->error_code);
        } else {
            fill_topics(*g, it->topics, topics.has_value());
        }
    }
}

// One group per request (v2-v7).
asio::awaitable<void> fetch_single(net::Connection& conn, std::int16_t version, GroupOffsets* target,
                                   Topics topics) {
    if (version < 2 && !topics) {
        target->error = Error(client_errc::unsupported_version,
                              "broker " + conn.address().to_string() + " answers OffsetFetch only up to v" +
                                  std::to_string(version) + ", which cannot list every committed partition (v2+)");
        co_return;
    }
    protocol::OffsetFetchRequest request;
    request.group_id = target->group_id;
    request.topics = topics;
    auto response = co_await conn.send_at(request, version);
    if (!response) {
        target->error = response.error();
        co_return;
    }
    if (response->error_code != 0) {
        set_group_error(*target, response->error_code);
        co_return;
    }
    fill_topics(*target, response->topics, topics.has_value());
}

bool null_array_refused(const Error& e) {
    return e.code == make_error_code(client_errc::decode_failed) &&
           e.message.find("null array") != std::string::npos;
}

}  // namespace

asio::awaitable<GroupOffsetsBatch> fetch_groups_offsets(
    cluster::BrokerPool& pool, std::vector<std::string> groups, cluster::CoordinatorMap& coordinators,
    const std::vector<consumer::TopicPartitions>* every_partition) {
    GroupOffsetsBatch batch;
    batch.groups.resize(groups.size());
    std::vector<std::string> unknown;
    for (std::size_t i = 0; i < groups.size(); ++i) {
        batch.groups[i].group_id = groups[i];
        if (!coordinators.node_of.count(groups[i])) unknown.push_back(groups[i]);
    }
    if (!unknown.empty()) {
        auto found = co_await cluster::find_group_coordinators(pool, unknown);
        batch.find_coordinator_requests = found.requests;
        for (auto& [g, node] : found.node_of) {
            coordinators.node_of[g] = node;
            coordinators.failed.erase(g);
        }
        for (auto& [g, e] : found.failed) coordinators.failed[g] = e;
    }
    std::map<std::int32_t, std::vector<GroupOffsets*>> by_node;
    for (GroupOffsets& g : batch.groups) {
        if (auto it = coordinators.node_of.find(g.group_id); it != coordinators.node_of.end()) {
            by_node[it->second].push_back(&g);
        } else if (auto f = coordinators.failed.find(g.group_id); f != coordinators.failed.end()) {
            g.error = f->second;
        }
    }

    auto executor = co_await asio::this_coro::executor;
    WaitGroup wait(executor);
    auto spawn = [&](auto task) {
        wait.add();
        asio::co_spawn(
            executor,
            [&wait, task = std::move(task)]() -> asio::awaitable<void> {
                co_await task();
                wait.done();
            },
            asio::detached);
    };
    for (auto& [node, targets] : by_node) {
        spawn([&pool, &batch, &coordinators, every_partition, node = node,
               targets = targets]() -> asio::awaitable<void> {
            auto conn = co_await pool.connect_node(node);
            if (!conn) {
                for (GroupOffsets* g : targets) g->error = conn.error();
                co_return;
            }
            auto version = consumer::request_version(**conn, protocol::kOffsetFetchApi, kMaxOffsetFetchVersion);
            if (!version) {
                for (GroupOffsets* g : targets) g->error = version.error();
                co_return;
            }
            std::shared_ptr<net::Connection> held = *conn;
            for (int round = 0; round < 2; ++round) {
                const bool explicit_topics = every_partition && coordinators.no_null_topics.count(node);
                Topics topics = request_topics(explicit_topics ? every_partition : nullptr);
                for (GroupOffsets* g : targets) {
                    g->error = Error{};
                    g->offsets.clear();
                }
                if (*version >= 8) {
                    ++batch.offset_fetch_requests;
                    co_await fetch_batched(*held, *version, targets, topics);
                } else {
                    // Pipelined on the one connection, all in flight at once.
                    auto here = co_await asio::this_coro::executor;
                    WaitGroup each(here);
                    for (GroupOffsets* g : targets) {
                        ++batch.offset_fetch_requests;
                        each.add();
                        asio::co_spawn(
                            here,
                            [held, v = *version, g, &each, topics]() -> asio::awaitable<void> {
                                co_await fetch_single(*held, v, g, topics);
                                each.done();
                            },
                            asio::detached);
                    }
                    co_await each.wait();
                }
                const bool refused = std::any_of(targets.begin(), targets.end(),
                                                 [](const GroupOffsets* g) { return null_array_refused(g->error); });
                if (!refused || explicit_topics || !every_partition) break;
                coordinators.no_null_topics.insert(node);  // ask again with explicit topics
            }
            co_return;
        });
    }
    co_await wait.wait();

    // A coordinator that moved: forget it, the next call asks again.
    for (const GroupOffsets& g : batch.groups) {
        if (has_kafka_code(g.error, kNotCoordinator) || has_kafka_code(g.error, kCoordinatorNotAvailable) ||
            (g.error && g.error.code.category() != protocol::kafka_category())) {
            coordinators.node_of.erase(g.group_id);
        }
    }
    co_return batch;
}

}  // namespace kafkascope::admin
