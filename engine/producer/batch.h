#pragma once
// The writer's units of work, all owned by the engine thread:
//   WriteCall      one write() call: its reports and its callback, called
//                  once every message has an outcome.
//   Batch          messages for one (topic, partition) sent as one record
//                  batch. Encoded once, at its first send; retries resend the
//                  same bytes (same producer id, epoch and base sequence) so
//                  an idempotent broker can drop the duplicate.
//   PartitionState the open batch, the flushed ones waiting their turn, and
//                  the one in flight (kafka-go: at most one per partition).

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/steady_timer.hpp>

#include "producer/writer_config.h"

namespace kafkascope::producer {

using Clock = std::chrono::steady_clock;

struct WriteCall {
    std::vector<DeliveryReport> reports;
    std::vector<bool> settled;
    std::size_t remaining = 0;
    DeliveryCallback done;
    Clock::time_point start = Clock::now();

    // First outcome wins: a message failed by close() stays failed even if a
    // late answer arrives. Returns true when this settled a new message.
    // `now` sets the report's latency; callers settling a whole batch read
    // the clock once for all of its messages.
    bool settle(std::size_t index, DeliveryReport report, Clock::time_point now = Clock::now());
    // The success path of settle(), per message of an acknowledged batch:
    // fills reports[index] in place (no temporary report; the topic is a
    // shared pointer-sized name).
    bool settle_stored(std::size_t index, const TopicName& topic, std::int32_t partition, std::int64_t offset,
                       std::int64_t timestamp_ms, Clock::time_point now);

private:
    void finish_one();
};

// The write calls a batch's messages came from, run-length coded: messages
// [previous run's end, end) of the batch belong to `call`. Consecutive
// messages of a batch nearly always come from the same call, so this holds
// one reference per call rather than one per message.
struct CallRun {
    std::shared_ptr<WriteCall> call;
    std::size_t end = 0;
};

struct Batch {
    std::string topic;
    std::int32_t partition = -1;
    // Per message, in batch order: its index in its write call, and its
    // record. Records are kept after encoding: a split or a new producer id
    // encodes them again, and reports carry their timestamps.
    std::vector<std::size_t> indexes;
    std::vector<records::Record> records;
    std::vector<CallRun> calls;
    std::size_t bytes = 0;  // uncompressed, header included (the batch_bytes check)
    Clock::time_point opened, flushed;

    // Set at first send and shared with the Produce requests that carry it
    // (the connection writes it from here, no copy).
    std::shared_ptr<const records::Bytes> encoded;
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
    std::int32_t base_sequence = -1;
    int attempts = 0;  // sends so far
    std::uint64_t id = 0;  // tells a batch apart after close() dropped it

    std::size_t size() const { return indexes.size(); }
    void add(const std::shared_ptr<WriteCall>& call, std::size_t index, records::Record record) {
        if (calls.empty() || calls.back().call != call) calls.push_back(CallRun{call, indexes.size()});
        indexes.push_back(index);
        records.push_back(std::move(record));
        calls.back().end = indexes.size();
    }
    // f(WriteCall&, index in its call, position in this batch) per message.
    template <class F>
    void for_each(F f) const {
        std::size_t i = 0;
        for (const CallRun& run : calls) {
            for (; i < run.end; ++i) f(*run.call, indexes[i], i);
        }
    }
    // The call of the message at `position`.
    const std::shared_ptr<WriteCall>& call_at(std::size_t position) const {
        for (const CallRun& run : calls) {
            if (position < run.end) return run.call;
        }
        return calls.back().call;
    }
};

struct PartitionState {
    PartitionState(asio::any_io_executor executor, std::string t, std::int32_t p)
        : topic(std::move(t)), topic_name(topic), partition(p), timer(std::move(executor)) {}

    std::string topic;
    TopicName topic_name;  // the same, for reports
    std::int32_t partition;
    std::optional<Batch> open;
    std::size_t last_batch_messages = 0;  // size of the last batch flushed, to reserve the next one
    std::deque<Batch> ready;  // front is the one in flight when in_flight
    bool in_flight = false;   // a send or a retry backoff is under way

    // One timer per partition: the earlier of batch_timeout (from the first
    // message) and a synchronous write's linger. `timer_generation` tells a
    // stale expiry from the current one.
    asio::steady_timer timer;
    std::uint64_t timer_generation = 0;
    std::optional<Clock::time_point> deadline;
    FlushReason deadline_reason = FlushReason::timeout;

    // Idempotence: next sequence under `sequence_producer_id`.
    std::int64_t sequence_producer_id = -1;
    std::int32_t next_sequence = 0;
};

}  // namespace kafkascope::producer
