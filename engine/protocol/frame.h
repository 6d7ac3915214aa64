#pragma once
// Request and response framing around a described message: request header
// v1 (classic) or v2 (flexible), response header v0 or v1. The 4-byte size
// prefix is the connection's business, not this file's.
//
// Request header: api_key i16, api_version i16, correlation_id i32,
// client_id nullable string (classic even in v2), then tagged fields in v2.
// Response header: correlation_id i32, then tagged fields in v1, except for
// ApiVersions, whose responses always use header v0 so that a client can read
// them before it knows which versions the broker speaks.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "core/result.h"
#include "protocol/codec.h"

namespace kafkascope::protocol {

inline constexpr std::int16_t kApiVersionsKey = 18;

// Where the connection writes the correlation id into an encoded request.
inline constexpr std::size_t kCorrelationIdOffset = 4;

std::string describe(const ApiSpec& api, std::int16_t version);  // "Metadata v2"

inline bool flexible_request_header(const ApiSpec& api, std::int16_t version) {
    return api.flexible.contains(version);
}
inline bool flexible_response_header(const ApiSpec& api, std::int16_t version) {
    return api.key != kApiVersionsKey && api.flexible.contains(version);
}

// Header + body of a request, ready for a connection to frame and send.
template <class Request>
Result<Bytes> encode_request(const Request& request, std::int16_t version,
                             std::string_view client_id, std::int32_t correlation_id = 0) {
    const ApiSpec& api = Request::api;
    if (!api.versions.contains(version)) {
        return Error(client_errc::unsupported_version,
                     "cannot encode " + describe(api, version) + ": outside the versions we support");
    }
    const bool flexible = api.flexible.contains(version);
    WireWriter out(256);
    out.i16(api.key);
    out.i16(version);
    out.i32(correlation_id);
    out.nullable_string(std::string(client_id));
    if (flexible) out.uvarint(0);  // empty header tagged fields
    Encoder encoder(out, version, flexible);
    encoder.write_struct(request);
    if (!encoder.error().empty()) {
        return Error(client_errc::invalid_argument, describe(api, version) + " request: " + encoder.error());
    }
    return out.take();
}

// Body of a message at a version (no header), for round-trip tests and for
// servers in the test suite.
template <class Message>
Bytes encode_body(const Message& message, std::int16_t version, std::string* error = nullptr) {
    WireWriter out(256);
    Encoder encoder(out, version, Message::api.flexible.contains(version));
    encoder.write_struct(message);
    if (error) *error = encoder.error();
    return out.take();
}

template <class Message>
Result<Message> decode_body(std::span<const std::uint8_t> body, std::int16_t version,
                            const char* what = "response") {
    const ApiSpec& api = Message::api;
    if (!api.versions.contains(version)) {
        return Error(client_errc::unsupported_version,
                     "cannot decode " + describe(api, version) + ": outside the versions we support");
    }
    WireReader in(body);
    Message message{};
    Decoder decoder(in, version, api.flexible.contains(version));
    decoder.read_struct(message);
    if (!in.ok()) {
        return Error(client_errc::decode_failed,
                     describe(api, version) + " " + what + " does not decode: " + in.error());
    }
    // Trailing bytes are tolerated: real clients send some (librdkafka 2.0.2
    // ListGroups v4, OffsetFetch v7) and brokers accept them.
    return message;
}

// Decodes what follows the correlation id of a response.
template <class Response>
Result<Response> decode_response(std::span<const std::uint8_t> after_correlation_id,
                                 std::int16_t version) {
    WireReader in(after_correlation_id);
    if (flexible_response_header(Response::api, version)) {
        (void)in.tagged_fields();
        if (!in.ok()) {
            return Error(client_errc::decode_failed,
                         describe(Response::api, version) + " response header does not decode: " + in.error());
        }
    }
    return decode_body<Response>(after_correlation_id.subspan(in.offset()), version);
}

// A parsed request header, for servers in the test suite and the fuzzers.
struct RequestHeader {
    std::int16_t api_key = 0;
    std::int16_t api_version = 0;
    std::int32_t correlation_id = 0;
    std::optional<std::string> client_id;
    std::size_t body_offset = 0;
};
// `flexible` says whether this API and version use header v2.
Result<RequestHeader> decode_request_header(std::span<const std::uint8_t> frame,
                                            bool (*flexible)(std::int16_t key, std::int16_t version));

}  // namespace kafkascope::protocol
