#pragma once
// Membership of one classic consumer group (eager rebalancing):
// FindCoordinator -> JoinGroup (with the MEMBER_ID_REQUIRED rejoin of
// KIP-394) -> SyncGroup (the leader computes the plan with the chosen
// assignor) -> a heartbeat loop -> LeaveGroup. It only tracks membership;
// fetching the assigned partitions is the group reader's job. When a
// heartbeat says the group rebalances or forgot us, needs_rejoin() turns
// true and the owner calls join() again. Engine thread only, except the
// *_sync helpers, which post to it and block (never call them from it).
//
// The membership talks to the coordinator over a connection of its own, not
// the pool's shared one: a broker handles one request per connection at a
// time, and JoinGroup / SyncGroup are held until the whole group has joined,
// so two members (or a member and a fetch) on one socket would wait on each
// other until the rebalance timeout, generation after generation.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include "consumer/group_assignor.h"
#include "core/result.h"

namespace kafkascope::cluster {
class BrokerPool;
}
namespace kafkascope::net {
class Connection;
}

namespace kafkascope::consumer {

struct GroupMembershipConfig {
    std::string group_id;
    std::vector<std::string> topics;
    std::chrono::milliseconds session_timeout{30'000};  // kafka-go's defaults
    std::chrono::milliseconds rebalance_timeout{30'000};
    std::chrono::milliseconds heartbeat_interval{3'000};
    // Offered in order of preference; the coordinator picks one all members share.
    std::vector<std::string> assignors{"range", "roundrobin"};
    // Static membership (KIP-345, JoinGroup v5+): a restart with the same id
    // gets its partitions back without a rebalance, and close() does not
    // leave the group (the session timeout does), as Java does.
    std::optional<std::string> group_instance_id;
};

// What one generation gave this member.
struct GroupJoinResult {
    std::int32_t generation_id = -1;
    std::string member_id;
    std::string leader_id;
    std::string protocol_name;
    std::map<std::string, std::vector<std::int32_t>> assignment;  // topic -> partitions
    bool is_leader() const { return member_id == leader_id; }
};

class GroupMembership : public std::enable_shared_from_this<GroupMembership> {
public:
    static Result<std::shared_ptr<GroupMembership>> create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                           GroupMembershipConfig config);

    // Joins (or rejoins) and syncs; on success the heartbeat loop runs.
    asio::awaitable<Result<GroupJoinResult>> join();
    // Stops heartbeats and leaves the group so the others rebalance at once.
    asio::awaitable<Status> leave();

    // Closes the private coordinator connection without leaving (a crash, as
    // the group sees it); leave() first for a clean exit.
    void close();

    // Every configured assignor is cooperative (KIP-429): rejoins keep the
    // owned partitions and announce them; only the revoked ones stop.
    bool cooperative() const {
        for (const std::string& a : config_.assignors) {
            if (a != kCooperativeStickyAssignor) return false;
        }
        return !config_.assignors.empty();
    }

    // Safe to poll from any thread.
    bool needs_rejoin() const { return needs_rejoin_.load(); }
    // The owner saw a reason to rebalance (a subscribed topic changed).
    void request_rejoin() { needs_rejoin_ = true; }
    const GroupJoinResult& current() const { return current_; }
    // True (once) if the last join() was fenced before it succeeded: the
    // partitions held before it are lost, not kept.
    bool take_lost() { return std::exchange(lost_, false); }
    // Cooperative: partitions the last generation took away whose progress
    // is not committed yet. Rejoins keep announcing them as owned, so no
    // leader hands them to another member before that commit lands (a
    // KIP-429 leader defers a partition somebody still owns).
    void hold(std::map<std::string, std::vector<std::int32_t>> held) { held_ = std::move(held); }

    Result<GroupJoinResult> join_sync();
    Status leave_sync();

private:
    GroupMembership(asio::any_io_executor executor, cluster::BrokerPool& pool, GroupMembershipConfig config);
    asio::awaitable<Result<GroupJoinResult>> join_once(std::shared_ptr<net::Connection> conn);
    asio::awaitable<Result<GroupPlan>> leader_plan(std::string protocol_name, std::vector<GroupMember> members);
    asio::awaitable<void> heartbeat_loop(std::uint64_t epoch);

    asio::any_io_executor executor_;
    cluster::BrokerPool& pool_;
    GroupMembershipConfig config_;
    std::shared_ptr<net::Connection> coordinator_;
    std::string member_id_;  // kept across rejoins, as Java does
    GroupJoinResult current_;
    std::map<std::string, std::vector<std::int32_t>> held_;
    bool lost_ = false;
    std::atomic<bool> needs_rejoin_{true};
    std::uint64_t heartbeat_epoch_ = 0;  // a new join or a leave ends older loops
    asio::steady_timer heartbeat_timer_;
};

}  // namespace kafkascope::consumer
