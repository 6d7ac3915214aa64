// The group reader's loops, all on the engine thread:
//   run()          the supervisor: rejoins when the membership says so, re-routes
//                  partitions whose leader moved, watches partition counts.
//   broker_loop()  one per leader broker and generation: a Fetch for every
//                  assigned partition that broker leads, answers into the queue.
// A generation number and a route epoch tell every loop and every answer in
// flight whether it is still current; an answer is applied only if it starts
// at the partition's current position.

#include <algorithm>
#include <set>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "cluster/broker_pool.h"
#include "cluster/metadata_client.h"
#include "cluster/offsets_client.h"
#include "consumer/fetcher.h"
#include "consumer/group_offsets.h"
#include "consumer/group_reader.h"
#include "net/connection.h"
#include "protocol/kafka_error.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // see group_membership.cpp
#endif

namespace kafkascope::consumer {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kSupervisorTick = std::chrono::milliseconds(200);
constexpr auto kMinRerouteInterval = std::chrono::milliseconds(500);

std::int64_t micros_since(Clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
}

std::string name_of(const std::string& topic, std::int32_t partition) {
    return topic + "/" + std::to_string(partition);
}

// The leader moved or is not known yet: find it again.
bool needs_reroute(const Error& e) {
    if (e.code.category() != protocol::kafka_category()) return false;
    switch (e.code.value()) {
        case 3:   // UNKNOWN_TOPIC_OR_PARTITION
        case 5:   // LEADER_NOT_AVAILABLE
        case 6:   // NOT_LEADER_OR_FOLLOWER
        case 9:   // REPLICA_NOT_AVAILABLE
        case 56:  // KAFKA_STORAGE_ERROR
        case 74:  // FENCED_LEADER_EPOCH
        case 75:  // UNKNOWN_LEADER_EPOCH
        case 100: // UNKNOWN_TOPIC_ID
            return true;
        default:
            return false;
    }
}

bool out_of_range(const Error& e) {
    return e.code.category() == protocol::kafka_category() && e.code.value() == 1;
}

}  // namespace

void GroupReader::start() {
    if (started_ || closed_) return;
    started_ = true;
    asio::co_spawn(executor_, run(), asio::detached);
    if (config_.commit_interval.count() > 0) asio::co_spawn(executor_, commit_timer_loop(), asio::detached);
}

void GroupReader::wake_supervisor() { supervisor_wake_.cancel(); }

asio::awaitable<void> GroupReader::sleep(std::chrono::milliseconds d) {
    asio::steady_timer timer(executor_, d);
    co_await timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
}

asio::awaitable<void> GroupReader::run() {
    auto self = shared_from_this();
    while (!closed_) {
        if (membership_->needs_rejoin()) {
            // Cooperative (KIP-429): keep fetching what we own through the
            // rebalance unless we were fenced, in which case all is lost.
            bool keep = membership_->cooperative() && joined_.generation_id >= 0 &&
                              membership_->current().generation_id >= 0;
            if (keep) {
                // Recorded offsets go out in the next generation, before
                // anything is handed over (continue_generation).
                emit(GroupEvent::Kind::rebalancing, "rebalancing cooperatively: the " +
                                                        std::to_string(assigned_.size()) +
                                                        " owned partitions keep being read");
            } else {
                co_await end_generation();
            }
            if (closed_) break;
            joining_ = true;
            auto joined = co_await membership_->join();
            joining_ = false;
            if (closed_) break;
            if (!joined) {
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.errors;
                }
                emit(GroupEvent::Kind::error, "joining group " + config_.group_id + " failed: " +
                                                  joined.error().message + "; retrying in " +
                                                  std::to_string(config_.join_group_backoff.count()) + " ms");
                if (keep) co_await end_generation();
                co_await sleep(config_.join_group_backoff);
                continue;
            }
            if (keep && membership_->take_lost()) {
                // Fenced while rejoining: what we held is gone, so this is a
                // fresh start from the committed offsets, as in eager mode.
                co_await end_generation(false);
                keep = false;
            }
            Status started = ok_status();
            if (keep) {
                started = co_await continue_generation(*joined);
            } else {
                started = co_await start_generation(*joined);
            }
            if (!started && !closed_) {
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.errors;
                }
                emit(GroupEvent::Kind::error, started.error().message);
                membership_->request_rejoin();
                co_await sleep(config_.read_backoff_max);
            }
            continue;
        }
        const std::uint64_t generation = generation_;
        const bool unresolved = std::any_of(assigned_.begin(), assigned_.end(), [](const auto& kv) {
            return kv.second.position < 0 && !kv.second.paused;
        });
        if ((reroute_ || unresolved) && Clock::now() - last_route_ >= kMinRerouteInterval) {
            reroute_ = false;
            if (unresolved) {
                auto resolved = co_await resolve_starts(generation);
                if (!resolved && generation == generation_) emit(GroupEvent::Kind::error, resolved.error().message);
            }
            if (generation == generation_ && !closed_) co_await route(generation);
        }
        if (!closed_ && Clock::now() - last_watch_ >= config_.partition_watch_interval) co_await watch_partitions();
        if (!closed_ && !held_.empty() && Clock::now() - last_held_flush_ >= config_.read_backoff_max) {
            // Held partitions wait for their commit; the next owner waits for them.
            last_held_flush_ = Clock::now();
            // One attempt: the supervisor must not stop rejoining for long.
            co_await flush_recorded(false, 1);
        }
        supervisor_wake_.expires_after(kSupervisorTick);
        co_await supervisor_wake_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }
}

