#include "consumer/group_membership.h"

#include <algorithm>
#include <future>
#include <set>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "cluster/broker_pool.h"
#include "cluster/metadata_client.h"
#include "consumer/group_offsets.h"
#include "consumer/group_send.h"
#include "net/connection.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/heartbeat.h"
#include "protocol/messages/join_group.h"
#include "protocol/messages/leave_group.h"
#include "protocol/messages/sync_group.h"

// GCC 12 inlines asio's awaitable frame allocation into long coroutines and
// then reports a false -Wmismatched-new-delete (tests/unit/net does the same
// per file); the frame's operator new / delete pair is asio's own.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace kafkascope::consumer {

namespace {

constexpr std::int16_t kMemberIdRequired = 79;
constexpr std::int16_t kUnknownMemberId = 25;
constexpr std::int16_t kIllegalGeneration = 22;
constexpr std::int16_t kRebalanceInProgress = 27;
constexpr std::int16_t kInvalidRequest = 42;

Error group_error(std::int16_t code, const std::string& api, const std::string& group) {
    return Error(protocol::make_kafka_error_code(code),
                 api + " for group " + group + ": " + protocol::kafka_error_name(code));
}

// Coordinator moved or is not ready: find it again and retry.
bool coordinator_error(std::int16_t code) { return code == 14 || code == 15 || code == 16; }

}  // namespace

GroupMembership::GroupMembership(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                 GroupMembershipConfig config)
    : executor_(executor), pool_(pool), config_(std::move(config)), heartbeat_timer_(executor) {}

Result<std::shared_ptr<GroupMembership>> GroupMembership::create(asio::any_io_executor executor,
                                                                 cluster::BrokerPool& pool,
                                                                 GroupMembershipConfig config) {
    if (config.group_id.empty()) return Error(client_errc::invalid_argument, "group membership needs a group id");
    if (config.topics.empty()) return Error(client_errc::invalid_argument, "group membership needs topics");
    for (const std::string& a : config.assignors) {
        if (a != kRangeAssignor && a != kRoundRobinAssignor && a != kCooperativeStickyAssignor) {
            return Error(client_errc::invalid_argument, "unknown group assignor \"" + a + "\"");
        }
    }
    if (config.assignors.empty()) return Error(client_errc::invalid_argument, "group membership needs an assignor");
    return std::shared_ptr<GroupMembership>(new GroupMembership(executor, pool, std::move(config)));
}

asio::awaitable<Result<GroupJoinResult>> GroupMembership::join() {
    auto self = shared_from_this();
    ++heartbeat_epoch_;  // the old generation's loop stops
    heartbeat_timer_.cancel();
    lost_ = false;
    constexpr int kAttempts = 5;
    Error last;
    for (int attempt = 0; attempt < kAttempts; ++attempt) {
        if (!coordinator_ || !coordinator_->is_open()) {
            auto where = co_await find_group_coordinator(pool_, config_.group_id);
            if (!where) co_return std::move(where).error();
            auto conn = co_await net::Connection::open(executor_, where->address, pool_.options());
            if (!conn) co_return std::move(conn).error();
            coordinator_ = *conn;
        }
        auto result = co_await join_once(coordinator_);
        if (result) {
            current_ = *result;
            needs_rejoin_ = false;
            asio::co_spawn(executor_, heartbeat_loop(heartbeat_epoch_), asio::detached);
            co_return result;
        }
        last = result.error();
        const auto& ec = last.code;
        if (ec.category() != protocol::kafka_category()) {
            coordinator_.reset();  // network trouble: dial again
            continue;
        }
        const auto code = static_cast<std::int16_t>(ec.value());
        if (coordinator_error(code)) {
            coordinator_.reset();
        } else if (code == kUnknownMemberId || code == kIllegalGeneration) {
            // Fenced: what we held is no longer ours (KIP-429 "lost").
            if (code == kUnknownMemberId) member_id_.clear();
            current_ = GroupJoinResult{};
            held_.clear();
            lost_ = true;
        } else if (code != kMemberIdRequired && code != kRebalanceInProgress) {
            co_return last;
        }
    }
    co_return last;
}

