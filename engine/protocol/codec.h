#pragma once
// The Encoder and Decoder that turn a message description (field.h) into
// bytes and back for one version. Field types map to wire types as follows:
//
//   int8_t int16_t uint16_t int32_t int64_t double bool  -> fixed width
//   std::string / std::optional<std::string>               -> (nullable) string
//   Bytes / std::optional<Bytes>                           -> (nullable) bytes
//   Uuid                                                   -> uuid
//   std::vector<T> / std::optional<std::vector<T>>         -> (nullable) array
//   a struct with fields(V&)                               -> nested struct
//
// In flexible versions strings, bytes and arrays use the compact forms and
// every struct ends with a tagged-field section; unknown tags are kept in the
// struct's `unknown_tags` member and written back unchanged.

#include <algorithm>
#include <concepts>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "protocol/bytes.h"
#include "protocol/field.h"
#include "protocol/wire_reader.h"
#include "protocol/wire_writer.h"

namespace kafkascope::protocol {

template <class T>
concept Described = requires(T& t) { t.unknown_tags; };

template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type { using element = T; };
template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type { using inner = T; };

template <class T>
constexpr bool is_array_v = is_vector<T>::value && !std::is_same_v<T, Bytes>;

class Encoder {
public:
    Encoder(WireWriter& out, std::int16_t version, bool flexible)
        : out_(out), version_(version), flexible_(flexible) {}

    // First encode error, empty if none.
    const std::string& error() const { return error_; }

    template <Described S>
    void write_struct(const S& s) {
        TaggedFields tagged;
        TaggedFields* outer = tagged_;
        tagged_ = &tagged;
        // fields() is shared with the decoder, so it is not const; encoding only reads.
        const_cast<S&>(s).fields(*this);
        tagged_ = outer;
        if (!flexible_) return;
        for (const auto& u : s.unknown_tags) tagged.push_back(u);
        std::stable_sort(tagged.begin(), tagged.end(),
                         [](const UnknownTag& a, const UnknownTag& b) { return a.tag < b.tag; });
        out_.tagged_fields(tagged);
    }

    template <class T>
    void operator()(const T& value, const Field& f) {
        const bool present = f.versions.contains(version_) && (f.tag < 0 || flexible_);
        if (!present) {
            if (!f.ignorable && !is_default(value, f)) {
                fail(std::string("field ") + f.name + " has a value but version " +
                     std::to_string(version_) + " cannot carry it");
            }
            return;
        }
        if (f.tag >= 0) {
            if (is_default(value, f)) return;
            WireWriter sub;
            Encoder nested(sub, version_, flexible_);
            nested.value(value, f);
            if (!nested.error_.empty()) fail(nested.error_);
            tagged_->push_back(UnknownTag{static_cast<std::uint32_t>(f.tag), sub.take()});
            return;
        }
        value_of(value, f);
    }

    template <class T>
    void value(const T& v, const Field& f) { value_of(v, f); }

private:
    template <class T>
    bool is_default(const T& v, const Field& f) const {
        if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
            return static_cast<std::int64_t>(v) == f.int_default;
        } else if constexpr (is_vector<T>::value) {
            return v.empty();
        } else if constexpr (is_optional<T>::value) {
            return !v.has_value();
        } else if constexpr (Described<T>) {
            // A struct equals its default when both encode to the same bytes.
            WireWriter a, b;
            Encoder ea(a, version_, flexible_), eb(b, version_, flexible_);
            ea.write_struct(v);
            eb.write_struct(T{});
            return a.data() == b.data();
        } else {
            return v == T{};
        }
    }

    template <class T>
    void value_of(const T& v, const Field& f) {
        if constexpr (std::is_same_v<T, bool>) out_.boolean(v);
        else if constexpr (std::is_same_v<T, std::int8_t>) out_.i8(v);
        else if constexpr (std::is_same_v<T, std::int16_t>) out_.i16(v);
        else if constexpr (std::is_same_v<T, std::uint16_t>) out_.u16(v);
        else if constexpr (std::is_same_v<T, std::int32_t>) out_.i32(v);
        else if constexpr (std::is_same_v<T, std::int64_t>) out_.i64(v);
        else if constexpr (std::is_same_v<T, double>) out_.f64(v);
        else if constexpr (std::is_same_v<T, Uuid>) out_.uuid(v);
        else if constexpr (std::is_same_v<T, std::string>)
            flexible_ ? out_.compact_string(v) : out_.string(v);
        else if constexpr (std::is_same_v<T, Bytes>)
            flexible_ ? out_.compact_bytes(v) : out_.bytes(v);
        else if constexpr (is_optional<T>::value) optional_of(v, f);
        else if constexpr (is_array_v<T>) {
            out_.array_length(static_cast<std::int32_t>(v.size()), flexible_);
            for (const auto& e : v) value_of(e, f);
        } else {
            static_assert(Described<T>, "field type has no wire mapping");
            write_struct(v);
        }
    }

    template <class T>
    void optional_of(const std::optional<T>& v, const Field& f) {
        if (v) {
            if constexpr (std::is_same_v<T, std::string>)
                flexible_ ? out_.compact_string(*v) : out_.string(*v);
            else if constexpr (std::is_same_v<T, Bytes>)
                flexible_ ? out_.compact_bytes(*v) : out_.bytes(*v);
            else value_of(*v, f);
            return;
        }
        if (!f.nullable.contains(version_)) {
            fail(std::string("field ") + f.name + " is null but not nullable in version " +
                 std::to_string(version_));
            return;
        }
        if constexpr (std::is_same_v<T, std::string>)
            flexible_ ? out_.uvarint(0) : out_.i16(-1);
        else if constexpr (std::is_same_v<T, Bytes>)
            flexible_ ? out_.uvarint(0) : out_.i32(-1);
        else if constexpr (is_array_v<T>) out_.array_length(-1, flexible_);
        else if constexpr (Described<T>) out_.i8(-1);  // nullable struct marker
        else static_assert(is_array_v<T>, "nullable field of a type Kafka cannot null");
    }

