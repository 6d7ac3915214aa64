// The group reader's public face: creation, the message queue and its
// waiters, snapshots. The generation and fetch loops are in
// group_reader_run.cpp, commits in group_reader_commit.cpp.

#include "consumer/group_reader.h"

#include <future>
#include <tuple>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/post.hpp>

#include "consumer/blocking_fetch.h"
#include "consumer/group_assignor.h"
#include "consumer/partition_reader.h"

namespace kafkascope::consumer {

const char* to_string(GroupEvent::Kind kind) {
    switch (kind) {
        case GroupEvent::Kind::joined: return "joined";
        case GroupEvent::Kind::rebalancing: return "rebalancing";
        case GroupEvent::Kind::committed: return "committed";
        case GroupEvent::Kind::error: return "error";
        case GroupEvent::Kind::closed: return "closed";
    }
    return "?";
}

GroupReader::GroupReader(asio::any_io_executor executor, cluster::BrokerPool& pool, GroupReaderConfig config,
                         GroupEventCallback on_event, std::shared_ptr<GroupMembership> membership)
    : executor_(executor),
      pool_(pool),
      config_(std::move(config)),
      on_event_(std::move(on_event)),
      membership_(std::move(membership)),
      supervisor_wake_(executor),
      space_(executor, asio::steady_timer::time_point::max()),
      rebalanced_(executor, asio::steady_timer::time_point::max()) {
    stats_.min_bytes = config_.min_bytes;
    stats_.max_bytes = config_.max_bytes;
    stats_.max_wait = config_.max_wait;
    stats_.queue_capacity = static_cast<std::int64_t>(config_.queue_capacity);
    stats_.client_id = config_.client_id;
    stats_.offset = -1;
    stats_.lag = -1;
    stats_.partition = -1;
    for (const std::string& t : config_.topics) stats_.topic += (stats_.topic.empty() ? "" : ",") + t;
}

GroupReader::~GroupReader() = default;

Result<std::shared_ptr<GroupReader>> GroupReader::create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                         GroupReaderConfig config, GroupEventCallback on_event) {
    if (config.queue_capacity == 0) return Error(client_errc::invalid_argument, "queue_capacity must be at least 1");
    if (config.min_bytes < 1 || config.max_bytes < config.min_bytes) {
        return Error(client_errc::invalid_argument, "need 1 <= min_bytes <= max_bytes");
    }
    if (config.start_offset != first_offset && config.start_offset != last_offset) {
        return Error(client_errc::invalid_argument, "start_offset must be first_offset or last_offset");
    }
    if (config.commit_interval.count() < 0) return Error(client_errc::invalid_argument, "negative commit_interval");
    if (config.heartbeat_interval >= config.session_timeout) {
        return Error(client_errc::invalid_argument, "heartbeat_interval must be shorter than session_timeout");
    }
    GroupMembershipConfig m;
    m.group_id = config.group_id;
    m.topics = config.topics;
    m.session_timeout = config.session_timeout;
    m.rebalance_timeout = config.rebalance_timeout;
    m.heartbeat_interval = config.heartbeat_interval;
    m.assignors = config.group_balancers;
    m.group_instance_id = config.group_instance_id;
    auto membership = GroupMembership::create(executor, pool, std::move(m));
    if (!membership) return std::move(membership).error();
    return std::shared_ptr<GroupReader>(
        new GroupReader(executor, pool, std::move(config), std::move(on_event), std::move(*membership)));
}

void GroupReader::fetch_message(MessageCallback done) { fetch_message_with_id(next_waiter_id_++, std::move(done)); }

void GroupReader::fetch_message_with_id(std::uint64_t id, MessageCallback done) {
    asio::post(executor_, [self = shared_from_this(), id, done = std::move(done)]() mutable {
        self->start();
        self->waiters_.push_back({id, std::move(done)});
        self->serve();
    });
}

Result<Message> GroupReader::fetch_message_sync(std::optional<std::chrono::milliseconds> timeout) {
    const std::uint64_t id = next_waiter_id_++;
    return wait_for_message(
        executor_, [&](MessageCallback done) { fetch_message_with_id(id, std::move(done)); },
        [self = shared_from_this(), id] { std::erase_if(self->waiters_, [id](const Waiter& w) { return w.id == id; }); },
        timeout, "for group " + config_.group_id);
}

void GroupReader::read_message(ReadCallback done) {
    fetch_message([self = shared_from_this(), done = std::move(done)](Result<Message> m) mutable {
        if (!m) {
            done(std::move(m), Error{});
            return;
        }
        std::vector<Message> one{*m};
        self->commit_messages(std::move(one),
                              [m = std::move(*m), done = std::move(done)](Status s) mutable {
                                  done(std::move(m), s ? Error{} : s.error());
                              });
    });
}

