// The group reader's commits. kafka-go's rules: a commit stores offset + 1,
// the highest per partition; commit_interval 0 commits synchronously with
// retries, > 0 records offsets for a timer that commits every interval, at
// the end of a generation and on close. Beyond kafka-go: committing a
// message of a partition the group has since taken away fails clearly
// instead of overwriting the new owner's progress.

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

#include "consumer/group_offsets.h"
#include "consumer/group_reader.h"
#include "protocol/kafka_error.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // see group_membership.cpp
#endif

namespace kafkascope::consumer {

namespace {

// The group moved on; retrying with this generation cannot succeed.
bool generation_gone(const Error& e) {
    if (e.code.category() != protocol::kafka_category()) return false;
    const int code = e.code.value();
    // ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS, FENCED_INSTANCE_ID
    return code == 22 || code == 25 || code == 27 || code == 82;
}

}  // namespace

Status GroupReader::check_owned(const std::vector<Message>& messages) const {
    for (const Message& m : messages) {
        const Key key{m.topic, m.partition};
        if (assigned_.count(key) == 0 && held_.count(key) == 0) {
            return Error(client_errc::invalid_argument,
                         "cannot commit " + m.topic + "/" + std::to_string(m.partition) + " offset " +
                             std::to_string(m.offset) + ": the partition is not assigned to this member any more " +
                             "(the group rebalanced; its new owner reads from the last committed offset)");
        }
    }
    return ok_status();
}

void GroupReader::commit_messages(std::vector<Message> messages, StatusCallback done) {
    asio::post(executor_, [self = shared_from_this(), messages = std::move(messages), done = std::move(done)]() mutable {
        if (self->closed_) {
            done(Error(client_errc::cancelled, "commit after close: the group reader for " + self->config_.group_id +
                                                   " is closed"));
            return;
        }
        if (messages.empty()) {
            done(ok_status());
            return;
        }
        Status owned = self->check_owned(messages);
        if (!owned) {
            done(std::move(owned));
            return;
        }
        std::map<Key, std::int64_t> offsets;
        for (const Message& m : messages) {
            auto& o = offsets[{m.topic, m.partition}];
            o = std::max(o, m.offset + 1);
        }
        if (self->config_.commit_interval.count() > 0) {
            for (const auto& [key, offset] : offsets) {
                auto& o = self->recorded_[key];
                o = std::max(o, offset);
            }
            done(ok_status());
            return;
        }
        asio::co_spawn(
            self->executor_,
            [self, offsets = std::move(offsets), done = std::move(done)]() mutable -> asio::awaitable<void> {
                done(co_await self->commit_now(std::move(offsets), true));
            },
            asio::detached);
    });
}

asio::awaitable<Status> GroupReader::commit_now(std::map<Key, std::int64_t> offsets, bool may_park, int attempts) {
    auto self = shared_from_this();
    // The reader's own generation counter, bumped only when a generation
    // ends (fenced, eager rebalance, close): a commit from an ended one must
    // never go out in the next, where another member may have moved on.
    const std::uint64_t epoch = generation_;
    InFlight in_flight(*this, offsets);
    Error last;
    Error given_up;     // a partition whose commit can never succeed
    bool dropped = false;  // a partition the group took away before it landed
    bool after_park = false;
    bool sent_once = false;
    // Whatever ends this attempt, a woken commit stops counting as retrying.
    auto retried = [&] {
        if (after_park) --retrying_commits_;
        after_park = false;
    };
    std::map<Key, std::int64_t> landed;
    if (attempts <= 0) attempts = std::max(1, config_.commit_retries);
    for (int attempt = 0; attempt < attempts; ++attempt) {
        if (attempt > 0 && !after_park) {
            asio::steady_timer pause(executor_, config_.read_backoff_min * (1 << std::min(attempt, 4)));
            co_await pause.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        }
        if (generation_ != epoch) {
            retried();
            last = Error(client_errc::cancelled, "the generation that read these messages ended before the commit landed");
            break;
        }
        // Only what is still ours (assigned, or held for this very commit);
        // on a retry, not what a newer commit already moved past (an older
        // offset landing late would move the group backwards).
        std::erase_if(offsets, [&](const auto& kv) {
            if (held_.count(kv.first)) return false;
            auto it = assigned_.find(kv.first);
            return it == assigned_.end() || (sent_once && it->second.committed >= kv.second);
        });
        for (const auto& [key, offset] : in_flight.keys()) {
            if (!offsets.count(key) && !landed.count(key) && !assigned_.count(key) && !held_.count(key)) dropped = true;
        }
        if (offsets.empty()) {
            retried();
            break;
        }
        std::vector<OffsetToCommit> request;
        for (const auto& [key, offset] : offsets) request.push_back({key.first, key.second, offset, {}});
        const std::int32_t sent_generation = joined_.generation_id;
        GroupGeneration generation{sent_generation, joined_.member_id};
        auto reply = co_await commit_group_offsets(pool_, config_.group_id, std::move(request), generation);
        retried();
        sent_once = true;
        if (!reply) {
            last = std::move(reply).error();
        } else {
            // Per partition: what landed is done and not sent again; the rest
            // is retried unless it can never succeed.
            last = Error();
            for (const CommittedOffset& c : *reply) {
                const Key key{c.topic, c.partition};
                if (!offsets.count(key)) continue;
                if (c.error) {
                    if (!retriable_commit_error(c.error)) {
                        offsets.erase(key);
                        give_up_commit(key, c.error);
                        if (!given_up) given_up = c.error;
                    } else if (!last) {
                        last = c.error;
                    }
                    continue;
                }
                landed[key] = c.offset;
                offsets.erase(key);
                auto recorded = recorded_.find(key);
                if (recorded != recorded_.end() && recorded->second <= c.offset) recorded_.erase(recorded);
                auto it = assigned_.find(key);
                if (it != assigned_.end()) it->second.committed = std::max(it->second.committed, c.offset);
            }
            if (!offsets.empty() && !last) {
                last = Error(client_errc::decode_failed, "the coordinator's answer left out " +
                                                             offsets.begin()->first.first + "/" +
                                                             std::to_string(offsets.begin()->first.second));
            }
        }
        if (offsets.empty()) break;
        if (sent_generation != joined_.generation_id && joined_.generation_id >= 0 && generation_ == epoch) {
            // Sent with a generation that a cooperative rejoin replaced while
            // it was in flight: send again at once with the new one.
            --attempt;
            continue;
        }
        if (may_park && co_await park_for_rebalance(last, sent_generation)) {
            after_park = true;
            --attempt;  // waiting out a rebalance is not a failed attempt
            continue;
        }
        if (generation_gone(last)) break;
    }
    if (!landed.empty()) {
        std::string what;
        for (const auto& [key, offset] : landed) {
            what += (what.empty() ? "" : ", ") + key.first + "/" + std::to_string(key.second) + "@" +
                    std::to_string(offset);
        }
        emit(GroupEvent::Kind::committed, "committed " + what);
        release_held(landed);
        publish();
    }
    // Every partition landed, or was already committed at least this far.
    if (offsets.empty() && !given_up && !dropped) co_return ok_status();
    if (given_up) {
        // give_up_commit() counted and named each partition.
        co_return Error(given_up.code, "commit for group " + config_.group_id + " failed: " + given_up.message);
    }
    if (offsets.empty() && dropped) {
        last = Error(client_errc::invalid_argument,
                     "a partition was revoked before its commit could go out (the group rebalanced; its new owner "
                     "reads from the last committed offset)");
    }
    Error out(last.code, "commit for group " + config_.group_id + " failed: " + last.message);
    // A cooperative member whose commit meets a rebalance keeps the offsets
    // recorded and sends them again (flush) or waits (parked): not an error
    // worth an event each time.
    const bool postponed = !may_park && membership_->cooperative() && !offsets.empty() &&
                           last.code.category() == protocol::kafka_category() && last.code.value() == 27;
    if (!postponed) {
        {
            std::lock_guard lock(mutex_);
            ++stats_.errors;
        }
        emit(GroupEvent::Kind::error, out.message);
    }
    co_return out;
}

GroupReader::InFlight::InFlight(GroupReader& reader, const std::map<Key, std::int64_t>& offsets)
    : reader_(reader), keys_(offsets) {
    for (const auto& [key, offset] : keys_) ++reader_.in_flight_[key];
}

GroupReader::InFlight::~InFlight() {
    bool released = false;
    for (const auto& [key, offset] : keys_) {
        auto it = reader_.in_flight_.find(key);
        if (it == reader_.in_flight_.end() || --it->second > 0) continue;
        reader_.in_flight_.erase(it);
        // A held partition that only waited for this commit: whatever its
        // outcome, there is nothing left to wait for.
        if (reader_.held_.count(key) && !reader_.recorded_.count(key)) {
            reader_.held_.erase(key);
            released = true;
        }
    }
    if (released && !reader_.closed_) {
        reader_.announce_held();
        reader_.membership_->request_rejoin();
    }
}

// Worth sending again: the group is rebalancing or moved, the coordinator is
// busy or elsewhere, or the network failed. Anything else about a partition
// (its topic is gone, we may not write the group's offsets, ...) will not
// change by retrying.
bool GroupReader::retriable_commit_error(const Error& e) {
    if (e.code.category() != protocol::kafka_category()) return true;  // network, timeout
    switch (e.code.value()) {
        case 3:   // UNKNOWN_TOPIC_OR_PARTITION (metadata may lag; Java retries it)
        case 7:   // REQUEST_TIMED_OUT
        case 14:  // COORDINATOR_LOAD_IN_PROGRESS
        case 15:  // COORDINATOR_NOT_AVAILABLE
        case 16:  // NOT_COORDINATOR
        case 22:  // ILLEGAL_GENERATION
        case 25:  // UNKNOWN_MEMBER_ID
        case 27:  // REBALANCE_IN_PROGRESS
            return true;
        default:
            return false;
    }
}

void GroupReader::give_up_commit(const Key& key, const Error& e) {
    {
        std::lock_guard lock(mutex_);
        ++stats_.errors;
    }
    emit(GroupEvent::Kind::error, "commit of " + key.first + "/" + std::to_string(key.second) + " for group " +
                                      config_.group_id + " cannot succeed (" + e.message +
                                      "); its progress is not committed");
    auto it = recorded_.find(key);
    if (it != recorded_.end()) recorded_.erase(it);
    if (held_.erase(key)) {
        announce_held();
        membership_->request_rejoin();  // nothing left to wait for: hand it over
    }
}

asio::awaitable<bool> GroupReader::park_for_rebalance(const Error& e, std::int32_t generation) {
    // Cooperative members keep their partitions through a rebalance, so a
    // commit the coordinator refused while the group was joining is still
    // theirs to make: it goes out in the next generation, which
    // continue_generation() waits for before handing anything over.
    const bool rebalancing = e.code.category() == protocol::kafka_category() && e.code.value() == 27;
    if (!rebalancing || !membership_->cooperative() || closed_) co_return false;
    ++parked_commits_[generation];
    while (!closed_ && joined_.generation_id == generation) {
        co_await rebalanced_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }
    if (--parked_commits_[generation] == 0) parked_commits_.erase(generation);
    const bool retry = !closed_ && joined_.generation_id >= 0;
    if (retry) ++retrying_commits_;  // continue_generation() waits for this retry
    co_return retry;
}

// A commit that failed keeps its offsets for the next flush unless they can
// never go out: the generation that read them is gone. A cooperative member
// keeps its partitions through rebalances, so for it a refusal only
// postpones the commit; if it really was fenced, end_generation() drops
// them.
bool GroupReader::keeps_recorded_after(const Error& e) const {
    return !generation_gone(e) || membership_->cooperative();
}

void GroupReader::release_held(const std::map<Key, std::int64_t>& committed) {
    bool released = false;
    for (const auto& [key, offset] : committed) {
        if (!held_.count(key)) continue;
        auto it = recorded_.find(key);
        if (it != recorded_.end() && it->second > offset) continue;  // more to commit first
        if (it != recorded_.end()) recorded_.erase(it);
        held_.erase(key);
        released = true;
    }
    if (!released) return;
    emit(GroupEvent::Kind::rebalancing, "progress of the revoked partitions committed: rejoining to hand them over");
    announce_held();
    membership_->request_rejoin();
}

void GroupReader::announce_held() {
    std::map<std::string, std::vector<std::int32_t>> held;
    for (const auto& [topic, partition] : held_) held[topic].push_back(partition);
    membership_->hold(std::move(held));
}

asio::awaitable<Status> GroupReader::flush_recorded(bool may_park, int attempts) {
    if (recorded_.empty() || joined_.generation_id < 0) co_return ok_status();
    // Offsets stay recorded while their commit is in flight, so that a
    // generation starting meanwhile sees them as not committed yet (and
    // holds a revoked partition until they are); commit_now() erases what
    // landed.
    std::erase_if(recorded_, [&](const auto& kv) { return !assigned_.count(kv.first) && !held_.count(kv.first); });
    const std::map<Key, std::int64_t> offsets = recorded_;
    if (offsets.empty()) co_return ok_status();
    Status s = co_await commit_now(offsets, may_park, attempts);
    if (!s && !keeps_recorded_after(s.error())) {
        for (const auto& [key, offset] : offsets) {
            auto it = recorded_.find(key);
            if (it != recorded_.end() && it->second <= offset) recorded_.erase(it);
        }
    }
    co_return s;
}

asio::awaitable<void> GroupReader::commit_timer_loop() {
    auto self = shared_from_this();
    asio::steady_timer timer(executor_);
    while (!closed_) {
        timer.expires_after(config_.commit_interval);
        co_await timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
        if (closed_) break;
        // Not parked when the group is rebalancing: the offsets stay
        // recorded and go out with the next tick or the next generation.
        co_await flush_recorded(false);
    }
}

}  // namespace kafkascope::consumer