asio::awaitable<Result<GroupJoinResult>> GroupMembership::join_once(std::shared_ptr<net::Connection> conn) {
    auto version = request_version(*conn, protocol::kJoinGroupApi, protocol::kJoinGroupApi.versions.max);
    if (!version) co_return std::move(version).error();
    GroupSubscription subscription;
    subscription.topics = config_.topics;
    if (cooperative()) {
        // KIP-429: what we keep consuming through the rebalance, so the
        // leader can keep it with us and defer what moves.
        auto owned = current_.assignment;
        for (const auto& [topic, partitions] : held_) {
            auto& out = owned[topic];
            for (std::int32_t p : partitions) {
                if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
            }
        }
        for (const auto& [topic, partitions] : owned) subscription.owned_partitions.push_back({topic, partitions});
    }
    protocol::JoinGroupRequest join;
    join.group_id = config_.group_id;
    join.session_timeout_ms = static_cast<std::int32_t>(config_.session_timeout.count());
    if (*version >= 1) join.rebalance_timeout_ms = static_cast<std::int32_t>(config_.rebalance_timeout.count());
    join.member_id = member_id_;
    if (*version >= 5) join.group_instance_id = config_.group_instance_id;
    join.protocol_type = "consumer";
    for (const std::string& name : config_.assignors) {
        protocol::JoinGroupRequest::Protocol p;
        p.name = name;
        p.metadata = encode_subscription(subscription);
        join.protocols.push_back(std::move(p));
    }
    // The join blocks until every member joined, up to the rebalance timeout.
    const auto join_timeout = config_.rebalance_timeout + conn->options().request_timeout;
    auto joined = co_await conn->send_at(join, *version, join_timeout);
    if (!joined) co_return std::move(joined).error();
    if (joined->error_code == kMemberIdRequired) {
        // KIP-394: the broker handed us an id; the next join uses it.
        member_id_ = joined->member_id;
        co_return group_error(joined->error_code, "JoinGroup", config_.group_id);
    }
    if (joined->error_code != 0) co_return group_error(joined->error_code, "JoinGroup", config_.group_id);
    member_id_ = joined->member_id;

    GroupJoinResult result;
    result.generation_id = joined->generation_id;
    result.member_id = joined->member_id;
    result.leader_id = joined->leader;
    result.protocol_name = joined->protocol_name.value_or("");

    auto sync_version = request_version(*conn, protocol::kSyncGroupApi, protocol::kSyncGroupApi.versions.max);
    if (!sync_version) co_return std::move(sync_version).error();
    protocol::SyncGroupRequest sync;
    sync.group_id = config_.group_id;
    sync.generation_id = result.generation_id;
    sync.member_id = member_id_;
    if (*sync_version >= 3) sync.group_instance_id = config_.group_instance_id;
    sync.protocol_type = "consumer";
    sync.protocol_name = result.protocol_name;
    if (result.is_leader()) {
        std::vector<GroupMember> members;
        for (const auto& m : joined->members) {
            auto s = decode_subscription(m.metadata);
            if (!s) co_return std::move(s).error();
            members.push_back({m.member_id, s->topics, s->owned_partitions});
        }
        auto plan = co_await leader_plan(result.protocol_name, std::move(members));
        if (!plan) co_return std::move(plan).error();
        for (const auto& [member, topics] : *plan) {
            protocol::SyncGroupRequest::Assignment a;
            a.member_id = member;
            a.assignment = encode_assignment(to_assignment(topics));
            sync.assignments.push_back(std::move(a));
        }
    }
    const auto sync_timeout = config_.rebalance_timeout + conn->options().request_timeout;
    auto synced = co_await conn->send_at(sync, *sync_version, sync_timeout);
    if (!synced) co_return std::move(synced).error();
    if (synced->error_code == kInvalidRequest) {
        // librdkafka's mock cluster (our sandbox) completes a sync as soon as
        // the leader's SyncGroup arrives and answers any member whose own
        // SyncGroup comes later with INVALID_REQUEST. The generation formed
        // without us: joining again is the remedy, as for a rebalance.
        co_return Error(protocol::make_kafka_error_code(kRebalanceInProgress),
                        "SyncGroup for group " + config_.group_id +
                            ": INVALID_REQUEST (the group completed its sync before ours arrived)");
    }
    if (synced->error_code != 0) co_return group_error(synced->error_code, "SyncGroup", config_.group_id);
    auto assignment = decode_assignment(synced->assignment);
    if (!assignment) co_return std::move(assignment).error();
    for (const TopicPartitions& tp : assignment->partitions) {
        auto& out = result.assignment[tp.topic];
        out.insert(out.end(), tp.partitions.begin(), tp.partitions.end());
    }
    co_return result;
}

