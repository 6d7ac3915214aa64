#include "producer/produce_request.h"

#include <algorithm>

#include "protocol/frame.h"
#include "protocol/messages/produce.h"
#include "protocol/wire_writer.h"

namespace kafkascope::producer {

Result<std::int16_t> produce_version(const net::Connection& connection) {
    auto negotiated = connection.version_for(protocol::kProduceApi);
    if (!negotiated) return std::move(negotiated).error();
    if (*negotiated < kMinProduceVersion) {
        return Error(client_errc::unsupported_version,
                     "broker " + connection.address().to_string() + " takes Produce up to v" +
                         std::to_string(*negotiated) + " only; record batches (magic 2) need v" +
                         std::to_string(kMinProduceVersion) + " (Kafka 0.11)");
    }
    return std::min(*negotiated, kMaxProduceVersion);
}

ProduceRequestParts encode_produce_request(std::int16_t version, std::string_view client_id, std::int16_t acks,
                                           std::int32_t timeout_ms, const std::vector<ProduceTopicData>& topics) {
    const bool flexible = protocol::kProduceApi.flexible.contains(version);
    ProduceRequestParts parts;
    protocol::WireWriter w(64 + 32 * topics.size());
    // Request header v1 (classic) / v2 (flexible): the client id stays a
    // classic string in both.
    w.i16(protocol::kProduceApi.key);
    w.i16(version);
    w.i32(0);  // correlation id, set by the connection
    w.string(client_id);
    if (flexible) w.uvarint(0);

    // transactional_id: null (not a transactional producer).
    if (flexible) {
        w.compact_nullable_string(std::nullopt);
    } else {
        w.nullable_string(std::nullopt);
    }
    w.i16(acks);
    w.i32(timeout_ms);
    w.array_length(static_cast<std::int32_t>(topics.size()), flexible);
    for (const ProduceTopicData& topic : topics) {
        if (flexible) {
            w.compact_string(topic.name);
        } else {
            w.string(topic.name);
        }
        w.array_length(static_cast<std::int32_t>(topic.partitions.size()), flexible);
        for (const ProducePartitionData& p : topic.partitions) {
            w.i32(p.index);
            const std::size_t size = p.records ? p.records->size() : 0;
            if (flexible) {
                w.uvarint(size + 1);
            } else {
                w.i32(static_cast<std::int32_t>(size));
            }
            if (p.records) parts.slices.push_back(net::RequestSlice{w.size(), p.records});
            if (flexible) w.uvarint(0);  // partition tagged fields
        }
        if (flexible) w.uvarint(0);  // topic tagged fields
    }
    if (flexible) w.uvarint(0);  // request tagged fields
    parts.request = w.take();
    return parts;
}

}  // namespace kafkascope::producer