Status GroupReader::commit_messages_sync(std::vector<Message> messages) {
    std::promise<Status> promise;
    auto future = promise.get_future();
    commit_messages(std::move(messages), [&promise](Status s) { promise.set_value(std::move(s)); });
    return future.get();
}

Status GroupReader::close_sync() {
    std::promise<Status> promise;
    auto future = promise.get_future();
    close([&promise](Status s) { promise.set_value(std::move(s)); });
    return future.get();
}

void GroupReader::serve() {
    if (pending_error_ && !waiters_.empty()) {
        auto w = std::move(waiters_.front());
        waiters_.pop_front();
        Error e = std::move(*pending_error_);
        pending_error_.reset();
        w.done(std::move(e));
    }
    while (!waiters_.empty() && !queue_.empty()) {
        auto w = std::move(waiters_.front());
        waiters_.pop_front();
        Message m = std::move(queue_.front());
        queue_.pop_front();
        auto it = assigned_.find({m.topic, m.partition});
        if (it != assigned_.end()) {
            it->second.delivered = m.offset + 1;
            it->second.last_timestamp_ms = m.timestamp_ms;
            // Before the hand-over: the caller already sees this message
            // counted in partitions().
            publish_delivery(it->first, it->second);
        }
        w.done(std::move(m));
    }
    if (closed_) fail_waiters(Error(client_errc::cancelled, "group reader for " + config_.group_id + " is closed"));
    if (queue_.size() < config_.queue_capacity) space_.cancel();
    std::lock_guard lock(mutex_);
    stats_.queue_length = static_cast<std::int64_t>(queue_.size());
}

void GroupReader::deliver(Message message) { queue_.push_back(std::move(message)); }

void GroupReader::fail_waiters(const Error& error) {
    while (!waiters_.empty()) {
        auto w = std::move(waiters_.front());
        waiters_.pop_front();
        w.done(error);
    }
}

namespace {

std::int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

}  // namespace

void GroupReader::fill_progress(AssignedPartition& p, const PartitionState& st, std::int64_t now) {
    p.committed = st.committed;
    p.position = st.position;
    p.delivered = st.delivered >= 0 ? st.delivered : st.position;
    p.high_watermark = st.high_watermark;
    p.lag = (st.high_watermark >= 0 && p.delivered >= 0) ? std::max<std::int64_t>(0, st.high_watermark - p.delivered)
                                                         : -1;
    p.last_timestamp_ms = st.last_timestamp_ms;
    p.time_lag_ms = p.lag > 0 && st.last_timestamp_ms >= 0 ? std::max<std::int64_t>(0, now - st.last_timestamp_ms)
                                                           : (p.lag == 0 ? 0 : -1);
}

void GroupReader::publish_delivery(const Key& key, const PartitionState& st) {
    // The hot path (one call per message handed out): the snapshot is in
    // assigned_'s key order, so one partition is found by binary search
    // instead of rebuilding all of them.
    std::lock_guard lock(mutex_);
    auto it = std::lower_bound(partitions_snapshot_.begin(), partitions_snapshot_.end(), key,
                               [](const AssignedPartition& p, const Key& k) {
                                   return std::tie(p.topic, p.partition) < std::tie(k.first, k.second);
                               });
    if (it != partitions_snapshot_.end() && it->topic == key.first && it->partition == key.second) {
        fill_progress(*it, st, now_ms());
    }
}

void GroupReader::publish() {
    const std::int64_t now = now_ms();
    std::vector<AssignedPartition> parts;
    parts.reserve(assigned_.size());
    for (const auto& [key, st] : assigned_) {
        AssignedPartition p;
        p.topic = key.first;
        p.partition = key.second;
        fill_progress(p, st, now);
        p.leader = st.leader;
        p.error = st.paused ? st.paused.message : std::string{};
        parts.push_back(std::move(p));
    }
    std::lock_guard lock(mutex_);
    stats_.queue_length = static_cast<std::int64_t>(queue_.size());
    partitions_snapshot_ = std::move(parts);
    generation_snapshot_ = joined_;
}

void GroupReader::emit(GroupEvent::Kind kind, std::string text) {
    if (!on_event_) return;
    GroupEvent e;
    e.kind = kind;
    e.when = std::chrono::system_clock::now();
    e.generation_id = joined_.generation_id;
    e.member_id = joined_.member_id;
    e.leader = joined_.is_leader() && !joined_.member_id.empty();
    e.protocol = joined_.protocol_name;
    if (kind == GroupEvent::Kind::joined) e.assignment = joined_.assignment;
    e.text = std::move(text);
    on_event_(e);
}

ReaderStats GroupReader::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::vector<AssignedPartition> GroupReader::partitions() const {
    std::lock_guard lock(mutex_);
    return partitions_snapshot_;
}

GroupJoinResult GroupReader::generation() const {
    std::lock_guard lock(mutex_);
    return generation_snapshot_;
}

}  // namespace kafkascope::consumer
