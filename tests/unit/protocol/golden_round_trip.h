#pragma once
// Shared by the golden-frame tests: decode a captured request and response
// with our codec, encode them again and demand the very same bytes.

#include <optional>
#include <span>
#include <string>

#include "golden_samples.h"
#include "hex.h"
#include "protocol/frame.h"
#include "protocol/messages/api_versions.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/metadata.h"
#include "unit_test.h"

namespace kafkascope::test {

// Header v2 (flexible) or v1, for every API in protocol/supported_apis.
bool golden_flexible_header(std::int16_t key, std::int16_t version);

// Records a failure naming the sample unless `actual` equals `expected`.
void expect_same_bytes(const GoldenSample& s, const char* what,
                       std::span<const std::uint8_t> actual,
                       std::span<const std::uint8_t> expected);
void expect_sample(const GoldenSample& s, bool ok, const std::string& what);

template <class Request>
struct Decoded {
    Request request;
    protocol::response_t<Request> response;
};

// Decodes the request after its header and the response after its
// correlation id, re-encodes both and compares them with the capture.
// `request_trailing` is the number of junk bytes a client appended after a
// complete request (librdkafka 2.0.2 quirks): the decoder must tolerate them
// and the re-encoded request must equal the frame without them.
template <class Request>
std::optional<Decoded<Request>> golden_round_trip(const GoldenSample& s,
                                                  std::size_t request_trailing = 0) {
    using Response = protocol::response_t<Request>;
    const std::int16_t v = s.api_version;
    const std::span<const std::uint8_t> request(s.request);
    expect_sample(s, request.size() >= request_trailing, "request holds the trailing bytes");
    if (request.size() < request_trailing) return std::nullopt;
    const std::span<const std::uint8_t> response(s.response);

    auto header = protocol::decode_request_header(request, &golden_flexible_header);
    expect_sample(s, header.ok(), "request header decodes");
    if (!header) return std::nullopt;
    expect_sample(s,
                  header->api_key == s.api_key && header->api_version == v &&
                      header->correlation_id == s.correlation_id &&
                      header->client_id == s.client_id,
                  "request header matches the fixture's key, version, correlation and client id");

    auto req = protocol::decode_body<Request>(request.subspan(header->body_offset), v, "request");
    expect_sample(s, req.ok(), req.ok() ? "" : "request decodes: " + req.error().message);
    if (!req) return std::nullopt;
    auto encoded = protocol::encode_request(*req, v, s.client_id, s.correlation_id);
    expect_sample(s, encoded.ok(),
                  encoded.ok() ? "" : "request encodes: " + encoded.error().message);
    if (encoded) {
        expect_same_bytes(s, "re-encoded request", *encoded,
                          request.first(request.size() - request_trailing));
    }

    expect_sample(s, response.size() >= 4, "response holds a correlation id");
    if (response.size() < 4) return std::nullopt;
    protocol::WireReader corr(response.first(4));
    expect_sample(s, corr.i32() == s.correlation_id, "response correlation id");
    auto resp = protocol::decode_response<Response>(response.subspan(4), v);
    expect_sample(s, resp.ok(), resp.ok() ? "" : "response decodes: " + resp.error().message);
    if (!resp) return std::nullopt;

    protocol::WireWriter out;
    out.i32(s.correlation_id);
    if (protocol::flexible_response_header(Response::api, v)) out.uvarint(0);
    std::string error;
    out.raw(protocol::encode_body(*resp, v, &error));
    expect_sample(s, error.empty(), "response encodes: " + error);
    expect_same_bytes(s, "re-encoded response", out.data(), response);
    return Decoded<Request>{std::move(*req), std::move(*resp)};
}

}  // namespace kafkascope::test
