// Sending: at most one Produce in flight per partition (kafka-go), the ready
// batches of all partitions led by one broker grouped into one request, and
// each partition's answer (or failure) mapped back onto its messages.

#include <algorithm>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>

#include "producer/produce_request.h"
#include "producer/writer_core.h"
#include "protocol/frame.h"
#include "protocol/kafka_error.h"
#include "records/record_batch_writer.h"

namespace kafkascope::producer {
namespace {

std::string where(const PartitionState& ps) { return ps.topic + "/" + std::to_string(ps.partition); }

}  // namespace

void WriterCore::schedule_pump() {
    if (pumping_) {
        pump_again_ = true;
        return;
    }
    if (pump_posted_) return;
    pump_posted_ = true;
    // co_spawn starts through a post: batches flushed in the same turn of the
    // loop (a sync write touching many partitions) share one request per leader.
    asio::co_spawn(executor_, [self = shared_from_this()] { return self->pump(); }, asio::detached);
}

asio::awaitable<void> WriterCore::pump() {
    auto self = shared_from_this();
    pump_posted_ = false;
    pumping_ = true;
    do {
        pump_again_ = false;
        auto sendable = [&] {
            std::vector<PartitionState*> out;
            for (auto& [key, ps] : partitions_) {
                if (!ps->in_flight && !ps->ready.empty()) out.push_back(ps.get());
            }
            return out;
        };
        if (sendable().empty()) break;
        if (!metadata_ || metadata_stale_) co_await refresh_metadata();
        if (idempotence_ == Idempotence::undecided || reset_producer_id_) {
            Status status = co_await init_producer_id();
            if (!status) {
                for (PartitionState* ps : sendable()) {
                    ps->in_flight = true;
                    retry_front(*ps, status.error(), true);
                }
                continue;
            }
        }
        std::map<std::int32_t, std::vector<PartitionState*>> by_leader;
        for (PartitionState* ps : sendable()) {
            ps->in_flight = true;
            const TopicInfo* topic = metadata_ ? metadata_->find_topic(ps->topic) : nullptr;
            const PartitionInfo* info = nullptr;
            if (topic) {
                for (const PartitionInfo& p : topic->partitions) {
                    if (p.partition == ps->partition) info = &p;
                }
            }
            if (!info || info->leader < 0) {
                retry_front(*ps, Error(protocol::make_kafka_error_code(5), where(*ps) + " has no leader in the metadata"),
                            true);
                continue;
            }
            Status prepared = prepare(*ps, ps->ready.front());
            if (!prepared) {
                fail_front(*ps, prepared.error(), true);
                continue;
            }
            by_leader[info->leader].push_back(ps);
        }
        for (auto& [leader, parts] : by_leader) {
            asio::co_spawn(
                executor_,
                [self, leader = leader, parts = std::move(parts)]() mutable {
                    return self->send_to_leader(leader, std::move(parts));
                },
                asio::detached);
        }
    } while (pump_again_);
    pumping_ = false;
}

// Encodes a batch at its first send. Its producer id, epoch and sequence are
// fixed from here on, so every retry is a byte-identical duplicate the broker
// can recognise.
Status WriterCore::prepare(PartitionState& ps, Batch& batch) {
    if (batch.encoded) return ok_status();
    records::BatchOptions options;
    options.compression = config_.compression;
    options.compression_level = config_.compression_level;
    if (idempotence_ == Idempotence::on) {
        if (ps.sequence_producer_id != producer_id_) {
            ps.sequence_producer_id = producer_id_;
            ps.next_sequence = 0;
        }
        options.producer_id = batch.producer_id = producer_id_;
        options.producer_epoch = batch.producer_epoch = producer_epoch_;
        options.base_sequence = batch.base_sequence = ps.next_sequence;
        const auto count = static_cast<std::int64_t>(batch.size());
        // Sequences wrap to 0 after INT32_MAX, as in the Java client.
        ps.next_sequence = static_cast<std::int32_t>((ps.next_sequence + count) % (std::int64_t{1} << 31));
    }
    auto encoded = records::write_record_batch(batch.records, options);  // no copy of the records
    if (!encoded) return std::move(encoded).error();
    batch.encoded = std::make_shared<const records::Bytes>(std::move(encoded).value());
    return ok_status();
}

asio::awaitable<void> WriterCore::send_to_leader(std::int32_t leader, std::vector<PartitionState*> parts) {
    auto self = shared_from_this();
    struct Item {
        PartitionState* ps;
        std::uint64_t id;
    };
    std::vector<Item> items;
    std::vector<ProduceTopicData> topics;
    for (PartitionState* ps : parts) {
        Batch& batch = ps->ready.front();
        items.push_back({ps, batch.id});
        if (batch.attempts++ > 0) stats_.both(ps->topic, ps->partition, [](WriterCounters& c) { ++c.retries; });
        ++stats_.partition(ps->topic, ps->partition).writes;
        auto topic = std::find_if(topics.begin(), topics.end(), [&](const auto& t) { return t.name == ps->topic; });
        if (topic == topics.end()) {
            topics.emplace_back();
            topic = std::prev(topics.end());
            topic->name = ps->topic;
        }
        topic->partitions.push_back(ProducePartitionData{ps->partition, batch.encoded});
    }
    ++stats_.raw().total.writes;

    // The batch an item was sent for, unless close() dropped it meanwhile.
    auto front = [](const Item& item) -> PartitionState* {
        if (item.ps->ready.empty() || item.ps->ready.front().id != item.id) {
            item.ps->in_flight = false;
            return nullptr;
        }
        return item.ps;
    };
    auto fail_all = [&](const Error& error) {
        for (const Item& item : items) {
            if (PartitionState* ps = front(item)) retry_front(*ps, error, true);
        }
        check_idle();
        schedule_pump();
    };

    const auto started = Clock::now();
    auto connection = co_await pool_.connect_node(leader);
    if (!connection) co_return fail_all(connection.error());
    auto version = produce_version(**connection);
    if (!version) co_return fail_all(version.error());
    ProduceRequestParts request =
        encode_produce_request(*version, pool_.options().client_id, static_cast<std::int16_t>(config_.required_acks),
                               static_cast<std::int32_t>(config_.write_timeout.count()), topics);
    topics.clear();  // drops this request's extra references to the batches
    const bool expect_response = config_.required_acks != RequiredAcks::none;
    // Fire and forget (acks = none) completes once written. (The sandbox
    // answers anyway; the connection drops that answer by its unknown
    // correlation id.)
    auto bytes = co_await (*connection)->round_trip_gather(std::move(request.request), std::move(request.slices),
                                                            expect_response, config_.write_timeout);
    if (!bytes) co_return fail_all(bytes.error());
    if (!expect_response) {
        for (const Item& item : items) {
            if (PartitionState* ps = front(item)) complete_front(*ps, -1, -1);
        }
    } else {
        auto response = protocol::decode_response<protocol::ProduceResponse>(*bytes, *version);
        if (!response) {
            co_return fail_all(Error(response.error().code, "broker " + (*connection)->address().to_string() +
                                                                ": " + response.error().message));
        }
        const auto write_time = micros(Clock::now() - started);
        const auto throttle = std::int64_t{response->throttle_time_ms} * 1000;
        stats_.raw().total.write_time_us.add(write_time);
        stats_.raw().total.wait_time_us.add(throttle);
        for (const Item& item : items) {
            PartitionState* ps = front(item);
            if (!ps) continue;
            WriterCounters& c = stats_.partition(ps->topic, ps->partition);
            c.write_time_us.add(write_time);
            c.wait_time_us.add(throttle);
            const protocol::ProduceResponse::Partition* answer = nullptr;
            for (const auto& t : response->topics) {
                if (t.name != ps->topic) continue;
                for (const auto& p : t.partitions) {
                    if (p.index == ps->partition) answer = &p;
                }
            }
            if (!answer) {
                // Not acknowledged, so not reported as sent; a retry is safe
                // when idempotent and at worst a duplicate otherwise.
                retry_front(*ps, Error(client_errc::decode_failed, "node " + std::to_string(leader) +
                                                                       " did not answer for " + where(*ps)),
                            false);
                continue;
            }
            handle_answer(*ps, *answer, leader);
        }
    }
    check_idle();
    schedule_pump();
}

}  // namespace kafkascope::producer