asio::awaitable<void> GroupReader::end_generation(bool flush) {
    if (joined_.generation_id >= 0) {
        emit(GroupEvent::Kind::rebalancing, "generation " + std::to_string(joined_.generation_id) +
                                                " ends; " + std::to_string(queue_.size()) +
                                                " fetched messages not handed out are dropped");
    }
    // Recorded offsets go out with the generation that read them (kafka-go
    // flushes them at the end of a generation too).
    // (commit_now reports its own failure.) Not when fenced: the coordinator
    // would refuse the old generation anyway.
    if (flush) co_await flush_recorded(false);
    ++generation_;
    ++route_epoch_;
    queue_.clear();
    pending_error_.reset();
    assigned_.clear();
    recorded_.clear();
    held_.clear();
    announce_held();
    for (auto& [node, conn] : connections_) conn->close();  // in-flight fetches end now
    connections_.clear();
    joined_ = GroupJoinResult{};
    space_.cancel();
    rebalanced_.cancel();  // parked commits see the generation gone and fail
    publish();
}

namespace {

std::string describe(const std::vector<std::pair<std::string, std::int32_t>>& keys) {
    std::string out;
    for (const auto& [topic, partition] : keys) out += (out.empty() ? "" : " ") + name_of(topic, partition);
    return out.empty() ? std::string("none") : out;
}

}  // namespace

asio::awaitable<Status> GroupReader::start_generation(const GroupJoinResult& joined) {
    joined_ = joined;
    {
        std::lock_guard lock(mutex_);
        ++stats_.rebalances;
    }
    std::vector<Key> keys;
    for (const auto& [topic, partitions] : joined.assignment) {
        for (std::int32_t p : partitions) keys.push_back({topic, p});
    }
    auto added = co_await add_partitions(keys);
    if (!added || closed_) co_return added;
    emit(GroupEvent::Kind::joined, "joined generation " + std::to_string(joined.generation_id) + " as " +
                                       (joined.is_leader() ? "leader" : "member") + " (" + joined.protocol_name +
                                       "): " + describe(keys));
    publish();
    co_return ok_status();
}

asio::awaitable<Status> GroupReader::continue_generation(const GroupJoinResult& joined) {
    joined_ = joined;
    {
        std::lock_guard lock(mutex_);
        ++stats_.rebalances;
    }
    std::set<Key> now;
    for (const auto& [topic, partitions] : joined.assignment) {
        for (std::int32_t p : partitions) now.insert({topic, p});
    }
    std::vector<Key> revoked, added;
    for (const auto& [key, st] : assigned_) {
        if (!now.count(key)) revoked.push_back(key);
    }
    for (const Key& key : now) {
        if (!assigned_.count(key)) added.push_back(key);
    }
    // Progress made during the rebalance is committed in this generation
    // before a revoked partition can reach its next owner (which happens
    // only in the round after our rejoin): parked synchronous commits first
    // (each gets one try in this generation; one that parks again waits
    // for the next), then what commit_interval recorded.
    rebalanced_.cancel();
    auto parked_before = [&] {
        return std::any_of(parked_commits_.begin(), parked_commits_.end(),
                           [&](const auto& kv) { return kv.first < joined.generation_id; });
    };
    for (int i = 0; (retrying_commits_ > 0 || parked_before()) && i < 500 && !closed_; ++i) {
        co_await sleep(std::chrono::milliseconds(10));
    }
    co_await flush_recorded(false);  // a failure is reported by commit_now
    // Partitions we got back are ours again, whatever we still held.
    for (const Key& key : now) held_.erase(key);
    // Revoked: nothing more of theirs is handed out. One whose progress is
    // still only recorded (the group began another rebalance, so the commit
    // was refused), or whose commit is still under way, stays held until
    // that commit lands.
    bool released = false;
    for (const Key& key : revoked) {
        assigned_.erase(key);
        if (recorded_.count(key) || in_flight_.count(key)) {
            held_.insert(key);
        } else {
            released = true;
        }
    }
    announce_held();
    std::erase_if(queue_, [&](const Message& m) { return !now.count({m.topic, m.partition}); });
    space_.cancel();
    if (released) membership_->request_rejoin();  // so the next round hands them over
    auto status = co_await add_partitions(added);
    if (!status || closed_) co_return status;
    emit(GroupEvent::Kind::joined, "joined generation " + std::to_string(joined.generation_id) +
                                       " cooperatively as " + (joined.is_leader() ? "leader" : "member") +
                                       ": kept " + std::to_string(assigned_.size() - added.size()) +
                                       ", added " + describe(added) + ", revoked " + describe(revoked));
    publish();
    co_return ok_status();
}

