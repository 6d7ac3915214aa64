#include "producer/writer.h"

#include <future>

#include <asio/post.hpp>

#include "producer/balancer.h"
#include "producer/writer_core.h"
#include "records/record_batch_writer.h"

namespace kafkascope::producer {

Result<std::shared_ptr<Writer>> Writer::create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                               cluster::MetadataCache& cache, WriterConfig config) {
    auto invalid = [](std::string why) { return Error(client_errc::invalid_argument, "writer: " + std::move(why)); };
    if (config.batch_size < 1) return invalid("batch_size must be at least 1");
    if (config.batch_bytes <= records::kRecordBatchHeaderSize)
        return invalid("batch_bytes must exceed the " + std::to_string(records::kRecordBatchHeaderSize) +
                       "-byte batch header");
    if (config.max_attempts < 1) return invalid("max_attempts must be at least 1");
    if (config.round_robin_chunk_size < 1) return invalid("round_robin_chunk_size must be at least 1");
    if (config.batch_timeout.count() < 0 || config.write_timeout.count() <= 0)
        return invalid("timeouts must be positive");
    if (config.linger && config.linger->count() < 0) return invalid("linger must not be negative");
    if (!config.balancer.empty() && !make_balancer(config.balancer))
        return invalid("unknown balancer '" + config.balancer + "'");
    if (config.idempotent.value_or(false) && config.required_acks != RequiredAcks::all)
        return invalid("an idempotent producer needs required_acks = all");
    auto core = std::make_shared<WriterCore>(executor, pool, cache, config);
    return std::make_shared<Writer>(std::move(executor), std::move(core), std::move(config));
}

Writer::Writer(asio::any_io_executor executor, std::shared_ptr<WriterCore> core, WriterConfig config)
    : executor_(std::move(executor)), core_(std::move(core)), config_(std::move(config)) {}

Writer::~Writer() {
    asio::post(executor_, [core = core_, timeout = config_.write_timeout] { core->close(timeout, {}); });
}

void Writer::write(std::vector<Message> messages, DeliveryCallback done) {
    asio::post(executor_, [core = core_, messages = std::move(messages), done = std::move(done)]() mutable {
        core->write(std::move(messages), std::move(done));
    });
}

std::vector<DeliveryReport> Writer::write_sync(std::vector<Message> messages) {
    std::promise<std::vector<DeliveryReport>> promise;
    auto future = promise.get_future();
    write(std::move(messages), [&promise](std::vector<DeliveryReport> r) { promise.set_value(std::move(r)); });
    return future.get();
}

void Writer::flush(std::function<void()> done) {
    asio::post(executor_, [core = core_, done = std::move(done)]() mutable { core->flush(std::move(done)); });
}

void Writer::flush_sync() {
    std::promise<void> promise;
    flush([&promise] { promise.set_value(); });
    promise.get_future().get();
}

void Writer::close(std::chrono::milliseconds timeout, std::function<void()> done) {
    asio::post(executor_, [core = core_, timeout, done = std::move(done)]() mutable {
        core->close(timeout, std::move(done));
    });
}

void Writer::close_sync(std::chrono::milliseconds timeout) {
    std::promise<void> promise;
    close(timeout, [&promise] { promise.set_value(); });
    promise.get_future().get();
}

void Writer::stats(std::function<void(WriterStats)> done) const {
    asio::post(executor_, [core = core_, done = std::move(done)] { done(core->stats()); });
}

WriterStats Writer::stats_sync() const {
    std::promise<WriterStats> promise;
    stats([&promise](WriterStats s) { promise.set_value(std::move(s)); });
    return promise.get_future().get();
}

}  // namespace kafkascope::producer
