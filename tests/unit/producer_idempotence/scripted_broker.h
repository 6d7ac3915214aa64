#pragma once
// A scripted single-node Kafka broker for the idempotent producer tests: the
// librdkafka mock sandbox does not check producer sequences, this one does.
// Node 1 on 127.0.0.1:<ephemeral>, on its own thread, built on the net tests'
// FakeBroker/FakeSession (tests/unit/net/fake_broker.h). It answers
// ApiVersions, Metadata (one topic, every partition led by node 1),
// InitProducerId (producer id 4242, epoch 0) and Produce, keeping a log per
// partition and deduplicating batches by (producer id, epoch, partition,
// base sequence) as Kafka does. Only non-flexible versions are advertised,
// so every answer uses response header v0.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "fake_broker.h"

namespace kafkascope::producer::test {

inline constexpr std::int64_t kFakeProducerId = 4242;
inline constexpr std::int16_t kFakeProducerEpoch = 0;

// What the broker does with the answer to one Produce request.
enum class Reply {
    answer,  // at once
    lost,    // stores the batches but never answers (the answer was "lost")
    late,    // stores the batches, answers only when the next request arrives
};

// How a batch the broker already holds is answered.
enum class DuplicateAnswer {
    same_offset,         // NONE with the original base offset (Kafka >= 1.0, recent batches)
    duplicate_sequence,  // DUPLICATE_SEQUENCE_NUMBER (46), base offset -1
};

// A broker-side refusal of one partition's batch: nothing of it is stored
// and the partition answers with these (KIP-467 record_errors need v8).
struct Rejection {
    std::int16_t error_code = 0;
    std::vector<std::pair<std::int32_t, std::string>> record_errors;  // batch index, message
    std::optional<std::string> error_message;
};

struct ScriptedBrokerOptions {
    std::string topic = "idem";
    std::int32_t partitions = 2;
    bool offer_init_producer_id = true;
    DuplicateAnswer duplicate = DuplicateAnswer::same_offset;
    // Called with the 0-based index of each Produce request; default: answer.
    std::function<Reply(int)> on_produce;
    // Called per partition batch before it is stored, with the 0-based
    // request index, the partition and the batch's record values; a value
    // returned refuses the batch with it. Default: store everything.
    std::function<std::optional<Rejection>(int, std::int32_t, const std::vector<std::string>&)> reject;
};

// One partition's batch in one Produce request, as received.
struct ProduceSeen {
    int request = 0;  // 0-based index of the Produce request
    std::int16_t acks = 0;
    std::string topic;
    std::int32_t partition = -1;
    protocol::Bytes records;  // the raw record batch bytes
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
    std::int32_t base_sequence = -1;
    std::int32_t record_count = 0;
    bool decoded = false;  // the bytes held exactly one valid record batch
    std::int16_t error_code = 0;  // what the broker answered (or would have)
    bool duplicate = false;       // the broker already held this batch
};

class ScriptedBroker {
public:
    explicit ScriptedBroker(ScriptedBrokerOptions options);
    ~ScriptedBroker();
    ScriptedBroker(const ScriptedBroker&) = delete;
    ScriptedBroker& operator=(const ScriptedBroker&) = delete;

    std::string bootstrap() const;  // "127.0.0.1:<port>"

    // Snapshots, safe from the test thread.
    std::vector<ProduceSeen> produces() const;
    std::vector<std::int16_t> api_keys() const;  // every request after the handshakes, in order
    // Record values stored in a partition's log, in offset order.
    std::vector<std::string> log(std::int32_t partition) const;

    struct State;

private:
    asio::io_context io_;
    std::unique_ptr<net::test::FakeBroker> broker_;
    std::shared_ptr<State> state_;
    std::thread thread_;
};

}  // namespace kafkascope::producer::test
