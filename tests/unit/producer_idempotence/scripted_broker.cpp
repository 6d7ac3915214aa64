#include "scripted_broker.h"

#include <optional>

#include "protocol/frame.h"
#include "protocol/messages/init_producer_id.h"
#include "protocol/messages/metadata.h"
#include "protocol/messages/produce.h"
#include "records/record_batch_reader.h"

namespace kafkascope::producer::test {
namespace {

constexpr std::int16_t kDuplicateSequence = 46;
constexpr std::int16_t kOutOfOrderSequence = 45;
constexpr std::int16_t kUnknownTopicOrPartition = 3;
constexpr std::int16_t kCorruptMessage = 2;

struct Answer {
    std::int32_t correlation_id = 0;
    protocol::Bytes body;
};

}  // namespace

struct ScriptedBroker::State {
    ScriptedBrokerOptions options;
    std::uint16_t port = 0;

    mutable std::mutex mutex;
    std::vector<ProduceSeen> produces;
    std::vector<std::int16_t> api_keys;
    int produce_requests = 0;
    std::map<std::int32_t, std::vector<std::string>> logs;  // partition -> record values
    struct Producer {
        std::int32_t next_sequence = 0;
        std::map<std::int32_t, std::pair<std::int64_t, std::int32_t>> batches;  // base seq -> (offset, count)
    };
    std::map<std::tuple<std::int64_t, std::int16_t, std::int32_t>, Producer> producers;

    // Appends one batch (or recognises it as a duplicate); sets the answer.
    void store(ProduceSeen& seen, protocol::ProduceResponse::Partition& out,
               const records::DecodedBatch* batch) {
        out.index = seen.partition;
        if (seen.topic != options.topic || seen.partition < 0 || seen.partition >= options.partitions) {
            out.error_code = kUnknownTopicOrPartition;
            return;
        }
        if (!batch) {
            out.error_code = kCorruptMessage;
            return;
        }
        if (options.reject) {
            std::vector<std::string> values;
            for (const auto& r : batch->records) {
                auto value = batch->value(r);
                values.emplace_back(value ? std::string(value->begin(), value->end()) : std::string("<null>"));
            }
            if (auto rejection = options.reject(seen.request, seen.partition, values)) {
                out.error_code = rejection->error_code;
                out.error_message = rejection->error_message;
                for (auto& [index, message] : rejection->record_errors) {
                    protocol::ProduceResponse::RecordError re;
                    re.batch_index = index;
                    re.message = message;
                    out.record_errors.push_back(std::move(re));
                }
                return;  // not stored; an idempotent producer's sequence does not advance
            }
        }
        auto& log = logs[seen.partition];
        auto append = [&] {
            out.base_offset = static_cast<std::int64_t>(log.size());
            for (const auto& r : batch->records) {
                auto value = batch->value(r);
                log.emplace_back(value ? std::string(value->begin(), value->end()) : std::string("<null>"));
            }
        };
        if (seen.producer_id < 0) {  // not idempotent: no checks
            append();
            return;
        }
        Producer& p = producers[{seen.producer_id, seen.producer_epoch, seen.partition}];
        if (auto it = p.batches.find(seen.base_sequence);
            it != p.batches.end() && it->second.second == seen.record_count) {
            seen.duplicate = true;
            if (options.duplicate == DuplicateAnswer::duplicate_sequence) {
                out.error_code = kDuplicateSequence;
                out.base_offset = -1;
            } else {
                out.base_offset = it->second.first;
            }
            return;
        }
        if (seen.base_sequence != p.next_sequence) {
            out.error_code = kOutOfOrderSequence;
            return;
        }
        append();
        p.batches[seen.base_sequence] = {out.base_offset, seen.record_count};
        p.next_sequence = seen.base_sequence + seen.record_count;
    }

