#pragma once
// How a message describes its fields: each message struct lists its members
// once, in wire order, in a `fields(V& v)` template, with the versions each
// exists in. The Encoder and Decoder (codec.h) walk that list; nothing else in
// the code base knows per-version layouts.
//
//   template <class V> void fields(V& v) {
//       v(topics, {.name = "topics", .nullable = 1});
//       v(allow_auto_topic_creation, {.name = "allow_auto_topic_creation",
//                                      .versions = 4, .ignorable = true});
//       v(cluster_id, {.name = "cluster_id", .versions = 2, .nullable = 2});
//   }

#include <cstdint>
#include <string_view>

namespace kafkascope::protocol {

// A closed range of versions. `Versions{3}` means "v3 and later".
struct Versions {
    std::int16_t min = 0;
    std::int16_t max = 0x7fff;

    constexpr Versions() = default;
    constexpr Versions(std::int16_t from) : min(from) {}  // NOLINT: "3" reads as "v3+"
    constexpr Versions(std::int16_t from, std::int16_t to) : min(from), max(to) {}

    static constexpr Versions none() { return Versions{1, 0}; }
    constexpr bool contains(std::int16_t v) const { return v >= min && v <= max; }
    constexpr bool empty() const { return min > max; }
};

struct Field {
    const char* name = "";
    // Versions that carry the field (for a tagged field: where the tag is known).
    Versions versions{};
    // Versions in which the value may be null (optional<> members only).
    Versions nullable = Versions::none();
    // >= 0: a tagged field, sent in the tagged section of flexible versions
    // only, and only when it differs from its default.
    std::int32_t tag = -1;
    // When the version lacks the field, a non-default value is normally an
    // encode error (never drop data silently). Ignorable fields are skipped.
    bool ignorable = false;
    // Default of an integer field when it is not zero (-1 for most epochs and
    // ids): a tagged field equal to it is not sent, and a missing field equal
    // to it is no data loss.
    std::int64_t int_default = 0;
};

// What every API's request and response declare as `static constexpr ApiSpec api`.
struct ApiSpec {
    std::int16_t key;
    std::string_view name;
    Versions versions;  // what this code base can encode and decode
    Versions flexible;  // versions using compact encodings and tagged fields
};

// Maps a request type to its response type; each messages/ header
// specialises it next to the two structs.
template <class Request>
struct response_for;
template <class Request>
using response_t = typename response_for<Request>::type;

}  // namespace kafkascope::protocol