asio::awaitable<Result<GroupPlan>> GroupMembership::leader_plan(std::string protocol_name,
                                                                std::vector<GroupMember> members) {
    // Partition counts of every topic any member subscribes to.
    std::set<std::string> wanted;
    for (const GroupMember& m : members) wanted.insert(m.topics.begin(), m.topics.end());
    cluster::TopicSelection selection{std::vector<std::string>(wanted.begin(), wanted.end()), false};
    auto metadata = co_await cluster::fetch_metadata(pool_, std::move(selection));
    if (!metadata) co_return std::move(metadata).error();
    std::map<std::string, std::int32_t> counts;
    for (const auto& t : metadata->topics) {
        if (t.error_code == 0) counts[t.name] = static_cast<std::int32_t>(t.partitions.size());
    }
    co_return assign(protocol_name, members, counts);
}

asio::awaitable<void> GroupMembership::heartbeat_loop(std::uint64_t epoch) {
    auto self = shared_from_this();
    while (epoch == heartbeat_epoch_) {
        heartbeat_timer_.expires_after(config_.heartbeat_interval);
        co_await heartbeat_timer_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        if (epoch != heartbeat_epoch_ || !coordinator_) co_return;
        auto conn = coordinator_;
        auto version = request_version(*conn, protocol::kHeartbeatApi, protocol::kHeartbeatApi.versions.max);
        if (!version) co_return;
        protocol::HeartbeatRequest request;
        request.group_id = config_.group_id;
        request.generation_id = current_.generation_id;
        request.member_id = member_id_;
        if (*version >= 3) request.group_instance_id = config_.group_instance_id;
        auto response = co_await conn->send_at(request, *version);
        if (epoch != heartbeat_epoch_) co_return;
        if (!response) {
            // Lost the coordinator: rejoining finds it again.
            coordinator_.reset();
            needs_rejoin_ = true;
            co_return;
        }
        const std::int16_t code = response->error_code;
        if (code == kRebalanceInProgress || code == kIllegalGeneration || code == kUnknownMemberId ||
            coordinator_error(code)) {
            if (code == kUnknownMemberId) member_id_.clear();
            // Fenced: the partitions are lost, not revoked (current() empty).
            if (code == kUnknownMemberId || code == kIllegalGeneration) {
                current_ = GroupJoinResult{};
                held_.clear();
            }
            if (coordinator_error(code)) coordinator_.reset();
            needs_rejoin_ = true;
            co_return;
        }
    }
}

asio::awaitable<Status> GroupMembership::leave() {
    auto self = shared_from_this();
    ++heartbeat_epoch_;
    heartbeat_timer_.cancel();
    needs_rejoin_ = true;
    if (member_id_.empty() || !coordinator_) co_return ok_status();
    auto conn = coordinator_;
    if (config_.group_instance_id) {
        // A static member keeps its place for the session timeout, so that a
        // restart does not rebalance the group (KIP-345).
        close();
        co_return ok_status();
    }
    auto version = request_version(*conn, protocol::kLeaveGroupApi, protocol::kLeaveGroupApi.versions.max);
    if (!version) co_return std::move(version).error();
    // v0-v2 name the member at the top level, v3+ (KIP-345) in a batch.
    protocol::LeaveGroupRequest request;
    request.group_id = config_.group_id;
    if (*version < 3) {
        request.member_id = member_id_;
    } else {
        protocol::LeaveGroupRequest::Member m;
        m.member_id = member_id_;
        request.members.push_back(std::move(m));
    }
    auto response = co_await conn->send_at(request, *version);
    member_id_.clear();
    current_ = GroupJoinResult{};
    held_.clear();
    close();
    if (!response) co_return std::move(response).error();
    std::int16_t code = response->error_code;
    if (code == 0 && !response->members.empty()) code = response->members.front().error_code;
    if (code != 0 && code != kUnknownMemberId) co_return group_error(code, "LeaveGroup", config_.group_id);
    co_return ok_status();
}

void GroupMembership::close() {
    ++heartbeat_epoch_;
    heartbeat_timer_.cancel();
    needs_rejoin_ = true;
    if (coordinator_) coordinator_->close();
    coordinator_.reset();
}

Result<GroupJoinResult> GroupMembership::join_sync() {
    std::promise<Result<GroupJoinResult>> promise;
    auto future = promise.get_future();
    asio::co_spawn(
        executor_,
        [self = shared_from_this(), &promise]() -> asio::awaitable<void> {
            promise.set_value(co_await self->join());
        },
        asio::detached);
    return future.get();
}

Status GroupMembership::leave_sync() {
    std::promise<Status> promise;
    auto future = promise.get_future();
    asio::co_spawn(
        executor_,
        [self = shared_from_this(), &promise]() -> asio::awaitable<void> {
            promise.set_value(co_await self->leave());
        },
        asio::detached);
    return future.get();
}

}  // namespace kafkascope::consumer
