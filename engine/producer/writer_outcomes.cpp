// What happens to a batch after the broker answered (or did not): success,
// retry with backoff, split, or failure, each message getting its own report.
// Nothing is reported stored unless the broker acknowledged it.

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/use_awaitable.hpp>
#include <asio/experimental/as_tuple.hpp>

#include "producer/writer_core.h"
#include "protocol/kafka_error.h"
#include "records/record_batch_writer.h"

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
    if (code == kMessageTooLarge && batch.size() > 1) {
        split_front(ps);  // each message on its own: only the too-large ones fail
        return;
    }
    if (code == kMessageTooLarge) {
        const std::size_t size = batch.encoded ? batch.encoded->size() : batch.bytes;
        fail_front(ps,
                   Error(error.code, "MESSAGE_TOO_LARGE: message " + std::to_string(batch.indexes.front()) +
                                         " is " + std::to_string(size) + " bytes as a record batch; node " +
                                         std::to_string(leader) + " refused it (its max.message.bytes is lower; "
                                         "batch_bytes here is " + std::to_string(config_.batch_bytes) + ")"),
                   true);
        return;
    }
    if (!answer.record_errors.empty()) {
        reject_records(ps, answer, error);
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
    batch.for_each([&](WriteCall& call, std::size_t index, std::size_t i) {
        const std::int64_t offset = base_offset >= 0 ? base_offset + static_cast<std::int64_t>(i) : -1;
        const std::int64_t timestamp = log_append_time >= 0 ? log_append_time : batch.records[i].timestamp_ms;
        if (call.settle_stored(index, ps.topic_name, ps.partition, offset, timestamp, now)) --unsettled_;
    });
    stats_.both(ps.topic, ps.partition, [&](WriterCounters& c) {
        c.messages += static_cast<std::int64_t>(batch.size());
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
    release_sequence(ps, batch, definite);
    batch.for_each([&](WriteCall& call, std::size_t index, std::size_t) {
        DeliveryReport report;
        report.topic = ps.topic_name;
        report.partition = ps.partition;
        report.error = error;
        settle(call, index, std::move(report));
    });
}

// A batch leaves without being stored: its sequence numbers are free again
// when the broker said so (`definite`) and no later batch took numbers
// after them; otherwise only a new producer id keeps later data safe.
void WriterCore::release_sequence(PartitionState& ps, const Batch& batch, bool definite) {
    if (!batch.encoded || batch.producer_id < 0 || batch.producer_id != ps.sequence_producer_id) return;
    const auto end = static_cast<std::int32_t>(
        (std::int64_t{batch.base_sequence} + static_cast<std::int64_t>(batch.size())) % (std::int64_t{1} << 31));
    if (definite && end == ps.next_sequence) {
        ps.next_sequence = batch.base_sequence;
    } else {
        reset_producer_id_ = true;
    }
}

// KIP-467 (Produce v8+): the broker rejected the whole batch because of the
// records it names in record_errors, and stored none of it. As in the Java
// client, each named record fails with its own message (else the partition's
// error_message, else the error's description). Unlike the Java client, which
// fails the innocent records too ("part of a batch which had one or more
// invalid records"), they are resent as a new batch without the bad ones:
// they were refused only for their neighbours' sake. The resend counts as an
// attempt, so max_attempts still bounds it.
void WriterCore::reject_records(PartitionState& ps, const protocol::ProduceResponse::Partition& answer,
                                const Error& error) {
    Batch batch = std::move(ps.ready.front());
    ps.ready.pop_front();
    ps.in_flight = false;
    std::vector<const protocol::ProduceResponse::RecordError*> named(batch.size(), nullptr);
    std::string listed;
    for (const auto& re : answer.record_errors) {
        if (re.batch_index < 0 || static_cast<std::size_t>(re.batch_index) >= batch.size()) continue;
        named[static_cast<std::size_t>(re.batch_index)] = &re;
        listed += (listed.empty() ? "" : ", ") + std::to_string(re.batch_index);
    }
    if (listed.empty()) {
        // record_errors named no record of this batch: nothing to single out.
        ps.ready.push_front(std::move(batch));
        ps.in_flight = true;
        fail_front(ps, Error(error.code, error.message + " (record_errors name no record of the batch)"), true);
        return;
    }
    release_sequence(ps, batch, true);
    Batch rest;
    rest.topic = batch.topic;
    rest.partition = batch.partition;
    rest.opened = batch.opened;
    rest.flushed = batch.flushed;
    rest.attempts = batch.attempts;
    rest.id = next_batch_id_++;
    rest.bytes = records::kRecordBatchHeaderSize;
    batch.for_each([&](WriteCall& call, std::size_t index, std::size_t i) {
        if (const auto* re = named[i]) {
            std::string text = re->message && !re->message->empty() ? *re->message
                               : answer.error_message && !answer.error_message->empty()
                                   ? *answer.error_message
                                   : std::string(protocol::kafka_error_description(answer.error_code));
            DeliveryReport report;
            report.topic = ps.topic_name;
            report.partition = ps.partition;
            report.error = Error(error.code, protocol::kafka_error_name(answer.error_code) + ": record " +
                                                 std::to_string(i) + " of the batch to " + ps.topic + "/" +
                                                 std::to_string(ps.partition) + " was rejected: " + text);
            settle(call, index, std::move(report));
            return;
        }
        // The batch keeps the shared_ptr alive while this runs.
        const std::shared_ptr<WriteCall>& owner = batch.call_at(i);
        rest.bytes += records::encoded_record_size(batch.records[i],
                                                   batch.records[i].timestamp_ms -
                                                       (rest.records.empty() ? batch.records[i].timestamp_ms
                                                                             : rest.records.front().timestamp_ms),
                                                   static_cast<std::int32_t>(rest.size()));
        rest.add(owner, index, std::move(batch.records[i]));
    });
    check_idle();
    if (rest.size() == 0) return;
    ps.ready.push_front(std::move(rest));
    ps.in_flight = true;
    retry_front(ps,
                Error(error.code, "not stored: its batch to " + ps.topic + "/" + std::to_string(ps.partition) +
                                      " was rejected because of record(s) " + listed + " (" + error.message + ")"),
                false);
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
    release_sequence(ps, batch, true);
    for (std::size_t i = batch.size(); i-- > 0;) {
        Batch single;
        single.topic = batch.topic;
        single.partition = batch.partition;
        single.opened = batch.opened;
        single.flushed = batch.flushed;
        single.bytes = batch.bytes;
        single.id = next_batch_id_++;
        single.add(batch.call_at(i), batch.indexes[i], std::move(batch.records[i]));
        ps.ready.push_front(std::move(single));
    }
}

}  // namespace kafkascope::producer
