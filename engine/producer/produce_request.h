#pragma once
// The Produce request as the writer sends it: the request's own bytes
// (header, acks, topic and partition framing) in one small buffer, and each
// partition's record batch as a RequestSlice pointing at the batch the writer
// already keeps for retries. The connection writes both in one gathered
// write, so a batch is never copied into a request (protocol::ProduceRequest
// would copy it twice: into the struct, then into the encoded request).
//
// Versions 3 (the first with record batches v2) to 12 (the last naming topics;
// a broker offering 13 also offers 12). Classic and flexible (v9+) layouts.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "net/connection.h"
#include "protocol/bytes.h"

namespace kafkascope::producer {

inline constexpr std::int16_t kMinProduceVersion = 3;
inline constexpr std::int16_t kMaxProduceVersion = 12;

struct ProducePartitionData {
    std::int32_t index = 0;
    std::shared_ptr<const protocol::Bytes> records;  // one record batch, as encoded
};

struct ProduceTopicData {
    std::string name;
    std::vector<ProducePartitionData> partitions;
};

struct ProduceRequestParts {
    protocol::Bytes request;               // header + body without the batches
    std::vector<net::RequestSlice> slices;  // the batches, in request order
};

// The version to send given what the connection negotiated for Produce, or
// an error naming why the broker cannot take record batches from us.
Result<std::int16_t> produce_version(const net::Connection& connection);

ProduceRequestParts encode_produce_request(std::int16_t version, std::string_view client_id, std::int16_t acks,
                                           std::int32_t timeout_ms, const std::vector<ProduceTopicData>& topics);

}  // namespace kafkascope::producer
