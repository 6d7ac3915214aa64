#include "frame_walker.h"

#include <stdexcept>

#include "protocol/wire_reader.h"

namespace kafkascope::test {
namespace {

using protocol::WireReader;

// Reads the classic or flexible ("compact") form of each field.
struct Walker {
    WireReader r;
    bool flexible;

    void string() { flexible ? (void)r.compact_string() : (void)r.string(); }
    void nullable_string() {
        flexible ? (void)r.compact_nullable_string() : (void)r.nullable_string();
    }
    std::int32_t array() { return r.array_length(flexible); }
    void tags() {
        if (flexible) r.tagged_fields();
    }
    // A nullable bytes field, returned as a view into the frame.
    std::span<const std::uint8_t> records() {
        std::int64_t len = flexible ? static_cast<std::int64_t>(r.uvarint32()) - 1 : r.i32();
        if (len < 0) return {};
        return r.take(static_cast<std::size_t>(len));
    }
    void check(const char* what) {
        if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.error());
    }
};

}  // namespace

std::vector<std::span<const std::uint8_t>> produce_request_records(
    std::span<const std::uint8_t> request) {
    WireReader header(request);
    header.i16();  // api key
    const int version = header.i16();
    header.i32();     // correlation id
    header.nullable_string();  // client id: int16 length in every header version
    Walker w{WireReader(request.subspan(header.offset())), version >= 9};
    w.tags();           // request header v2 tagged fields
    w.nullable_string();  // transactional id
    w.r.i16();          // acks
    w.r.i32();          // timeout
    std::vector<std::span<const std::uint8_t>> out;
    for (std::int32_t t = w.array(); t > 0; --t) {
        version >= 13 ? (void)w.r.uuid() : w.string();
        for (std::int32_t p = w.array(); p > 0; --p) {
            w.r.i32();  // partition index
            if (auto rec = w.records(); !rec.empty()) out.push_back(rec);
            w.tags();
        }
        w.tags();
    }
    w.tags();
    w.check("produce request");
    return out;
}

std::vector<std::span<const std::uint8_t>> fetch_response_records(
    std::span<const std::uint8_t> response, int version) {
    Walker w{WireReader(response), version >= 12};
    w.r.i32();  // correlation id
    w.tags();   // response header v1 tagged fields
    w.r.i32();  // throttle time
    if (version >= 7) {
        w.r.i16();  // error code
        w.r.i32();  // session id
    }
    std::vector<std::span<const std::uint8_t>> out;
    for (std::int32_t t = w.array(); t > 0; --t) {
        version >= 13 ? (void)w.r.uuid() : w.string();
        for (std::int32_t p = w.array(); p > 0; --p) {
            w.r.i32();  // partition index
            w.r.i16();  // error code
            w.r.i64();  // high watermark
            w.r.i64();  // last stable offset
            if (version >= 5) w.r.i64();  // log start offset
            for (std::int32_t a = w.array(); a > 0; --a) {
                w.r.i64();  // producer id
                w.r.i64();  // first offset
                w.tags();
            }
            if (version >= 11) w.r.i32();  // preferred read replica
            if (auto rec = w.records(); !rec.empty()) out.push_back(rec);
            w.tags();
        }
        w.tags();
    }
    w.tags();
    w.check("fetch response");
    return out;
}

}  // namespace kafkascope::test
