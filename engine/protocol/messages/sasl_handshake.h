#pragma once
// SaslHandshake (key 17): names the SASL mechanism the client wants; the
// answer lists the mechanisms the listener enables. v1 means the tokens then
// travel inside SaslAuthenticate requests (v0's raw token frames are not
// supported: every broker since Kafka 1.0 speaks v1). Never flexible.

#include <cstdint>
#include <string>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kSaslHandshakeApi{17, "SaslHandshake", {1, 1}, Versions::none()};

struct SaslHandshakeRequest {
    static constexpr ApiSpec api = kSaslHandshakeApi;

    std::string mechanism;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(mechanism, {.name = "mechanism"});
    }
};

struct SaslHandshakeResponse {
    static constexpr ApiSpec api = kSaslHandshakeApi;

    std::int16_t error_code = 0;
    std::vector<std::string> mechanisms;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(error_code, {.name = "error_code"});
        v(mechanisms, {.name = "mechanisms"});
    }
};

template <>
struct response_for<SaslHandshakeRequest> {
    using type = SaslHandshakeResponse;
};

}  // namespace kafkascope::protocol
