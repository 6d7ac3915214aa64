#include "consumer/partition_reader.h"

#include <algorithm>
#include <future>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/dispatch.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/post.hpp>
#include <asio/use_awaitable.hpp>

#include "consumer/blocking_fetch.h"
#include "consumer/partition_route.h"
#include "protocol/kafka_error.h"

namespace kafkascope::consumer {

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t micros_since(Clock::time_point t0) {
    return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - t0).count();
}

constexpr auto use_tuple = asio::experimental::as_tuple(asio::use_awaitable);

Error end_of_stream() { return Error(client_errc::cancelled, "reader closed: end of stream"); }

bool is_kafka(const Error& e, int code) {
    return e.code.category() == protocol::kafka_category() && e.code.value() == code;
}

}  // namespace

bool is_end_of_stream(const Error& e) { return e.code == make_error_code(client_errc::cancelled); }

Result<std::shared_ptr<PartitionReader>> PartitionReader::create(asio::any_io_executor executor,
                                                                 cluster::BrokerPool& pool,
                                                                 PartitionReaderConfig config) {
    if (config.topic.empty()) return Error(client_errc::invalid_argument, "reader needs a topic");
    if (config.partition < 0) return Error(client_errc::invalid_argument, "partition must be >= 0");
    if (config.queue_capacity == 0) return Error(client_errc::invalid_argument, "queue_capacity must be > 0");
    if (config.min_bytes < 0 || config.max_bytes < 1 || config.min_bytes > config.max_bytes) {
        return Error(client_errc::invalid_argument, "need 0 <= min_bytes <= max_bytes and max_bytes >= 1");
    }
    if (config.start_offset < first_offset) {
        return Error(client_errc::invalid_argument, "start_offset must be first, last or >= 0");
    }
    std::shared_ptr<PartitionReader> reader(new PartitionReader(std::move(executor), pool, std::move(config)));
    reader->start();
    return reader;
}

PartitionReader::PartitionReader(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                 PartitionReaderConfig config)
    : executor_(std::move(executor)),
      pool_(pool),
      config_(std::move(config)),
      wake_(executor_),
      position_(config_.start_offset),
      delivered_(config_.start_offset) {
    stats_.topic = config_.topic;
    stats_.partition = config_.partition;
    stats_.min_bytes = config_.min_bytes;
    stats_.max_bytes = config_.max_bytes;
    stats_.max_wait = config_.max_wait;
    stats_.queue_capacity = static_cast<std::int64_t>(config_.queue_capacity);
    stats_.offset = config_.start_offset;
    stats_.client_id = pool_.options().client_id;
}

PartitionReader::~PartitionReader() = default;

void PartitionReader::start() {
    asio::co_spawn(executor_, [self = shared_from_this()] { return self->run(); }, asio::detached);
}

asio::awaitable<void> PartitionReader::pause(std::chrono::milliseconds d) {
    // Any notify (message taken, set_offset, close) cancels the wait early.
    wake_.expires_after(d);
    co_await wake_.async_wait(use_tuple);
}

