#include "consumer/group_offsets.h"

#include <algorithm>

#include <asio/steady_timer.hpp>
#include <asio/this_coro.hpp>
#include <asio/use_awaitable.hpp>

#include "cluster/broker_pool.h"
#include "cluster/group_coordinators.h"
#include "consumer/group_send.h"
#include "net/connection.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/offset_commit.h"
#include "protocol/messages/offset_fetch.h"

namespace kafkascope::consumer {

namespace {

constexpr int kAttempts = 3;
constexpr std::int16_t kMaxOffsetApiVersion = 9;  // v10 needs topic ids (group_send.h)

using protocol::kafka_error;

// Coordinator moved, not yet elected or still loading offsets: find it again.
bool coordinator_error(std::int16_t code) {
    return code == 14 || code == 15 || code == 16;  // LOAD_IN_PROGRESS, NOT_AVAILABLE, NOT_COORDINATOR
}

bool any_coordinator_error(const std::vector<CommittedOffset>& out) {
    for (const CommittedOffset& c : out) {
        if (c.error && c.error.code.category() == protocol::kafka_category() &&
            coordinator_error(static_cast<std::int16_t>(c.error.code.value()))) {
            return true;
        }
    }
    return false;
}

asio::awaitable<void> backoff(int attempt) {
    asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(200 * (attempt + 1)));
    co_await timer.async_wait(asio::use_awaitable);
}

using Reply = Result<std::vector<CommittedOffset>>;

asio::awaitable<Reply> fetch_once(cluster::BrokerPool& pool, const std::string& group,
                                  const std::vector<TopicPartitions>& partitions) {
    auto conn = co_await connect_group_coordinator(pool, group);
    if (!conn) co_return std::move(conn).error();
    auto version = request_version(**conn, protocol::kOffsetFetchApi, kMaxOffsetApiVersion);
    if (!version) co_return std::move(version).error();
    // v0-v7: group and topics at the top level; v8+: one entry of `groups`.
    protocol::OffsetFetchRequest request;
    std::vector<protocol::OffsetFetchRequest::Topic> topics;
    for (const TopicPartitions& tp : partitions) {
        protocol::OffsetFetchRequest::Topic t;
        t.name = tp.topic;
        t.partition_indexes = tp.partitions;
        topics.push_back(std::move(t));
    }
    if (*version < 8) {
        request.group_id = group;
        // null: everything committed (v2+); v0-v1 need a list, even empty.
        if (!partitions.empty() || *version < 2) request.topics = topics;
    } else {
        protocol::OffsetFetchRequest::Group g;
        g.group_id = group;
        if (!partitions.empty()) g.topics = topics;
        request.groups.push_back(std::move(g));
    }
    auto response = co_await (*conn)->send_at(request, *version);
    if (!response) co_return std::move(response).error();

    const std::string context = "OffsetFetch for group " + group;
    std::int16_t top_error = response->error_code;
    const std::vector<protocol::OffsetFetchResponse::Topic>* answered = &response->topics;
    if (!response->groups.empty()) {
        top_error = response->groups.front().error_code;
        answered = &response->groups.front().topics;
    }
    std::vector<CommittedOffset> out;
    if (top_error != 0) {
        // Reported per partition too, so the retry logic sees coordinator errors.
        if (!coordinator_error(top_error)) co_return kafka_error(top_error, context);
        out.push_back({"", -1, -1, {}, kafka_error(top_error, context)});
        co_return out;
    }
    for (const auto& t : *answered) {
        for (const auto& p : t.partitions) {
            CommittedOffset c{t.name, p.partition_index, p.committed_offset, p.metadata, {}};
            if (p.error_code != 0) {
                c.error = kafka_error(p.error_code, context + ", " + t.name + "/" + std::to_string(p.partition_index));
            }
            out.push_back(std::move(c));
        }
    }
    co_return out;
}

asio::awaitable<Reply> commit_once(cluster::BrokerPool& pool, const std::string& group,
                                   const std::vector<OffsetToCommit>& offsets, const GroupGeneration& generation) {
    auto conn = co_await connect_group_coordinator(pool, group);
    if (!conn) co_return std::move(conn).error();
    auto version = request_version(**conn, protocol::kOffsetCommitApi, kMaxOffsetApiVersion);
    if (!version) co_return std::move(version).error();
    protocol::OffsetCommitRequest request;
    request.group_id = group;
    request.generation_id_or_member_epoch = generation.generation_id;
    request.member_id = generation.member_id;
    for (const OffsetToCommit& o : offsets) {
        if (request.topics.empty() || request.topics.back().name != o.topic) {
            protocol::OffsetCommitRequest::Topic t;
            t.name = o.topic;
            request.topics.push_back(std::move(t));
        }
        protocol::OffsetCommitRequest::Partition p;
        p.partition_index = o.partition;
        p.committed_offset = o.offset;
        p.committed_metadata = o.metadata;
        request.topics.back().partitions.push_back(std::move(p));
    }
    auto response = co_await (*conn)->send_at(request, *version);
    if (!response) co_return std::move(response).error();
    const std::string context = "OffsetCommit for group " + group;
    std::vector<CommittedOffset> out;
    for (const auto& t : response->topics) {
        for (const auto& p : t.partitions) {
            CommittedOffset c{t.name, p.partition_index, -1, {}, {}};
            for (const OffsetToCommit& o : offsets) {
                if (o.topic == t.name && o.partition == p.partition_index) c.offset = o.offset;
            }
            if (p.error_code != 0) {
                c.error = kafka_error(p.error_code, context + ", " + t.name + "/" + std::to_string(p.partition_index));
            }
            out.push_back(std::move(c));
        }
    }
    co_return out;
}

}  // namespace

