#pragma once
// InitProducerId (key 22): a producer id and epoch for an idempotent or
// transactional producer. v3 (KIP-360) lets a producer pass its current id
// and epoch to bump the epoch instead of getting a new id; v2+ flexible.

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kInitProducerIdApi{22, "InitProducerId", {0, 5}, 2};

struct InitProducerIdRequest {
    static constexpr ApiSpec api = kInitProducerIdApi;

    std::optional<std::string> transactional_id;  // null for an idempotent producer
    std::int32_t transaction_timeout_ms = 0;
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = -1;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(transactional_id, {.name = "transactional_id", .nullable = 0});
        v(transaction_timeout_ms, {.name = "transaction_timeout_ms"});
        v(producer_id, {.name = "producer_id", .versions = 3, .int_default = -1});
        v(producer_epoch, {.name = "producer_epoch", .versions = 3, .int_default = -1});
    }
};

struct InitProducerIdResponse {
    static constexpr ApiSpec api = kInitProducerIdApi;

    std::int32_t throttle_time_ms = 0;
    std::int16_t error_code = 0;
    std::int64_t producer_id = -1;
    std::int16_t producer_epoch = 0;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(throttle_time_ms, {.name = "throttle_time_ms"});
        v(error_code, {.name = "error_code"});
        v(producer_id, {.name = "producer_id"});
        v(producer_epoch, {.name = "producer_epoch"});
    }
};

template <>
struct response_for<InitProducerIdRequest> {
    using type = InitProducerIdResponse;
};

}  // namespace kafkascope::protocol