asio::awaitable<void> PartitionReader::run() {
    auto self = shared_from_this();  // the loop keeps the reader alive
    int failures = 0;
    auto backoff = [&] {
        auto d = config_.read_backoff_min * (1 << std::min(failures++, 10));
        return std::min(d, config_.read_backoff_max);
    };
    auto count_error = [&](const Error& e) {
        std::lock_guard lock(mutex_);
        ++stats_.errors;
        if (e.code == make_error_code(client_errc::request_timeout)) ++stats_.timeouts;
    };
    while (!closed_) {
        // Idle until the queue has room or an error was cleared.
        if (failed_ || queue_.size() >= config_.queue_capacity) {
            waiting_for_room_ = true;  // serve() wakes us when a message is taken
            co_await pause(std::chrono::hours(24));
            waiting_for_room_ = false;
            continue;
        }
        const std::uint64_t generation = generation_;
        if (position_ < 0) {  // first_offset / last_offset: resolve once
            auto bounds = co_await read_bounds(pool_, config_.topic, config_.partition);
            if (closed_ || generation != generation_) continue;
            if (!bounds) {
                count_error(bounds.error());
                co_await pause(backoff());
                continue;
            }
            position_ = position_ == first_offset ? bounds->first : bounds->last;
            high_watermark_ = bounds->last;
            {
                std::lock_guard lock(mutex_);
                delivered_ = position_;
            }
            publish();
            continue;
        }
        if (!connection_ || !connection_->is_open()) {
            const auto dial_started = Clock::now();
            auto leader = co_await find_leader(pool_, config_.topic, config_.partition);
            if (closed_ || generation != generation_) continue;
            if (!leader) {
                count_error(leader.error());
                co_await pause(backoff());
                continue;
            }
            connection_ = leader->connection;
            topic_id_ = leader->topic_id;
            std::lock_guard lock(mutex_);
            ++stats_.dials;
            stats_.dial_time.add(micros_since(dial_started));
        }
        FetchParams params{config_.topic, topic_id_,           config_.partition, position_,
                           config_.min_bytes, config_.max_bytes, config_.max_wait, config_.isolation};
        auto conn = connection_;  // keep it alive across the suspension
        const auto fetch_started = Clock::now();
        auto outcome = co_await fetch_partition(*conn, params);
        const std::int64_t waited_us = micros_since(fetch_started);
        if (closed_ || generation != generation_) continue;  // stale: set_offset moved us
        if (!outcome) {
            count_error(outcome.error());
            if (is_kafka(outcome.error(), 1)) {  // OFFSET_OUT_OF_RANGE: the caller decides
                failed_ = outcome.error();
                serve();
                continue;
            }
            // Leader moved, broker down, timeout: find the leader again.
            connection_.reset();
            co_await pause(backoff());
            continue;
        }
        failures = 0;
        const auto read_started = Clock::now();
        {
            std::lock_guard lock(mutex_);
            ++stats_.fetches;
            stats_.wait_time.add(waited_us);
            stats_.messages += static_cast<std::int64_t>(outcome->messages.size());
            for (const Message& m : outcome->messages) {
                stats_.bytes += static_cast<std::int64_t>((m.key ? m.key->size() : 0) +
                                                          (m.value ? m.value->size() : 0));
            }
            stats_.fetch_size.add(static_cast<std::int64_t>(outcome->messages.size()));
            stats_.fetch_bytes.add(static_cast<std::int64_t>(outcome->bytes));
        }
        high_watermark_ = outcome->high_watermark;
        position_ = outcome->next_offset;
        for (Message& m : outcome->messages) queue_.push_back(std::move(m));
        {
            std::lock_guard lock(mutex_);
            stats_.read_time.add(micros_since(read_started));
            // Nothing queued: the next message handed out is at position_ or
            // later, past any control batch or compaction gap just stepped
            // over. Without this, offset() and lag() would stay behind a
            // transaction marker at the end of the log forever.
            if (queue_.empty()) delivered_ = std::max(delivered_, position_);
        }
        if (outcome->decode_error) {
            // A corrupt batch will not heal by refetching it: stop and say where.
            count_error(outcome->decode_error);
            failed_ = outcome->decode_error;
        }
        serve();
    }
    serve();  // closed: waiters get end-of-stream
}

void PartitionReader::serve() {
    // A callback that asks for the next message from inside this loop only
    // queues its waiter (see fetch_message_with_id); this loop serves it
    // next, so handing out a long queue never recurses.
    if (serving_) return;
    serving_ = true;
    while (!waiters_.empty() && !closed_ && !queue_.empty()) {
        Message m = std::move(queue_.front());
        queue_.pop_front();
        {
            // offset() and lag() already count this message when the caller sees it.
            std::lock_guard lock(mutex_);
            delivered_ = m.offset + 1;
            publish_locked();
        }
        auto done = std::move(waiters_.front().done);
        waiters_.pop_front();
        if (waiting_for_room_ && queue_.size() < config_.queue_capacity) {
            waiting_for_room_ = false;
            wake_.cancel();  // room in the queue: the loop may fetch again
        }
        done(std::move(m));
    }
    serving_ = false;
    if (closed_ || (queue_.empty() && failed_)) {
        const Error e = closed_ ? end_of_stream() : failed_;
        auto waiting = std::move(waiters_);
        waiters_.clear();
        // Posted, like the closed case in fetch_message_with_id: a caller
        // that asks again on every error must not recurse.
        for (Waiter& w : waiting) asio::post(executor_, [done = std::move(w.done), e] { done(e); });
    }
    publish();
}

void PartitionReader::publish() {
    std::lock_guard lock(mutex_);
    publish_locked();
}

void PartitionReader::publish_locked() {
    stats_.offset = delivered_;
    stats_.lag = delivered_ >= 0 && high_watermark_ >= 0 ? std::max<std::int64_t>(0, high_watermark_ - delivered_) : 0;
    stats_.queue_length = static_cast<std::int64_t>(queue_.size());
}

