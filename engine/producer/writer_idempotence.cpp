// The idempotent producer: one InitProducerId per writer (again only when
// the broker lost our sequence, or a batch's fate is unknown), after which
// every batch carries the producer id, epoch and a per-partition sequence.

#include "producer/writer_core.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/init_producer_id.h"

namespace kafkascope::producer {

asio::awaitable<Status> WriterCore::init_producer_id() {
    auto self = shared_from_this();
    const bool wanted = config_.idempotent.value_or(true) && config_.required_acks == RequiredAcks::all;
    const bool forced = config_.idempotent.value_or(false);
    if (!wanted) {
        idempotence_ = Idempotence::off;
        co_return ok_status();
    }
    // Auto mode falls back to plain producing; forced mode reports why not.
    auto give_up = [&](Error error) -> Status {
        if (forced) return error;
        idempotence_ = Idempotence::off;
        reset_producer_id_ = false;
        return ok_status();
    };
    std::string failures;
    std::vector<std::int32_t> nodes;
    if (metadata_) {
        for (const BrokerInfo& b : metadata_->brokers) nodes.push_back(b.node_id);
    }
    for (const std::int32_t node : nodes) {
        auto connection = co_await pool_.connect_node(node);
        if (!connection) {
            failures += (failures.empty() ? "" : "; ") + connection.error().message;
            continue;
        }
        if (auto version = (*connection)->version_for(protocol::kInitProducerIdApi); !version) {
            co_return give_up(version.error());
        }
        protocol::InitProducerIdRequest request;
        request.transaction_timeout_ms = 60'000;
        auto response = co_await (*connection)->send(request);
        if (!response) {
            failures += (failures.empty() ? "" : "; ") + response.error().message;
            continue;
        }
        if (response->error_code != 0) {
            const std::int16_t code = response->error_code;
            Error error(protocol::make_kafka_error_code(code),
                        "InitProducerId on node " + std::to_string(node) + ": " + protocol::kafka_error_name(code));
            if (protocol::is_retriable(code)) co_return error;
            co_return give_up(error);
        }
        producer_id_ = response->producer_id;
        producer_epoch_ = response->producer_epoch;
        idempotence_ = Idempotence::on;
        reset_producer_id_ = false;
        co_return ok_status();
    }
    co_return Error(client_errc::no_broker_available,
                    "InitProducerId: no broker answered" + (failures.empty() ? std::string() : ": " + failures));
}

}  // namespace kafkascope::producer
