// libFuzzer target over request parsing, as a test broker would do it:
// the input is a whole request frame (header and body, no size prefix).
// The header names API and version; decodable requests must re-encode and
// round-trip to identical bytes, like responses in the other target.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "all_messages.h"
#include "fuzz_support.h"
#include "protocol/frame.h"
#include "protocol/supported_apis.h"

namespace {

using namespace kafkascope::protocol;
using kafkascope::fuzz::violated;

bool flexible_header(std::int16_t key, std::int16_t version) {
    const ApiSpec* api = find_supported_api(key);
    return api && api->flexible.contains(version);
}

template <class Request>
void round_trip(std::span<const std::uint8_t> frame, const RequestHeader& h) {
    auto first = decode_body<Request>(frame.subspan(h.body_offset), h.api_version, "request");
    if (!first) return;
    const std::string client_id = h.client_id.value_or("");
    auto encoded = encode_request(*first, h.api_version, client_id, h.correlation_id);
    if (!encoded) violated("decoded request does not encode:", encoded.error().message);
    auto header = decode_request_header(*encoded, &flexible_header);
    if (!header) violated("re-encoded request header does not decode:", header.error().message);
    const auto body = std::span<const std::uint8_t>(*encoded).subspan(header->body_offset);
    auto second = decode_body<Request>(body, h.api_version, "request");
    if (!second) violated("re-encoded request does not decode:", second.error().message);
    auto again = encode_request(*second, h.api_version, client_id, h.correlation_id);
    if (!again || *again != *encoded) violated("second round trip changed the bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> frame(data, size);
    auto header = decode_request_header(frame, &flexible_header);
    if (!header) return 0;
    kafkascope::fuzz::visit_request(header->api_key,
                                    [&]<class Request>() { round_trip<Request>(frame, *header); });
    return 0;
}
