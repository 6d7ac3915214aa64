#pragma once
// A batching Kafka producer with kafka-go's Writer behaviour (seed-notes §1)
// and per-message delivery reports. Get one from Engine::create_writer().
//
// Thread safety: every method may be called from any thread; it posts to the
// engine thread, where all writer state lives. Callbacks run ON THE ENGINE
// THREAD (keep them short). The *_sync forms block the caller: never call
// them from an engine callback. A Writer must be destroyed (or closed)
// before its Engine; destroying it closes it in the background.

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include <asio/any_io_executor.hpp>

#include "cluster/broker_pool.h"
#include "cluster/metadata_cache.h"
#include "core/result.h"
#include "producer/writer_config.h"
#include "producer/writer_stats.h"

namespace kafkascope::producer {

class WriterCore;

class Writer {
public:
    // Checks the config (limits, balancer name, idempotence vs acks).
    static Result<std::shared_ptr<Writer>> create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                  cluster::MetadataCache& cache, WriterConfig config);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    const WriterConfig& config() const { return config_; }

    // Queues the messages; `done` gets one report per message, in message
    // order, once every one has an outcome.
    void write(std::vector<Message> messages, DeliveryCallback done);
    std::vector<DeliveryReport> write_sync(std::vector<Message> messages);

    // Sends every batch now (reason flush); `done` once nothing is pending.
    void flush(std::function<void()> done);
    void flush_sync();

    // Refuses new writes, flushes (reason close) and waits for the answers;
    // whatever is still unanswered after `timeout` fails with `cancelled`.
    void close(std::chrono::milliseconds timeout, std::function<void()> done);
    void close_sync(std::chrono::milliseconds timeout);

    void stats(std::function<void(WriterStats)> done) const;
    WriterStats stats_sync() const;

    Writer(asio::any_io_executor executor, std::shared_ptr<WriterCore> core, WriterConfig config);

private:
    asio::any_io_executor executor_;
    std::shared_ptr<WriterCore> core_;
    WriterConfig config_;
};

}  // namespace kafkascope::producer
