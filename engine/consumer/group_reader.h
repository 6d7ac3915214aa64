#pragma once
// kafka-go's Reader with a GroupID: joins the group (consumer/
// group_membership.h), fetches what the group assigned - one Fetch per
// broker for all of its partitions, on connections of the reader's own -
// into a queue of queue_capacity, and commits what the application says it
// handled. Get one from Engine::create_group_reader().
//
// Where it differs from kafka-go, on purpose:
//   * No stale deliveries (#1398): at the end of a generation the queue is
//     dropped and fetches still in flight are discarded, so nothing from a
//     partition the group took away is handed out afterwards. Committing a
//     message of a partition no longer assigned fails with a clear error.
//   * A fetch answer is applied only if it starts at the partition's current
//     position, so a re-routed or retried fetch can never duplicate.
//   * close() ends a waiting fetch at once (no MaxWait hang, #428): the
//     reader's fetch connections are closed, not waited for.
//   * Offset, lag and time lag per partition in group mode (#508, #1163):
//     partitions(). offset() and lag() return -1 as kafka-go's do.
//   * A topic that appears, or grows, after the group formed rebalances the
//     group (#800).
//   * With only "cooperative-sticky" configured, rebalances are incremental
//     (KIP-429, kafka-go #985): partitions that stay keep being read through
//     the rebalance; only revoked ones stop, and their queued messages go.
//
// Threading: all state lives on the engine thread; the public methods post
// there. Callbacks run ON THE ENGINE THREAD. stats(), partitions() and
// generation() read snapshots under a small lock. Close every reader before
// destroying the engine.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include "cluster/cluster_types.h"
#include "consumer/group_membership.h"
#include "consumer/group_reader_config.h"
#include "consumer/message.h"
#include "consumer/reader_stats.h"
#include "core/result.h"

namespace kafkascope::cluster {
class BrokerPool;
}
namespace kafkascope::net {
class Connection;
}

namespace kafkascope::consumer {

class GroupReader : public std::enable_shared_from_this<GroupReader> {
public:
    using MessageCallback = std::function<void(Result<Message>)>;
    // read_message: the message, and the error of its commit (empty if the
    // commit worked). As in kafka-go the commit happens before the message is
    // handed over; a failed commit does not withhold the message.
    using ReadCallback = std::function<void(Result<Message>, Error commit_error)>;
    using StatusCallback = std::function<void(Status)>;

    static Result<std::shared_ptr<GroupReader>> create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                       GroupReaderConfig config, GroupEventCallback on_event = {});
    ~GroupReader();

    // Next message of any assigned partition, in order within a partition.
    // Joins the group on first use. After close(): end-of-stream
    // (is_end_of_stream in partition_reader.h).
    void fetch_message(MessageCallback done);
    Result<Message> fetch_message_sync(std::optional<std::chrono::milliseconds> timeout = {});

    // fetch_message, then commit_messages of that message.
    void read_message(ReadCallback done);

    // Commits offset + 1 of each message (the highest per partition). With
    // commit_interval 0 it waits for the coordinator (retrying
    // commit_retries times); otherwise it records the offsets for the next
    // interval and completes at once. After close(): client_errc::cancelled
    // ("reader closed"; kafka-go's io.ErrClosedPipe).
    void commit_messages(std::vector<Message> messages, StatusCallback done);
    Status commit_messages_sync(std::vector<Message> messages);

    // Commits what was recorded, leaves the group, ends waiting fetches.
    // Fails only when that last commit failed; a failed LeaveGroup is an
    // error event (the session timeout removes the member anyway).
    void close(StatusCallback done = {});
    Status close_sync();

    std::int64_t offset() const { return -1; }  // kafka-go: meaningless in a group
    std::int64_t lag() const { return -1; }
    ReaderStats stats() const;
    std::vector<AssignedPartition> partitions() const;
    GroupJoinResult generation() const;

private:
    struct PartitionState {
        std::int64_t committed = -1;
        std::int64_t position = -1;  // -1 until the start is resolved
        std::int64_t delivered = -1;
        std::int64_t high_watermark = -1;
        std::int64_t last_timestamp_ms = -1;
        std::int32_t leader = -1;
        std::string topic_id;
        Error paused;  // set: not fetched until the next generation
    };
    using Key = std::pair<std::string, std::int32_t>;
    struct Waiter {
        std::uint64_t id;
        MessageCallback done;
    };

    GroupReader(asio::any_io_executor executor, cluster::BrokerPool& pool, GroupReaderConfig config,
                GroupEventCallback on_event, std::shared_ptr<GroupMembership> membership);