asio::awaitable<Status> GroupReader::add_partitions(std::vector<Key> keys) {
    const std::uint64_t generation = generation_;
    std::map<std::string, std::vector<std::int32_t>> by_topic;
    for (const Key& key : keys) {
        assigned_[key] = PartitionState{};
        by_topic[key.first].push_back(key.second);
    }
    std::vector<TopicPartitions> owned;
    for (auto& [topic, partitions] : by_topic) owned.push_back({topic, partitions});

    // Where each partition starts: the committed offset, else start_offset.
    if (!owned.empty()) {
        auto committed = co_await fetch_group_offsets(pool_, config_.group_id, owned);
        if (generation != generation_ || closed_) co_return ok_status();
        if (!committed) co_return Error(committed.error().code, "reading committed offsets of group " +
                                                                    config_.group_id + ": " + committed.error().message);
        for (const CommittedOffset& c : *committed) {
            auto it = assigned_.find({c.topic, c.partition});
            if (it == assigned_.end()) continue;
            if (c.error) co_return c.error;
            it->second.committed = c.offset;
            it->second.position = c.offset;
            // Back from being held: what we delivered but could not commit
            // yet is not read again.
            auto recorded = recorded_.find(it->first);
            if (recorded != recorded_.end() && recorded->second > c.offset) it->second.position = recorded->second;
        }
    }
    last_route_ = {};
    co_await route(generation);
    if (generation != generation_ || closed_) co_return ok_status();
    auto resolved = co_await resolve_starts(generation);
    if (generation != generation_ || closed_) co_return ok_status();
    if (!resolved) co_return resolved;
    if (!keys.empty()) co_await route(generation);
    co_return ok_status();
}

asio::awaitable<Status> GroupReader::resolve_starts(std::uint64_t generation) {
    std::set<std::string> topics;
    for (const auto& [key, st] : assigned_) {
        if (st.position < 0 && !st.paused) topics.insert(key.first);
    }
    if (topics.empty()) co_return ok_status();
    const std::vector<std::string> wanted(topics.begin(), topics.end());
    auto bounds = co_await cluster::fetch_partition_offsets(pool_, metadata_, wanted);
    if (generation != generation_ || closed_) co_return ok_status();
    Error first_error;
    for (const PartitionOffsets& b : bounds) {
        auto it = assigned_.find({b.topic, b.partition});
        if (it == assigned_.end() || it->second.position >= 0) continue;
        if (b.error) {
            if (!first_error) first_error = b.error;
            continue;
        }
        it->second.position = config_.start_offset == first_offset ? b.first : b.last;
        it->second.high_watermark = b.last;
    }
    if (first_error) co_return first_error;
    co_return ok_status();
}