void PartitionReader::set_offset(std::int64_t offset) {
    asio::post(executor_, [self = shared_from_this(), offset] { self->apply_offset(offset); });
}

void PartitionReader::apply_offset(std::int64_t offset) {
    if (closed_) return;
    ++generation_;
    position_ = offset;
    queue_.clear();
    failed_ = Error();
    {
        std::lock_guard lock(mutex_);
        delivered_ = offset;
    }
    publish();
    wake_.cancel();
}

void PartitionReader::set_offset_at(std::chrono::system_clock::time_point time,
                                    std::function<void(Result<OffsetAtTime>)> done) {
    const std::int64_t timestamp_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    asio::co_spawn(
        executor_,
        [self = shared_from_this(), timestamp_ms, done = std::move(done)]() -> asio::awaitable<void> {
            if (self->closed_) {
                done(Error(client_errc::cancelled, "set_offset_at on a closed reader"));
                co_return;
            }
            auto found = co_await read_offset_at(self->pool_, self->config_.topic, self->config_.partition,
                                                 timestamp_ms);
            if (!found) {
                done(std::move(found).error());
                co_return;
            }
            if (self->closed_) {
                done(Error(client_errc::cancelled, "reader closed during set_offset_at"));
                co_return;
            }
            self->apply_offset(found->found() ? found->offset : last_offset);
            done(*found);
        },
        asio::detached);
}

Result<OffsetAtTime> PartitionReader::set_offset_at_sync(std::chrono::system_clock::time_point time) {
    std::promise<Result<OffsetAtTime>> promise;
    auto future = promise.get_future();
    set_offset_at(time, [&promise](Result<OffsetAtTime> r) { promise.set_value(std::move(r)); });
    return future.get();
}

std::int64_t PartitionReader::offset() const {
    std::lock_guard lock(mutex_);
    return delivered_;
}

std::int64_t PartitionReader::lag() const {
    std::lock_guard lock(mutex_);
    return stats_.lag;
}

ReaderStats PartitionReader::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

void PartitionReader::read_lag(std::function<void(Result<std::int64_t>)> done) {
    asio::co_spawn(
        executor_,
        [self = shared_from_this(), done = std::move(done)]() -> asio::awaitable<void> {
            auto bounds = co_await read_bounds(self->pool_, self->config_.topic, self->config_.partition);
            if (!bounds) {
                done(std::move(bounds).error());
                co_return;
            }
            const std::int64_t at = self->offset();
            done(at < 0 ? 0 : bounds->last - at);
        },
        asio::detached);
}

Result<std::int64_t> PartitionReader::read_lag_sync() {
    std::promise<Result<std::int64_t>> promise;
    auto future = promise.get_future();
    read_lag([&promise](Result<std::int64_t> r) { promise.set_value(std::move(r)); });
    return future.get();
}

void PartitionReader::fetch_message(MessageCallback done) { fetch_message_with_id(next_waiter_id_++, std::move(done)); }

void PartitionReader::fetch_message_with_id(std::uint64_t id, MessageCallback done) {
    // dispatch, not post: a callback asking for the next message (the usual
    // loop, on the engine thread) is queued at once instead of paying a
    // round through the io_context per message. From other threads it posts.
    asio::dispatch(executor_, [self = shared_from_this(), id, done = std::move(done)]() mutable {
        if (self->closed_) {
            // Posted: a caller that asks again on every error must not recurse.
            asio::post(self->executor_, [done = std::move(done)] { done(end_of_stream()); });
            return;
        }
        self->waiters_.push_back({id, std::move(done)});
        self->serve();
    });
}

Result<Message> PartitionReader::fetch_message_sync(std::optional<std::chrono::milliseconds> timeout) {
    const std::uint64_t id = next_waiter_id_++;
    return wait_for_message(
        executor_, [&](MessageCallback done) { fetch_message_with_id(id, std::move(done)); },
        [self = shared_from_this(), id] { std::erase_if(self->waiters_, [id](const Waiter& w) { return w.id == id; }); },
        timeout, "from " + config_.topic + "/" + std::to_string(config_.partition));
}

void PartitionReader::close() {
    asio::post(executor_, [self = shared_from_this()] {
        if (self->closed_) return;
        self->closed_ = true;
        self->queue_.clear();
        self->wake_.cancel();
        self->serve();
    });
}

}  // namespace kafkascope::consumer
