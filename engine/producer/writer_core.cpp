#include "producer/writer_core.h"

#include <algorithm>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include "cluster/metadata_client.h"
#include "protocol/kafka_error.h"
#include "records/record_batch_writer.h"

namespace kafkascope::producer {

bool WriteCall::settle(std::size_t index, DeliveryReport report, Clock::time_point now) {
    if (index >= settled.size() || settled[index]) return false;
    settled[index] = true;
    report.index = index;
    report.latency = std::chrono::duration_cast<std::chrono::microseconds>(now - start);
    reports[index] = std::move(report);
    finish_one();
    return true;
}

bool WriteCall::settle_stored(std::size_t index, const TopicName& topic, std::int32_t partition,
                              std::int64_t offset, std::int64_t timestamp_ms, Clock::time_point now) {
    if (index >= settled.size() || settled[index]) return false;
    settled[index] = true;
    DeliveryReport& report = reports[index];  // default-made in write(): error empty
    report.index = index;
    report.topic = topic;
    report.partition = partition;
    report.offset = offset;
    report.timestamp_ms = timestamp_ms;
    report.latency = std::chrono::duration_cast<std::chrono::microseconds>(now - start);
    finish_one();
    return true;
}

void WriteCall::finish_one() {
    if (--remaining == 0 && done) done(std::move(reports));
}

WriterCore::WriterCore(asio::any_io_executor executor, cluster::BrokerPool& pool,
                       cluster::MetadataCache& cache, WriterConfig config)
    : executor_(std::move(executor)), pool_(pool), cache_(cache), config_(config), stats_(std::move(config)) {}

void WriterCore::write(std::vector<Message> messages, DeliveryCallback done) {
    auto call = std::make_shared<WriteCall>();
    call->reports.resize(messages.size());
    call->settled.assign(messages.size(), false);
    call->remaining = messages.size();
    call->done = std::move(done);
    if (messages.empty()) {
        if (call->done) call->done({});
        return;
    }
    unsettled_ += messages.size();
    if (closed_) {
        for (std::size_t i = 0; i < messages.size(); ++i) {
            fail_message(*call, i, messages[i].topic, -1, Error(client_errc::cancelled, "the writer is closed"));
        }
        return;
    }
    intake_.push_back(Intake{Kind::write, std::move(messages), std::move(call), {}});
    if (!draining_) {
        draining_ = true;
        asio::co_spawn(executor_, [self = shared_from_this()] { return self->drain(); }, asio::detached);
    }
}

void WriterCore::flush(std::function<void()> done) {
    intake_.push_back(Intake{Kind::flush, {}, nullptr, std::move(done)});
    if (!draining_) {
        draining_ = true;
        asio::co_spawn(executor_, [self = shared_from_this()] { return self->drain(); }, asio::detached);
    }
}

void WriterCore::close(std::chrono::milliseconds timeout, std::function<void()> done) {
    closed_ = true;
    if (!close_timer_) {
        close_timer_.emplace(executor_, timeout);
        close_timer_->async_wait([self = shared_from_this(), timeout](std::error_code ec) {
            if (ec) return;
            self->abort_all(Error(client_errc::cancelled,
                                  "the writer was closed before the broker answered within " +
                                      std::to_string(timeout.count()) +
                                      " ms; the message may or may not be stored"));
        });
    }
    intake_.push_back(Intake{Kind::close, {}, nullptr, std::move(done)});
    if (!draining_) {
        draining_ = true;
        asio::co_spawn(executor_, [self = shared_from_this()] { return self->drain(); }, asio::detached);
    }
}

WriterStats WriterCore::stats() const {
    WriterStats s = stats_.snapshot();
    s.idempotent = idempotence_ == Idempotence::on;
    s.producer_id = producer_id_;
    s.producer_epoch = producer_epoch_;
    return s;
}

asio::awaitable<bool> WriterCore::refresh_metadata() {
    // Topics are never named: the sandbox (Metadata < v4) would create them.
    cluster::TopicSelection all{{}, false};
    auto md = co_await cluster::fetch_metadata(pool_, std::move(all));
    if (!md) co_return false;
    cache_.store(*md);
    metadata_ = std::move(md).value();
    metadata_stale_ = false;
    co_return true;
}

// Takes intake in order, so messages of consecutive write calls keep their
// order within a partition even when the first call waits for metadata.
asio::awaitable<void> WriterCore::drain() {
    auto self = shared_from_this();
    while (!intake_.empty()) {
        if (intake_.front().kind == Kind::write && (!metadata_ || metadata_stale_)) {
            if (auto cached = cache_.lookup({}); cached && !metadata_) {
                metadata_ = std::move(cached);
                metadata_stale_ = false;
            } else {
                co_await refresh_metadata();  // failure: messages fail as unknown topics below
            }
        }
        if (intake_.empty()) break;  // abort_all() emptied it meanwhile
        Intake item = std::move(intake_.front());
        intake_.pop_front();
        if (item.kind != Kind::write) {
            flush_all(item.kind == Kind::close ? FlushReason::close : FlushReason::flush);
            if (item.done) idle_waiters_.push_back(std::move(item.done));
            check_idle();
            continue;
        }
        std::vector<PartitionState*> touched;
        std::vector<Route> routes;
        // The time of the write call, for messages without their own (kafka-go
        // stamps a whole call alike too); one clock read per call.
        const std::int64_t now_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
                .count();
        for (std::size_t i = 0; i < item.messages.size(); ++i) {
            accept(item.call, i, std::move(item.messages[i]), now_ms, routes, touched);
        }
        if (!config_.async) {
            for (PartitionState* ps : touched) {
                if (!config_.linger) {
                    close_open(*ps, FlushReason::sync);
                } else if (*config_.linger < config_.batch_timeout && ps->open) {
                    arm_timer(*ps, Clock::now() + *config_.linger, FlushReason::linger);
                }
            }
        }
    }
    draining_ = false;
}

void WriterCore::accept(const std::shared_ptr<WriteCall>& call, std::size_t index, Message m, std::int64_t now_ms,
                        std::vector<Route>& routes, std::vector<PartitionState*>& touched) {
    const std::string& topic = m.topic.empty() ? config_.topic : m.topic;
    if (topic.empty()) {
        fail_message(*call, index, topic, -1, Error(client_errc::invalid_argument, "message names no topic"));
        return;
    }
    auto found = std::find_if(routes.begin(), routes.end(), [&](const Route& r) { return r.topic == topic; });
    if (found == routes.end()) {
        Route r;
        r.topic = topic;
        r.info = metadata_ ? metadata_->find_topic(topic) : nullptr;
        if (r.info && !r.info->partitions.empty()) {
            for (const PartitionInfo& p : r.info->partitions) r.ids.push_back(p.partition);
            r.states.assign(r.ids.size(), nullptr);
            r.balancer = &balancer_for(topic);
        }
        found = routes.insert(routes.end(), std::move(r));
    }
    Route& route = *found;
    if (!route.balancer) {
        fail_message(*call, index, topic, -1,
                     Error(client_errc::unknown_topic, metadata_ ? "topic '" + topic + "' does not exist"
                                                                 : "no metadata for topic '" + topic + "'"));
        return;
    }
    MessageRef ref;
    if (m.key) ref.key = std::span<const std::uint8_t>(m.key->data(), m.key->size());
    ref.value_size = m.value ? m.value->size() : 0;
    ref.partition = m.partition;
    const std::int32_t partition = choose_partition(*route.balancer, ref, route.ids);
    if (partition == kNoPartition) {
        fail_message(*call, index, topic, m.partition.value_or(-1),
                     Error(client_errc::invalid_argument,
                           "partition " + std::to_string(m.partition.value_or(-1)) + " does not exist in '" +
                               topic + "' (" + std::to_string(route.ids.size()) + " partitions)"));
        return;
    }
    records::Record record{std::move(m.key), std::move(m.value), std::move(m.headers),
                           m.timestamp_ms.value_or(now_ms)};
    const std::size_t fixed = records::record_fixed_size(record);
    if (auto error = oversize(record, fixed, index)) {
        fail_message(*call, index, topic, partition, std::move(*error));
        return;
    }
    // choose_partition() returns one of route.ids.
    const auto slot =
        static_cast<std::size_t>(std::find(route.ids.begin(), route.ids.end(), partition) - route.ids.begin());
    PartitionState* ps = slot < route.states.size() ? route.states[slot] : nullptr;
    if (!ps) {
        ps = &partition_state(topic, partition);
        if (slot < route.states.size()) route.states[slot] = ps;
    }
    append(*ps, call, index, std::move(record), fixed);
    if (std::find(touched.begin(), touched.end(), ps) == touched.end()) touched.push_back(ps);
}

// A message that cannot fit in any batch fails alone, before anything is
// sent, with its size and the limit. The size that counts is the one the
// broker sees: the message alone as a (compressed) record batch.
std::optional<Error> WriterCore::oversize(const records::Record& record, std::size_t fixed,
                                          std::size_t index) const {
    const std::size_t plain = records::kRecordBatchHeaderSize + records::record_size_at(fixed, 0, 0);
    if (plain <= config_.batch_bytes) return std::nullopt;
    std::size_t size = plain;
    std::string how = "uncompressed";
    if (config_.compression != records::Compression::none) {
        records::BatchOptions options;
        options.compression = config_.compression;
        options.compression_level = config_.compression_level;
        auto encoded = records::write_record_batch(std::span<const records::Record>(&record, 1), options);
        if (!encoded) return encoded.error();
        size = encoded->size();
        how = std::string(records::compression_name(config_.compression)) + "-compressed";
        if (size <= config_.batch_bytes) return std::nullopt;
    }
    return Error(protocol::make_kafka_error_code(10),
                 "MESSAGE_TOO_LARGE: message " + std::to_string(index) + " is " + std::to_string(size) +
                     " bytes as a record batch (" + how + "), over the batch_bytes limit of " +
                     std::to_string(config_.batch_bytes) + " bytes; not sent");
}

PartitionState& WriterCore::partition_state(const std::string& topic, std::int32_t partition) {
    auto& slot = partitions_[{topic, partition}];
    if (!slot) slot = std::make_unique<PartitionState>(executor_, topic, partition);
    return *slot;
}

Balancer& WriterCore::balancer_for(const std::string& topic) {
    auto& slot = balancers_[topic];
    BalancerOptions options;
    options.chunk_size = config_.round_robin_chunk_size;
    if (!slot) slot = make_balancer(config_.balancer.empty() ? "round-robin" : config_.balancer, options);
    if (!slot) slot = make_balancer("round-robin");  // the name was checked when the writer was made
    return *slot;
}

void WriterCore::append(PartitionState& ps, const std::shared_ptr<WriteCall>& call, std::size_t index,
                        records::Record record, std::size_t fixed) {
    // Only the timestamp and offset deltas depend on the batch.
    const auto record_size = [&] {
        if (!ps.open) return records::record_size_at(fixed, 0, 0);
        const auto& first = ps.open->records.front();
        return records::record_size_at(fixed, record.timestamp_ms - first.timestamp_ms,
                                       static_cast<std::int32_t>(ps.open->size()));
    };
    std::size_t size = record_size();
    // kafka-go: the next message would not fit, so the current batch goes.
    if (ps.open && ps.open->bytes + size > config_.batch_bytes) {
        close_open(ps, FlushReason::bytes);
        size = record_size();
    }
    if (!ps.open) {
        ps.open.emplace();
        ps.open->topic = ps.topic;
        ps.open->partition = ps.partition;
        ps.open->bytes = records::kRecordBatchHeaderSize;
        ps.open->opened = Clock::now();
        ps.open->id = next_batch_id_++;
        // Reserve for as many messages as this partition's last batch had
        // (a little more), so a steady stream fills its batches without
        // regrowing and moving them; the first batch of a partition guesses
        // at most 1024 and no guess exceeds 16k, so nothing huge is reserved
        // up front.
        const std::size_t guess = ps.last_batch_messages ? ps.last_batch_messages + ps.last_batch_messages / 8 : 1024;
        const std::size_t expected =
            std::min<std::size_t>({config_.batch_size, std::max<std::size_t>(guess, 16), 16'384});
        ps.open->indexes.reserve(expected);
        ps.open->records.reserve(expected);
        arm_timer(ps, ps.open->opened + config_.batch_timeout, FlushReason::timeout);
    }
    ps.open->add(call, index, std::move(record));
    ps.open->bytes += size;
    if (ps.open->size() >= config_.batch_size) {
        close_open(ps, FlushReason::size);
    } else if (ps.open->bytes >= config_.batch_bytes) {
        close_open(ps, FlushReason::bytes);
    }
}

void WriterCore::arm_timer(PartitionState& ps, Clock::time_point when, FlushReason reason) {
    if (ps.deadline && *ps.deadline <= when) return;
    ps.deadline = when;
    ps.deadline_reason = reason;
    const std::uint64_t generation = ++ps.timer_generation;
    ps.timer.expires_at(when);
    ps.timer.async_wait([self = shared_from_this(), ps = &ps, generation](std::error_code ec) {
        if (ec || generation != ps->timer_generation) return;
        self->close_open(*ps, ps->deadline_reason);
    });
}

void WriterCore::close_open(PartitionState& ps, FlushReason reason) {
    ++ps.timer_generation;
    ps.deadline.reset();
    ps.timer.cancel();
    if (!ps.open) return;
    Batch batch = std::move(*ps.open);
    ps.open.reset();
    batch.flushed = Clock::now();
    ps.last_batch_messages = batch.size();
    stats_.raw().flushes.push_back(FlushRecord{batch.topic, batch.partition, batch.size(), batch.bytes,
                                               reason, std::chrono::system_clock::now()});
    stats_.both(batch.topic, batch.partition, [&](WriterCounters& c) {
        c.batch_queue_time_us.add(micros(batch.flushed - batch.opened));
        c.batch_size.add(static_cast<std::int64_t>(batch.size()));
        c.batch_bytes.add(static_cast<std::int64_t>(batch.bytes));
    });
    ps.ready.push_back(std::move(batch));
    schedule_pump();
}

void WriterCore::flush_all(FlushReason reason) {
    for (auto& [key, ps] : partitions_) close_open(*ps, reason);
}

void WriterCore::settle(WriteCall& call, std::size_t index, DeliveryReport report) {
    const bool failed = static_cast<bool>(report.error);
    // Copied only for the error counters below (report is moved on).
    const std::string topic = failed ? report.topic.str() : std::string();
    const std::int32_t partition = report.partition;
    if (!call.settle(index, std::move(report))) return;  // already settled (close timed out first)
    --unsettled_;
    if (failed) {
        ++stats_.raw().total.errors;
        // Per partition only for partitions really written to (not "partition 99").
        if (partitions_.count({topic, partition})) ++stats_.partition(topic, partition).errors;
    }
}

void WriterCore::fail_message(WriteCall& call, std::size_t index, std::string topic, std::int32_t partition,
                              Error error) {
    DeliveryReport report;
    report.topic = std::move(topic);
    report.partition = partition;
    report.error = std::move(error);
    settle(call, index, std::move(report));
    check_idle();
}

void WriterCore::check_idle() {
    if (unsettled_ != 0) return;
    // Closed and idle: the close deadline no longer matters (and would keep
    // this object alive until it expires).
    if (closed_ && close_timer_) close_timer_->cancel();
    auto waiters = std::move(idle_waiters_);
    idle_waiters_.clear();
    for (auto& w : waiters) w();
}

void WriterCore::abort_all(const Error& error) {
    for (Intake& item : intake_) {
        if (item.kind != Kind::write) continue;
        for (std::size_t i = 0; i < item.messages.size(); ++i) fail_message(*item.call, i, item.messages[i].topic, -1, error);
    }
    std::erase_if(intake_, [](const Intake& i) { return i.kind == Kind::write; });
    for (auto& [key, ps] : partitions_) {
        close_open(*ps, FlushReason::close);
        for (Batch& b : ps->ready) {
            b.for_each([&](WriteCall& call, std::size_t index, std::size_t) {
                fail_message(call, index, b.topic, b.partition, error);
            });
        }
        ps->ready.clear();  // an answer still on its way finds no batch and is ignored
    }
    check_idle();
}

}  // namespace kafkascope::producer