asio::awaitable<void> GroupReader::route(std::uint64_t generation) {
    last_route_ = Clock::now();
    cluster::TopicSelection selection{config_.topics, false};
    auto metadata = co_await cluster::fetch_metadata(pool_, std::move(selection));
    if (generation != generation_ || closed_) co_return;
    if (!metadata) {
        {
            std::lock_guard lock(mutex_);
            ++stats_.errors;
        }
        emit(GroupEvent::Kind::error, "metadata for group " + config_.group_id + ": " + metadata.error().message);
        reroute_ = true;
        co_return;
    }
    metadata_ = std::move(*metadata);
    if (partition_counts_.empty() || last_watch_ == Clock::time_point{}) {
        partition_counts_.clear();
        for (const std::string& t : config_.topics) {
            const TopicInfo* info = metadata_.find_topic(t);
            partition_counts_[t] = info && info->error_code == 0 ? info->partitions.size() : 0;
        }
        last_watch_ = Clock::now();
    }
    std::set<std::int32_t> nodes;
    for (auto& [key, st] : assigned_) {
        st.leader = -1;
        const TopicInfo* info = metadata_.find_topic(key.first);
        if (!info) continue;
        st.topic_id = info->topic_id;
        for (const PartitionInfo& p : info->partitions) {
            if (p.partition == key.second) st.leader = p.leader;
        }
        if (st.leader < 0) {
            reroute_ = true;  // no leader right now: ask again shortly
        } else if (st.position >= 0 && !st.paused) {
            nodes.insert(st.leader);
        }
    }
    ++route_epoch_;
    for (std::int32_t node : nodes) {
        asio::co_spawn(executor_, broker_loop(node, generation, route_epoch_), asio::detached);
    }
    publish();
}

asio::awaitable<std::shared_ptr<net::Connection>> GroupReader::fetch_connection(std::int32_t node) {
    auto it = connections_.find(node);
    if (it != connections_.end() && it->second->is_open()) co_return it->second;
    const net::BrokerAddress* address = pool_.address_of(node);
    if (!address) co_return nullptr;
    const auto t0 = Clock::now();
    const net::BrokerAddress where = *address;
    auto conn = co_await net::Connection::open(executor_, where, pool_.options());
    {
        std::lock_guard lock(mutex_);
        ++stats_.dials;
        stats_.dial_time.add(micros_since(t0));
        if (!conn) ++stats_.errors;
    }
    if (!conn) co_return nullptr;
    connections_[node] = *conn;
    co_return *conn;
}

asio::awaitable<void> GroupReader::broker_loop(std::int32_t node, std::uint64_t generation, std::uint64_t epoch) {
    auto self = shared_from_this();
    auto current = [&] { return !closed_ && generation == generation_ && epoch == route_epoch_; };
    auto backoff = config_.read_backoff_min;
    while (current()) {
        if (queue_.size() >= config_.queue_capacity) {
            co_await space_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
            continue;
        }
        MultiFetchParams params;
        params.min_bytes = config_.min_bytes;
        params.max_bytes = config_.max_bytes;
        params.partition_max_bytes = config_.max_bytes;
        params.max_wait = config_.max_wait;
        params.isolation = config_.isolation;
        for (const auto& [key, st] : assigned_) {
            if (st.leader != node || st.position < 0 || st.paused) continue;
            params.partitions.push_back({key.first, st.topic_id, key.second, st.position});
        }
        if (params.partitions.empty()) co_return;

        auto conn = co_await fetch_connection(node);
        if (!current()) co_return;
        if (!conn) {
            reroute_ = true;
            co_await sleep(backoff);
            co_return;
        }
        const auto t0 = Clock::now();
        auto results = co_await fetch_partitions(*conn, params);
        if (!current()) co_return;
        {
            std::lock_guard lock(mutex_);
            stats_.wait_time.add(micros_since(t0));
            if (results) {
                ++stats_.fetches;
            } else if (results.error().code == make_error_code(client_errc::request_timeout)) {
                ++stats_.timeouts;
            } else {
                ++stats_.errors;
            }
        }
        if (!results) {
            conn->close();
            connections_.erase(node);
            emit(GroupEvent::Kind::error, "fetch from broker " + std::to_string(node) + ": " +
                                              results.error().message);
            co_await sleep(backoff);
            backoff = std::min(backoff * 2, config_.read_backoff_max);
            if (current()) {
                reroute_ = true;
                wake_supervisor();
            }
            co_return;
        }
        backoff = config_.read_backoff_min;

        const auto t1 = Clock::now();
        bool reroute = false;
        std::int64_t fetched = 0, bytes = 0, payload = 0, errors = 0;
        for (PartitionFetchResult& r : *results) {
            auto it = assigned_.find({r.topic, r.partition});
            // Not ours any more, or the position moved since: never apply twice.
            if (it == assigned_.end() || it->second.position != r.fetch_offset) continue;
            PartitionState& st = it->second;
            if (!r.outcome) {
                const Error& e = r.outcome.error();
                if (needs_reroute(e)) {
                    reroute = true;
                } else if (out_of_range(e)) {
                    // Reset as start_offset says and tell the application
                    // (kafka-go retried silently forever, #891).
                    ++errors;
                    st.position = -1;
                    emit(GroupEvent::Kind::error, e.message + "; restarting " + name_of(r.topic, r.partition) +
                                                      " from its " +
                                                      (config_.start_offset == first_offset ? "first" : "last") +
                                                      " offset");
                    reroute_ = true;
                } else {
                    ++errors;
                    st.paused = e;
                    pending_error_ = e;
                    emit(GroupEvent::Kind::error, e.message);
                }
                continue;
            }
            FetchOutcome& o = *r.outcome;
            st.high_watermark = o.high_watermark;
            fetched += static_cast<std::int64_t>(o.messages.size());
            bytes += static_cast<std::int64_t>(o.bytes);
            for (Message& m : o.messages) {
                payload += static_cast<std::int64_t>((m.key ? m.key->size() : 0) + (m.value ? m.value->size() : 0));
                deliver(std::move(m));
            }
            st.position = o.next_offset;
            if (o.decode_error) {
                ++errors;
                st.paused = o.decode_error;
                pending_error_ = o.decode_error;
                emit(GroupEvent::Kind::error, o.decode_error.message);
            }
        }
        {
            std::lock_guard lock(mutex_);
            stats_.messages += fetched;
            stats_.bytes += payload;
            stats_.errors += errors;
            stats_.fetch_size.add(fetched);
            stats_.fetch_bytes.add(bytes);
            stats_.read_time.add(micros_since(t1));
        }
        serve();
        publish();  // new high watermarks and positions
        if (reroute) {
            reroute_ = true;
            wake_supervisor();
            co_return;
        }
    }
}

