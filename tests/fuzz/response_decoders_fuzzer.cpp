// libFuzzer target over the response decoders.
//
// Input: byte 0 picks the API (an index into kFuzzApiKeys), byte 1
// the version within what we support, and the rest is a response frame
// after its correlation id. Whatever decodes must encode without error,
// decode again, and encode to the same bytes a second time (no field lost
// or invented by a round trip). The sanitizers catch the rest.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "all_messages.h"
#include "fuzz_support.h"
#include "protocol/frame.h"

namespace {

using namespace kafkascope::protocol;
using kafkascope::fuzz::violated;

template <class Response>
Bytes encode_after_correlation_id(const Response& r, std::int16_t version) {
    WireWriter out;
    if (flexible_response_header(Response::api, version)) out.uvarint(0);
    std::string error;
    out.raw(encode_body(r, version, &error));
    if (!error.empty()) violated("decoded response does not encode:", error);
    return out.take();
}

template <class Response>
void round_trip(std::span<const std::uint8_t> frame, std::uint8_t version_pick) {
    const Versions& range = Response::api.versions;
    const auto version =
        static_cast<std::int16_t>(range.min + version_pick % (range.max - range.min + 1));
    auto first = decode_response<Response>(frame, version);
    if (!first) return;
    const Bytes encoded = encode_after_correlation_id(*first, version);
    auto second = decode_response<Response>(encoded, version);
    if (!second) violated("re-encoded response does not decode:", second.error().message);
    if (encode_after_correlation_id(*second, version) != encoded) {
        violated("second round trip changed the bytes");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    const std::span<const std::uint8_t> frame(data + 2, size - 2);
    const std::int16_t key = kafkascope::fuzz::kFuzzApiKeys[data[0] % kafkascope::fuzz::kFuzzApiKeys.size()];
    kafkascope::fuzz::visit_request(key, [&]<class Request>() {
        round_trip<response_t<Request>>(frame, data[1]);
    });
    return 0;
}