asio::awaitable<Result<GroupCoordinator>> find_group_coordinator(cluster::BrokerPool& pool, std::string group) {
    std::vector<std::string> one{group};
    auto found = co_await cluster::find_group_coordinators(pool, std::move(one));
    if (auto failed = found.failed.find(group); failed != found.failed.end()) co_return failed->second;
    const std::int32_t node = found.node_of.at(group);
    const net::BrokerAddress* where = pool.address_of(node);
    if (!where) co_return Error(client_errc::no_broker_available, "coordinator of group " + group + " has no address");
    co_return GroupCoordinator{node, *where};
}

asio::awaitable<Result<std::shared_ptr<net::Connection>>> connect_group_coordinator(cluster::BrokerPool& pool,
                                                                                  std::string group) {
    auto found = co_await find_group_coordinator(pool, std::move(group));
    if (!found) co_return std::move(found).error();
    co_return co_await pool.connect_node(found->node_id);
}

asio::awaitable<Result<std::vector<CommittedOffset>>> fetch_group_offsets(cluster::BrokerPool& pool,
                                                                          std::string group,
                                                                          std::vector<TopicPartitions> partitions) {
    for (int attempt = 0;; ++attempt) {
        auto reply = co_await fetch_once(pool, group, partitions);
        const bool retry = reply ? any_coordinator_error(*reply)
                                 : (reply.error().code.category() == protocol::kafka_category() &&
                                    coordinator_error(static_cast<std::int16_t>(reply.error().code.value())));
        if (!retry || attempt + 1 >= kAttempts) {
            if (reply && any_coordinator_error(*reply) && reply->size() == 1 && reply->front().partition < 0) {
                co_return reply->front().error;
            }
            co_return reply;
        }
        co_await backoff(attempt);
    }
}

asio::awaitable<Result<std::vector<CommittedOffset>>> commit_group_offsets(cluster::BrokerPool& pool,
                                                                           std::string group,
                                                                           std::vector<OffsetToCommit> offsets,
                                                                           GroupGeneration generation) {
    // Grouped by topic so each topic appears once in the request.
    std::stable_sort(offsets.begin(), offsets.end(),
                     [](const OffsetToCommit& a, const OffsetToCommit& b) { return a.topic < b.topic; });
    for (int attempt = 0;; ++attempt) {
        auto reply = co_await commit_once(pool, group, offsets, generation);
        const bool retry = reply ? any_coordinator_error(*reply)
                                 : (reply.error().code.category() == protocol::kafka_category() &&
                                    coordinator_error(static_cast<std::int16_t>(reply.error().code.value())));
        if (!retry || attempt + 1 >= kAttempts) co_return reply;
        co_await backoff(attempt);
    }
}

}  // namespace kafkascope::consumer