asio::awaitable<void> GroupReader::watch_partitions() {
    last_watch_ = Clock::now();
    const std::uint64_t generation = generation_;
    cluster::TopicSelection selection{config_.topics, false};
    auto metadata = co_await cluster::fetch_metadata(pool_, std::move(selection));
    if (!metadata || generation != generation_ || closed_ || joined_.generation_id < 0) co_return;
    for (const std::string& t : config_.topics) {
        const TopicInfo* info = metadata->find_topic(t);
        const std::size_t now = info && info->error_code == 0 ? info->partitions.size() : 0;
        const std::size_t before = partition_counts_.count(t) ? partition_counts_[t] : 0;
        if (now != before) {
            emit(GroupEvent::Kind::rebalancing, "topic " + t + " has " + std::to_string(now) +
                                                    " partitions (was " + std::to_string(before) +
                                                    "): rejoining so the group reassigns them");
            partition_counts_.clear();
            membership_->request_rejoin();
            wake_supervisor();
            co_return;
        }
    }
}

void GroupReader::close(StatusCallback done) {
    asio::post(executor_, [self = shared_from_this(), done = std::move(done)]() mutable {
        if (self->closed_) {
            if (done) done(ok_status());
            return;
        }
        self->closed_ = true;
        self->queue_.clear();
        self->serve();  // waiting fetches end now
        self->publish();
        asio::co_spawn(
            self->executor_,
            [self, done = std::move(done)]() mutable -> asio::awaitable<void> {
                Status result = co_await self->flush_recorded(false);
                ++self->generation_;
                for (auto& [node, conn] : self->connections_) conn->close();
                self->connections_.clear();
                if (self->joining_ || !self->started_) {
                    // A held JoinGroup would delay LeaveGroup until the group
                    // forms; the session timeout removes us instead.
                    self->membership_->close();
                } else {
                    // A leave that fails costs no data, only time: the
                    // coordinator drops the member after the session
                    // timeout. So it is an event; close() reports only a
                    // final commit that failed (progress would be re-read).
                    Status left = co_await self->membership_->leave();
                    if (!left) {
                        self->emit(GroupEvent::Kind::error,
                                   "leaving group " + self->config_.group_id + " failed (" + left.error().message +
                                       "); the coordinator drops this member after the session timeout");
                    }
                }
                self->emit(GroupEvent::Kind::closed, "left group " + self->config_.group_id);
                self->supervisor_wake_.cancel();
                self->space_.cancel();
                self->rebalanced_.cancel();
                self->assigned_.clear();
                self->publish();
                if (done) done(std::move(result));
            },
            asio::detached);
    });
}

}  // namespace kafkascope::consumer
