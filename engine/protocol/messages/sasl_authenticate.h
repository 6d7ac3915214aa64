#pragma once
// SaslAuthenticate (key 36): carries one SASL token each way after a v1
// SaslHandshake. v1 added the session lifetime (KIP-368: the broker closes
// the connection when it ends unless the client re-authenticates), v2 is
// flexible.

#include <cstdint>
#include <optional>
#include <string>

#include "protocol/bytes.h"
#include "protocol/field.h"

namespace kafkascope::protocol {

inline constexpr ApiSpec kSaslAuthenticateApi{36, "SaslAuthenticate", {0, 2}, 2};

struct SaslAuthenticateRequest {
    static constexpr ApiSpec api = kSaslAuthenticateApi;

    Bytes auth_bytes;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(auth_bytes, {.name = "auth_bytes"});
    }
};

struct SaslAuthenticateResponse {
    static constexpr ApiSpec api = kSaslAuthenticateApi;

    std::int16_t error_code = 0;
    std::optional<std::string> error_message;
    Bytes auth_bytes;
    std::int64_t session_lifetime_ms = 0;
    TaggedFields unknown_tags;

    template <class V>
    void fields(V& v) {
        v(error_code, {.name = "error_code"});
        v(error_message, {.name = "error_message", .nullable = 0});
        v(auth_bytes, {.name = "auth_bytes"});
        v(session_lifetime_ms, {.name = "session_lifetime_ms", .versions = 1, .ignorable = true});
    }
};

template <>
struct response_for<SaslAuthenticateRequest> {
    using type = SaslAuthenticateResponse;
};

}  // namespace kafkascope::protocol
