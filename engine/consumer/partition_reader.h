#pragma once
// kafka-go's Reader without a GroupID: one partition, read from a chosen
// offset, messages prefetched into a queue of queue_capacity and handed out
// in order. Get one from Engine::create_partition_reader().
//
// Threading: all state lives on the engine thread; public methods may be
// called from any thread and post there. fetch_message callbacks run ON THE
// ENGINE THREAD. offset(), lag() and stats() read snapshots kept under a
// small lock so the UI can poll them. Destroy (or close) every reader before
// the engine.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include "cluster/broker_pool.h"
#include "consumer/fetcher.h"
#include "consumer/message.h"
#include "consumer/reader_config.h"
#include "consumer/reader_stats.h"
#include "consumer/seek.h"
#include "core/result.h"

namespace kafkascope::consumer {

// close() makes waiting and later fetches fail with this (client_errc::cancelled).
bool is_end_of_stream(const Error& e);

class PartitionReader : public std::enable_shared_from_this<PartitionReader> {
public:
    using MessageCallback = std::function<void(Result<Message>)>;

    static Result<std::shared_ptr<PartitionReader>> create(asio::any_io_executor executor,
                                                           cluster::BrokerPool& pool,
                                                           PartitionReaderConfig config);
    ~PartitionReader();

    // first_offset, last_offset or an absolute offset. Drops the prefetched
    // queue and any pending error (such as OFFSET_OUT_OF_RANGE).
    void set_offset(std::int64_t offset);
    // kafka-go's SetOffsetAt: asks the leader for the first offset whose
    // message is at or after `time` (ListOffsets by timestamp) and moves
    // there, like set_offset. When no message is that recent the broker
    // answers -1 and the reader moves to the last offset, as kafka-go's
    // SetOffset(-1) does. `done` (engine thread) gets the broker's answer;
    // on error the position is unchanged. A closed reader refuses.
    void set_offset_at(std::chrono::system_clock::time_point time,
                       std::function<void(Result<OffsetAtTime>)> done);
    Result<OffsetAtTime> set_offset_at_sync(std::chrono::system_clock::time_point time);
    // Offset of the next message fetch_message will hand out (-2/-1 while a
    // symbolic start is unresolved).
    std::int64_t offset() const;
    // High watermark of the last fetch minus offset().
    std::int64_t lag() const;
    // Asks the leader for the current last offset; returns last - offset().
    void read_lag(std::function<void(Result<std::int64_t>)> done);
    Result<std::int64_t> read_lag_sync();

    // Next message in order. Errors: OFFSET_OUT_OF_RANGE or a corrupt batch
    // (fetching pauses until set_offset), end-of-stream after close().
    // Called on the engine thread, `done` may run before fetch_message
    // returns (never inside another fetch_message callback: those are
    // served one after another).
    void fetch_message(MessageCallback done);
    // Blocking form; timeout fails with request_timeout and loses no message.
    Result<Message> fetch_message_sync(std::optional<std::chrono::milliseconds> timeout = {});

    void close();
    ReaderStats stats() const;

private:
    struct Waiter {
        std::uint64_t id;
        MessageCallback done;
    };
    PartitionReader(asio::any_io_executor executor, cluster::BrokerPool& pool, PartitionReaderConfig config);
    void start();
    asio::awaitable<void> run();
    asio::awaitable<void> pause(std::chrono::milliseconds d);
    void serve();
    void fetch_message_with_id(std::uint64_t id, MessageCallback done);
    void publish();         // copies gauges into the locked snapshot
    void publish_locked();  // the same, mutex_ already held
    void apply_offset(std::int64_t offset);  // set_offset's work, on the engine thread

    asio::any_io_executor executor_;
    cluster::BrokerPool& pool_;
    const PartitionReaderConfig config_;
    asio::steady_timer wake_;  // cancelled to wake the fetch loop

    // Engine thread only.
    std::int64_t position_;  // next offset to fetch
    std::int64_t high_watermark_ = -1;
    std::uint64_t generation_ = 0;  // bumped by set_offset: in-flight results are stale
    std::deque<Message> queue_;
    std::deque<Waiter> waiters_;
    std::shared_ptr<net::Connection> connection_;
    std::string topic_id_;
    Error failed_;
    bool closed_ = false;
    bool serving_ = false;           // serve() is handing out messages
    bool waiting_for_room_ = false;  // the loop sleeps until the queue has room

    std::atomic<std::uint64_t> next_waiter_id_{1};
    mutable std::mutex mutex_;  // guards stats_ and delivered_
    ReaderStats stats_;
    std::int64_t delivered_;  // offset() value
};

}  // namespace kafkascope::consumer
