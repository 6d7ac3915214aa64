// What happens to a batch after the broker answered (or did not): success,
// retry with backoff, split, or failure, each message getting its own report.
// Nothing is reported stored unless the broker acknowledged it.

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>

#include "producer/writer_core.h"
#include "protocol/kafka_error.h"

namespace kafkascope::producer {
namespace {

constexpr std::int16_t kMessageTooLarge = 10;
constexpr std::int16_t kOutOfOrderSequence = 45;
constexpr std::int16_t kDuplicateSequence = 46;
constexpr std::int16_t kUnknownProducerId = 59;

bool stale_route(std::int16_t code) { return code == 3 || code == 5 || code == 6 || code == 74 || code == 75; }

Error kafka_error(std::int16_t code, const std::string& where, std::int32_t leader,
                  const std::optional<std::string>& detail) {
    std::string text = "Produce to " + where + " on node " + std::to_string(leader) + ": " +
                       protocol::kafka_error_name(code) + " (" +
                       std::string(protocol::kafka_error_description(code)) + ")";
    if (detail && !detail->empty()) text += ": " + *detail;
    return Error(protocol::make_kafka_error_code(code), text);
}

}  // namespace

void WriterCore::handle_answer(PartitionState& ps, const protocol::ProduceResponse::Partition& answer,
                               std::int32_t leader) {
    const std::int16_t code = answer.error_code;
    const std::string where = ps.topic + "/" + std::to_string(ps.partition);
    Batch& batch = ps.ready.front();
    // DUPLICATE_SEQUENCE_NUMBER: the broker already holds this batch (an
    // earlier send's answer was lost), so it is stored exactly once.
    if (code == 0 || code == kDuplicateSequence) {
        complete_front(ps, answer.base_offset, answer.log_append_time_ms);
        return;
    }
    const Error error = kafka_error(code, where, leader, answer.error_message);
    if ((code == kOutOfOrderSequence || code == kUnknownProducerId) && idempotence_ == Idempotence::on) {
        // The broker lost track of our sequence: take a new producer id and
        // resend this batch as the first of the new sequence.
        reset_producer_id_ = true;
        batch.encoded.reset();
        retry_front(ps, error, false);
        return;
    }
    if (code == kMessageTooLarge && batch.messages.size() > 1) {
        split_front(ps);  // each message on its own: only the too-large ones fail
        return;
    }
    if (code == kMessageTooLarge) {
        const std::size_t size = batch.encoded ? batch.encoded->size() : batch.bytes;
        fail_front(ps,
                   Error(error.code, "MESSAGE_TOO_LARGE: message " + std::to_string(batch.messages.front().index) +
                                         " is " + std::to_string(size) + " bytes as a record batch; node " +
                                         std::to_string(leader) + " refused it (its max.message.bytes is lower; "
                                         "batch_bytes here is " + std::to_string(config_.batch_bytes) + ")"),
                   true);
        return;
    }
    if (!answer.record_errors.empty()) {
        // KIP-467: the broker names the bad records and stores none of the
        // batch. Each named record gets its own reason; the others say why
        // they were not stored either.
        std::string listed;
        for (const auto& re : answer.record_errors) listed += (listed.empty() ? "" : ", ") + std::to_string(re.batch_index);
        for (std::size_t i = 0; i < batch.messages.size(); ++i) {
            const Pending& p = batch.messages[i];
            std::string text = error.message;
            bool named = false;
            for (const auto& re : answer.record_errors) {
                if (re.batch_index == static_cast<std::int32_t>(i)) {
                    named = true;
                    if (re.message) text += ": " + *re.message;
                }
            }
            if (!named) text = "not stored: its batch to " + where + " was rejected because of record(s) " + listed;
            DeliveryReport report;
            report.topic = ps.topic;
            report.partition = ps.partition;
            report.error = Error(error.code, text);
            settle(p.call, p.index, std::move(report));
        }
        fail_front(ps, error, true);  // all settled above; this drops the batch
        return;
    }
    if (protocol::is_retriable(code)) {
        retry_front(ps, error, stale_route(code));
        return;
    }
    fail_front(ps, error, true);
}

void WriterCore::complete_front(PartitionState& ps, std::int64_t base_offset, std::int64_t log_append_time) {
    Batch batch = std::move(ps.ready.front());
    ps.ready.pop_front();
    ps.in_flight = false;
    // One clock read for the whole batch: its messages were acknowledged
    // together. Successes need none of settle()'s error bookkeeping.
    const auto now = Clock::now();
    for (std::size_t i = 0; i < batch.messages.size(); ++i) {
        const Pending& p = batch.messages[i];
        const std::int64_t offset = base_offset >= 0 ? base_offset + static_cast<std::int64_t>(i) : -1;
        const std::int64_t timestamp = log_append_time >= 0 ? log_append_time : batch.records[i].timestamp_ms;
        if (p.call->settle_stored(p.index, ps.topic, ps.partition, offset, timestamp, now)) --unsettled_;
    }
    stats_.both(ps.topic, ps.partition, [&](WriterCounters& c) {
        c.messages += static_cast<std::int64_t>(batch.messages.size());
        c.bytes += static_cast<std::int64_t>(batch.encoded ? batch.encoded->size() : batch.bytes);
        c.batch_time_us.add(micros(now - batch.opened));
    });
}

// `definite`: the broker answered, so it did not store the batch and its
// sequence numbers can be reused. Otherwise (no answer) it may have stored
// it, and reusing the numbers for other data would make the broker drop that
// data as a duplicate: take a new producer id instead.
void WriterCore::fail_front(PartitionState& ps, const Error& error, bool definite) {
    Batch batch = std::move(ps.ready.front());
    ps.ready.pop_front();
    ps.in_flight = false;
    if (batch.encoded && batch.producer_id >= 0 && batch.producer_id == ps.sequence_producer_id) {
        const auto end = static_cast<std::int32_t>((std::int64_t{batch.base_sequence} +
                                                    static_cast<std::int64_t>(batch.messages.size())) %
                                                   (std::int64_t{1} << 31));
        if (definite && end == ps.next_sequence) {
            ps.next_sequence = batch.base_sequence;
        } else {
            reset_producer_id_ = true;
        }
    }
    for (const Pending& p : batch.messages) {
        DeliveryReport report;
        report.topic = ps.topic;
        report.partition = ps.partition;
        report.error = error;
        settle(p.call, p.index, std::move(report));
    }
}

void WriterCore::retry_front(PartitionState& ps, const Error& error, bool refresh_metadata) {
    Batch& batch = ps.ready.front();
    if (batch.attempts >= config_.max_attempts) {
        Error final_error(error.code, error.message + " (gave up after " + std::to_string(batch.attempts) +
                                          " attempts)");
        fail_front(ps, final_error, false);
        return;
    }
    if (refresh_metadata) {
        metadata_stale_ = true;
        cache_.invalidate();
    }
    // kafka-go backoff: attempt² × min, capped at max. in_flight stays set
    // meanwhile, so later batches of this partition cannot overtake.
    const auto n = std::max(1, batch.attempts);
    const auto delay = std::min<std::chrono::milliseconds>(config_.write_backoff_min * (n * n),
                                                           config_.write_backoff_max);
    asio::co_spawn(
        executor_,
        [self = shared_from_this(), ps = &ps, delay]() -> asio::awaitable<void> {
            asio::steady_timer timer(self->executor_, delay);
            co_await timer.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
            ps->in_flight = false;
            self->schedule_pump();
        },
        asio::detached);
}

// The broker refused the batch as too large: send each message alone, in
// order, so only the message(s) that are too large by themselves fail.
void WriterCore::split_front(PartitionState& ps) {
    Batch batch = std::move(ps.ready.front());
    ps.ready.pop_front();
    ps.in_flight = false;
    if (batch.encoded && batch.producer_id == ps.sequence_producer_id) ps.next_sequence = batch.base_sequence;
    for (std::size_t i = batch.messages.size(); i-- > 0;) {
        Batch single;
        single.topic = batch.topic;
        single.partition = batch.partition;
        single.opened = batch.opened;
        single.flushed = batch.flushed;
        single.bytes = batch.bytes;
        single.id = next_batch_id_++;
        single.messages.push_back(std::move(batch.messages[i]));
        single.records.push_back(std::move(batch.records[i]));
        ps.ready.push_front(std::move(single));
    }
}

}  // namespace kafkascope::producer