    void fail(const std::string& why) {
        if (error_.empty()) error_ = why;
    }

    WireWriter& out_;
    std::int16_t version_;
    bool flexible_;
    TaggedFields* tagged_ = nullptr;
    std::string error_;
};

class Decoder {
public:
    Decoder(WireReader& in, std::int16_t version, bool flexible)
        : in_(in), version_(version), flexible_(flexible) {}

    template <Described S>
    void read_struct(S& s) {
        std::vector<std::pair<std::int32_t, std::function<void(WireReader&)>>> known;
        auto* outer = known_tags_;
        known_tags_ = &known;
        s.fields(*this);
        known_tags_ = outer;
        if (!flexible_ || !in_.ok()) return;
        const std::uint32_t count = in_.uvarint32();
        if (count > in_.remaining()) {
            in_.fail("tagged field count " + std::to_string(count) + " exceeds the bytes left");
            return;
        }
        for (std::uint32_t i = 0; i < count && in_.ok(); ++i) {
            const std::uint32_t tag = in_.uvarint32();
            const std::uint32_t size = in_.uvarint32();
            const auto data = in_.take(size);
            if (!in_.ok()) return;
            auto it = std::find_if(known.begin(), known.end(),
                                   [&](const auto& k) { return k.first == static_cast<std::int32_t>(tag); });
            if (it == known.end()) {
                s.unknown_tags.push_back(UnknownTag{tag, Bytes(data.begin(), data.end())});
                continue;
            }
            WireReader sub(data);
            it->second(sub);
            if (!sub.ok()) in_.fail("tagged field " + std::to_string(tag) + ": " + sub.error());
        }
    }

    template <class T>
    void operator()(T& value, const Field& f) {
        if (!f.versions.contains(version_) || (f.tag >= 0 && !flexible_)) return;
        if (f.tag >= 0) {
            known_tags_->emplace_back(f.tag, [this, &value, f](WireReader& sub) {
                Decoder nested(sub, version_, flexible_);
                nested.value_of(value, f);
            });
            return;
        }
        value_of(value, f);
    }

private:
    template <class T>
    void value_of(T& v, const Field& f) {
        if (!in_.ok()) return;
        if constexpr (std::is_same_v<T, bool>) v = in_.boolean();
        else if constexpr (std::is_same_v<T, std::int8_t>) v = in_.i8();
        else if constexpr (std::is_same_v<T, std::int16_t>) v = in_.i16();
        else if constexpr (std::is_same_v<T, std::uint16_t>) v = in_.u16();
        else if constexpr (std::is_same_v<T, std::int32_t>) v = in_.i32();
        else if constexpr (std::is_same_v<T, std::int64_t>) v = in_.i64();
        else if constexpr (std::is_same_v<T, double>) v = in_.f64();
        else if constexpr (std::is_same_v<T, Uuid>) v = in_.uuid();
        else if constexpr (std::is_same_v<T, std::string>)
            v = flexible_ ? in_.compact_string() : in_.string();
        else if constexpr (std::is_same_v<T, Bytes>)
            v = flexible_ ? in_.compact_bytes() : in_.bytes();
        else if constexpr (is_optional<T>::value) optional_of(v, f);
        else if constexpr (is_array_v<T>) {
            const std::int32_t n = in_.array_length(flexible_);
            if (n < 0) {
                in_.fail(std::string("null array for non-nullable field ") + f.name);
                return;
            }
            array_of(v, n, f);
        } else {
            read_struct(v);
        }
    }

    template <class T>
    void array_of(std::vector<T>& v, std::int32_t n, const Field& f) {
        v.clear();
        // The count is only checked against the bytes left (one per element),
        // and an element in memory is much bigger than one byte: reserving a
        // hostile count would allocate sizeof(T) times the frame. Reserve a
        // bounded amount and let real elements grow the vector.
        constexpr std::size_t kMaxReserve = 1024;
        v.reserve(std::min(static_cast<std::size_t>(n), kMaxReserve));
        for (std::int32_t i = 0; i < n && in_.ok(); ++i) value_of(v.emplace_back(), f);
    }

    template <class T>
    void optional_of(std::optional<T>& v, const Field& f) {
        const bool nullable = f.nullable.contains(version_);
        if constexpr (std::is_same_v<T, std::string>) {
            v = nullable ? (flexible_ ? in_.compact_nullable_string() : in_.nullable_string())
                         : std::optional<std::string>(flexible_ ? in_.compact_string() : in_.string());
        } else if constexpr (std::is_same_v<T, Bytes>) {
            v = nullable ? (flexible_ ? in_.compact_nullable_bytes() : in_.nullable_bytes())
                         : std::optional<Bytes>(flexible_ ? in_.compact_bytes() : in_.bytes());
        } else if constexpr (is_array_v<T>) {
            const std::int32_t n = in_.array_length(flexible_);
            if (n < 0) {
                if (!nullable) in_.fail(std::string("null array for non-nullable field ") + f.name);
                v.reset();
                return;
            }
            array_of(v.emplace(), n, f);
        } else {
            if (nullable && in_.i8() < 0) {
                v.reset();
                return;
            }
            value_of(v.emplace(), f);
        }
    }

    WireReader& in_;
    std::int16_t version_;
    bool flexible_;
    std::vector<std::pair<std::int32_t, std::function<void(WireReader&)>>>* known_tags_ = nullptr;
};

}  // namespace kafkascope::protocol
