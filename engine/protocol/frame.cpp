#include "protocol/frame.h"

#include "protocol/api_keys.h"

namespace kafkascope::protocol {

std::string describe(const ApiSpec& api, std::int16_t version) {
    return std::string(api.name) + " v" + std::to_string(version);
}

Result<RequestHeader> decode_request_header(std::span<const std::uint8_t> frame,
                                            bool (*flexible)(std::int16_t, std::int16_t)) {
    WireReader in(frame);
    RequestHeader h;
    h.api_key = in.i16();
    h.api_version = in.i16();
    h.correlation_id = in.i32();
    h.client_id = in.nullable_string();
    if (in.ok() && flexible && flexible(h.api_key, h.api_version)) (void)in.tagged_fields();
    if (!in.ok()) {
        return Error(client_errc::decode_failed, "request header does not decode: " + in.error());
    }
    h.body_offset = in.offset();
    return h;
}

}  // namespace kafkascope::protocol