    // The answer to `request` and whether (and when) to send it.
    std::optional<Answer> handle(const net::test::ReceivedRequest& request, Reply& reply) {
        std::lock_guard lock(mutex);
        api_keys.push_back(request.api_key);
        reply = Reply::answer;
        Answer answer{request.correlation_id, {}};
        switch (request.api_key) {
        case protocol::kMetadataApi.key: {
            protocol::MetadataResponse response;
            response.brokers.push_back({1, "127.0.0.1", port, std::nullopt, {}});
            response.cluster_id = "scripted";
            response.controller_id = 1;
            protocol::MetadataResponse::Topic topic;
            topic.name = options.topic;
            for (std::int32_t i = 0; i < options.partitions; ++i) {
                protocol::MetadataResponse::Partition p;
                p.partition_index = i;
                p.leader_id = 1;
                p.leader_epoch = 0;
                p.replica_nodes = {1};
                p.isr_nodes = {1};
                topic.partitions.push_back(std::move(p));
            }
            response.topics.push_back(std::move(topic));
            answer.body = protocol::encode_body(response, request.api_version);
            return answer;
        }
        case protocol::kInitProducerIdApi.key: {
            protocol::InitProducerIdResponse response;
            response.producer_id = kFakeProducerId;
            response.producer_epoch = kFakeProducerEpoch;
            answer.body = protocol::encode_body(response, request.api_version);
            return answer;
        }
        case protocol::kProduceApi.key: {
            auto decoded = protocol::decode_body<protocol::ProduceRequest>(request.body, request.api_version, "request");
            if (!decoded) return std::nullopt;  // the client sees a timeout
            const int index = produce_requests++;
            if (options.on_produce) reply = options.on_produce(index);
            protocol::ProduceResponse response;
            for (const auto& t : decoded->topics) {
                protocol::ProduceResponse::Topic out_topic;
                out_topic.name = t.name;
                for (const auto& p : t.partitions) {
                    ProduceSeen seen;
                    seen.request = index;
                    seen.acks = decoded->acks;
                    seen.topic = t.name;
                    seen.partition = p.index;
                    if (p.records) seen.records = *p.records;
                    auto batches = records::decode_records(seen.records);
                    const records::DecodedBatch* batch = nullptr;
                    if (batches.ok() && !batches.truncated_tail && batches.batches.size() == 1) {
                        batch = &batches.batches.front();
                        seen.decoded = true;
                        seen.producer_id = batch->info.producer_id;
                        seen.producer_epoch = batch->info.producer_epoch;
                        seen.base_sequence = batch->info.base_sequence;
                        seen.record_count = batch->info.record_count;
                    }
                    protocol::ProduceResponse::Partition out;
                    store(seen, out, batch);
                    seen.error_code = out.error_code;
                    out_topic.partitions.push_back(std::move(out));
                    produces.push_back(std::move(seen));
                }
                response.topics.push_back(std::move(out_topic));
            }
            if (decoded->acks == protocol::kAcksNone) return std::nullopt;
            answer.body = protocol::encode_body(response, request.api_version);
            return answer;
        }
        default:
            return std::nullopt;
        }
    }
};

ScriptedBroker::ScriptedBroker(ScriptedBrokerOptions options) : state_(std::make_shared<State>()) {
    state_->options = std::move(options);
    net::test::FakeApiVersions versions;
    versions.ranges.push_back({protocol::kApiVersionsKey, 0, 3});
    versions.ranges.push_back({protocol::kMetadataApi.key, 0, 8});  // v9+ flexible
    versions.ranges.push_back({protocol::kProduceApi.key, 3, 8});   // v9+ flexible
    if (state_->options.offer_init_producer_id) {
        versions.ranges.push_back({protocol::kInitProducerIdApi.key, 0, 1});  // v2+ flexible
    }
    auto state = state_;
    net::test::Script script = [state, versions](net::test::FakeSession& session) -> asio::awaitable<void> {
        const bool shook = co_await session.handshake(versions);
        if (!shook) co_return;
        std::optional<Answer> held;  // a `late` answer waiting for the next request
        for (;;) {
            auto request = co_await session.read_request();
            if (!request) co_return;
            if (held) {
                const Answer late = std::move(*held);
                held.reset();
                co_await session.respond(late.correlation_id, late.body);
            }
            Reply reply = Reply::answer;
            auto answer = state->handle(*request, reply);
            if (!answer) continue;
            if (reply == Reply::late) held = std::move(answer);
            if (reply != Reply::answer) continue;
            co_await session.respond(answer->correlation_id, answer->body);
        }
    };
    broker_ = std::make_unique<net::test::FakeBroker>(io_, std::move(script));
    state_->port = broker_->address().port;
    thread_ = std::thread([this] { io_.run(); });
}

ScriptedBroker::~ScriptedBroker() {
    io_.stop();
    thread_.join();
    broker_.reset();
}

std::string ScriptedBroker::bootstrap() const { return "127.0.0.1:" + std::to_string(state_->port); }

std::vector<ProduceSeen> ScriptedBroker::produces() const {
    std::lock_guard lock(state_->mutex);
    return state_->produces;
}

std::vector<std::int16_t> ScriptedBroker::api_keys() const {
    std::lock_guard lock(state_->mutex);
    return state_->api_keys;
}

std::vector<std::string> ScriptedBroker::log(std::int32_t partition) const {
    std::lock_guard lock(state_->mutex);
    auto it = state_->logs.find(partition);
    return it == state_->logs.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace kafkascope::producer::test
