#pragma once
// The writer's engine-thread half: intake, accumulation and flush policy
// (writer_core.cpp), sending, responses and retries (writer_sender.cpp),
// idempotence (writer_idempotence.cpp). Every member is touched only on the
// engine thread; the public Writer handle posts here.

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include "cluster/broker_pool.h"
#include "cluster/cluster_types.h"
#include "cluster/metadata_cache.h"
#include "producer/balancer.h"
#include "producer/batch.h"
#include "producer/writer_stats.h"
#include "protocol/messages/produce.h"

namespace kafkascope::producer {

class WriterCore : public std::enable_shared_from_this<WriterCore> {
public:
    WriterCore(asio::any_io_executor executor, cluster::BrokerPool& pool,
               cluster::MetadataCache& cache, WriterConfig config);

    void write(std::vector<Message> messages, DeliveryCallback done);
    // Flushes every batch (reason flush / close) after the writes queued
    // before it, then calls `done` once no message is left without outcome.
    void flush(std::function<void()> done);
    // Refuses later writes; messages still unsettled after `timeout` fail.
    void close(std::chrono::milliseconds timeout, std::function<void()> done);
    WriterStats stats() const;

private:
    enum class Kind { write, flush, close };
    struct Intake {
        Kind kind = Kind::write;
        std::vector<Message> messages;
        std::shared_ptr<WriteCall> call;
        std::function<void()> done;
    };
    enum class Idempotence { undecided, off, on };

    // --- intake and accumulation (writer_core.cpp)
    asio::awaitable<void> drain();
    // What accept() needs per topic, looked up once per write call rather
    // than per message. Lives for one intake item only: metadata_ cannot
    // change while its messages are accepted (no co_await in between).
    struct Route {
        std::string topic;
        const TopicInfo* info = nullptr;
        std::vector<std::int32_t> ids;        // partition ids, as the balancer takes them
        Balancer* balancer = nullptr;         // set when the topic has partitions
        std::vector<PartitionState*> states;  // states[i] for ids[i], found on first use
    };
    void accept(const std::shared_ptr<WriteCall>& call, std::size_t index, Message message, std::int64_t now_ms,
                std::vector<Route>& routes, std::vector<PartitionState*>& touched);
    // `fixed`: records::record_fixed_size(record), computed once per message.
    std::optional<Error> oversize(const records::Record& record, std::size_t fixed, std::size_t index) const;
    PartitionState& partition_state(const std::string& topic, std::int32_t partition);
    Balancer& balancer_for(const std::string& topic);
    void append(PartitionState& ps, const std::shared_ptr<WriteCall>& call, std::size_t index,
                records::Record record, std::size_t fixed);
    void close_open(PartitionState& ps, FlushReason reason);
    void arm_timer(PartitionState& ps, Clock::time_point when, FlushReason reason);
    void flush_all(FlushReason reason);
    void settle(WriteCall& call, std::size_t index, DeliveryReport report);
    void fail_message(WriteCall& call, std::size_t index, std::string topic, std::int32_t partition, Error error);
    void check_idle();
    void abort_all(const Error& error);
    asio::awaitable<bool> refresh_metadata();

    // --- sending (writer_sender.cpp)
    void schedule_pump();
    asio::awaitable<void> pump();
    Status prepare(PartitionState& ps, Batch& batch);
    asio::awaitable<void> send_to_leader(std::int32_t leader, std::vector<PartitionState*> parts);
    void handle_answer(PartitionState& ps, const protocol::ProduceResponse::Partition& answer,
                       std::int32_t leader);
    void complete_front(PartitionState& ps, std::int64_t base_offset, std::int64_t log_append_time);
    void fail_front(PartitionState& ps, const Error& error, bool definite);
    void retry_front(PartitionState& ps, const Error& error, bool refresh_metadata);
    void split_front(PartitionState& ps);
    void reject_records(PartitionState& ps, const protocol::ProduceResponse::Partition& answer, const Error& error);
    void release_sequence(PartitionState& ps, const Batch& batch, bool definite);

    // --- idempotence (writer_idempotence.cpp)
    asio::awaitable<Status> init_producer_id();

    asio::any_io_executor executor_;
    cluster::BrokerPool& pool_;
    cluster::MetadataCache& cache_;
    WriterConfig config_;
    StatsRecorder stats_;
    std::map<std::string, std::unique_ptr<Balancer>> balancers_;  // one per topic, as kafka-go
    std::map<std::pair<std::string, std::int32_t>, std::unique_ptr<PartitionState>> partitions_;
    std::optional<ClusterMetadata> metadata_;
    bool metadata_stale_ = true;

    std::deque<Intake> intake_;
    bool draining_ = false;
    bool closed_ = false;
    std::size_t unsettled_ = 0;  // messages accepted by write() without an outcome yet
    std::vector<std::function<void()>> idle_waiters_;
    std::optional<asio::steady_timer> close_timer_;

    bool pump_posted_ = false, pumping_ = false, pump_again_ = false;
    std::uint64_t next_batch_id_ = 1;

    Idempotence idempotence_ = Idempotence::undecided;
    bool reset_producer_id_ = false;
    std::int64_t producer_id_ = -1;
    std::int16_t producer_epoch_ = -1;
};

}  // namespace kafkascope::producer