    // group_reader_run.cpp: the generation loop and the fetch loops.
    void start();
    asio::awaitable<void> run();
    asio::awaitable<void> end_generation(bool flush = true);
    asio::awaitable<Status> start_generation(const GroupJoinResult& joined);
    asio::awaitable<Status> continue_generation(const GroupJoinResult& joined);  // cooperative
    asio::awaitable<Status> add_partitions(std::vector<std::pair<std::string, std::int32_t>> keys);
    asio::awaitable<Status> resolve_starts(std::uint64_t generation);
    asio::awaitable<void> route(std::uint64_t generation);
    asio::awaitable<void> broker_loop(std::int32_t node, std::uint64_t generation, std::uint64_t route_epoch);
    asio::awaitable<std::shared_ptr<net::Connection>> fetch_connection(std::int32_t node);
    asio::awaitable<void> watch_partitions();
    asio::awaitable<void> sleep(std::chrono::milliseconds d);
    void wake_supervisor();

    // group_reader_commit.cpp
    // `may_park`: a commit refused because the group is rebalancing waits
    // for the next generation and goes out in it. Never from the supervisor
    // (run() and what it awaits): it is what starts that next generation.
    // `attempts` 0: config_.commit_retries.
    asio::awaitable<Status> commit_now(std::map<Key, std::int64_t> offsets, bool may_park, int attempts = 0);
    asio::awaitable<void> commit_timer_loop();
    asio::awaitable<Status> flush_recorded(bool may_park, int attempts = 0);
    asio::awaitable<bool> park_for_rebalance(const Error& e, std::int32_t generation);
    static bool retriable_commit_error(const Error& e);
    // Counts a commit's partitions in in_flight_ for its lifetime; the last
    // one out releases a held partition that waited only for it.
    class InFlight {
    public:
        InFlight(GroupReader& reader, const std::map<Key, std::int64_t>& offsets);
        ~InFlight();
        InFlight(const InFlight&) = delete;
        InFlight& operator=(const InFlight&) = delete;
        const std::map<Key, std::int64_t>& keys() const { return keys_; }

    private:
        GroupReader& reader_;
        std::map<Key, std::int64_t> keys_;
    };
    void give_up_commit(const Key& key, const Error& e);
    bool keeps_recorded_after(const Error& e) const;
    void release_held(const std::map<Key, std::int64_t>& committed);
    void announce_held();
    Status check_owned(const std::vector<Message>& messages) const;

    // group_reader.cpp: the queue.
    void fetch_message_with_id(std::uint64_t id, MessageCallback done);
    void serve();
    void deliver(Message message);
    void fail_waiters(const Error& error);
    void publish();  // the whole partitions() snapshot, from assigned_
    void publish_delivery(const Key& key, const PartitionState& st);  // one partition's progress
    static void fill_progress(AssignedPartition& p, const PartitionState& st, std::int64_t now_ms);
    void emit(GroupEvent::Kind kind, std::string text);

    asio::any_io_executor executor_;
    cluster::BrokerPool& pool_;
    const GroupReaderConfig config_;
    GroupEventCallback on_event_;
    std::shared_ptr<GroupMembership> membership_;

    // Engine thread only.
    bool started_ = false;
    bool closed_ = false;
    std::uint64_t generation_ = 0;   // bumped when a generation ends: older fetches are stale
    std::uint64_t route_epoch_ = 0;  // bumped when partitions are re-routed: older loops exit
    bool reroute_ = false;
    GroupJoinResult joined_;
    std::map<Key, PartitionState> assigned_;
    std::map<std::string, std::size_t> partition_counts_;  // at join time, per subscribed topic
    ClusterMetadata metadata_;                             // of the subscribed topics, last fetched
    std::chrono::steady_clock::time_point last_route_;
    bool joining_ = false;
    std::map<std::int32_t, std::shared_ptr<net::Connection>> connections_;  // by node, fetches only
    std::deque<Message> queue_;
    std::deque<Waiter> waiters_;
    std::optional<Error> pending_error_;  // handed to the next fetch_message
    std::map<Key, std::int64_t> recorded_;  // commit_interval > 0: offsets to commit next
    asio::steady_timer supervisor_wake_;
    asio::steady_timer space_;  // cancelled when the queue has room again
    // Cooperative mode: a commit refused with REBALANCE_IN_PROGRESS waits on
    // this until the next generation starts, then goes out in it (before any
    // revoked partition is handed over).
    asio::steady_timer rebalanced_;
    std::map<std::int32_t, int> parked_commits_;  // by the generation they wait to leave
    int retrying_commits_ = 0;                     // woken, their retry not answered yet
    // Cooperative mode: revoked partitions whose recorded progress could not
    // be committed yet. Not fetched; still announced as owned
    // (GroupMembership::hold) until the commit lands, then released.
    std::set<Key> held_;
    std::map<Key, int> in_flight_;  // commits under way (sent, parked or between retries) per partition
    std::chrono::steady_clock::time_point last_held_flush_;  // run() retries their commit
    std::chrono::steady_clock::time_point last_watch_;

    std::atomic<std::uint64_t> next_waiter_id_{1};
    mutable std::mutex mutex_;  // guards the snapshots below
    ReaderStats stats_;
    std::vector<AssignedPartition> partitions_snapshot_;
    GroupJoinResult generation_snapshot_;
};

}  // namespace kafkascope::consumer
