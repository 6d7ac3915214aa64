#include "consume_output.h"

#include <cstdint>

#include "json_writer.h"

namespace kafkascope::cli {
namespace {

std::string_view view_of(const protocol::Bytes& b) {
    return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

// A JSON value for bytes: "text", {"base64": "..."} or null.
void write_bytes(const std::optional<protocol::Bytes>& b, std::ostream& out) {
    if (!b) {
        out << "null";
        return;
    }
    const std::string_view s = view_of(*b);
    if (is_valid_utf8(s)) {
        out << '"' << json_escape(s) << '"';
    } else {
        out << "{\"base64\":\"" << base64_encode(s) << "\"}";
    }
}

void write_summary(JsonWriter& w, std::string_view name, const consumer::Summary& s) {
    w.key(name).begin_object();
    w.field("avg", s.avg()).field("min", s.min).field("max", s.max).field("count", s.count);
    w.end_object();
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        int extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + static_cast<std::size_t>(extra) >= bytes.size()) return false;  // cut short
        for (int k = 1; k <= extra; ++k) {
            const auto cc = static_cast<unsigned char>(bytes[i + static_cast<std::size_t>(k)]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
        static constexpr std::uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_for[extra] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
        i += static_cast<std::size_t>(extra) + 1;
    }
    return true;
}

std::string base64_encode(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16) |
                                (std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                                static_cast<unsigned char>(bytes[i + 2]);
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += alphabet[(v >> 6) & 63];
        out += alphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest > 0) {
        std::uint32_t v = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) v |= std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

void write_message_json_line(const consumer::Message& m, std::ostream& out) {
    out << "{\"topic\":\"" << json_escape(m.topic) << "\",\"partition\":" << m.partition
        << ",\"offset\":" << m.offset << ",\"high_watermark\":" << m.high_watermark
        << ",\"timestamp\":" << m.timestamp_ms << ",\"key\":";
    write_bytes(m.key, out);
    out << ",\"value\":";
    write_bytes(m.value, out);
    out << ",\"headers\":[";
    for (std::size_t i = 0; i < m.headers.size(); ++i) {
        const auto& h = m.headers[i];
        out << (i ? "," : "") << "{\"key\":";
        const protocol::Bytes key_bytes(h.key.begin(), h.key.end());
        write_bytes(key_bytes, out);
        out << ",\"value\":";
        write_bytes(h.value, out);
        out << '}';
    }
    out << "]}\n";
}

void write_message_text_line(const consumer::Message& m, std::ostream& out) {
    auto text = [](const std::optional<protocol::Bytes>& b) {
        return b ? std::string(view_of(*b)) : std::string("NULL");
    };
    out << m.topic << " [" << m.partition << "] @" << m.offset << ": key=" << text(m.key) << ' ' << text(m.value)
        << '\n';
}

void write_stats_json(const std::vector<consumer::ReaderStats>& all, std::ostream& out) {
    JsonWriter w(out);
    w.begin_object().key("readers").begin_array();
    for (const consumer::ReaderStats& s : all) {
        w.begin_object();
        w.field("client_id", s.client_id).field("topic", s.topic).field("partition", s.partition);
        w.field("dials", s.dials).field("fetches", s.fetches).field("messages", s.messages);
        w.field("bytes", s.bytes).field("rebalances", s.rebalances).field("timeouts", s.timeouts);
        w.field("errors", s.errors);
        write_summary(w, "dial_time_us", s.dial_time);
        write_summary(w, "read_time_us", s.read_time);
        write_summary(w, "wait_time_us", s.wait_time);
        write_summary(w, "fetch_size", s.fetch_size);
        write_summary(w, "fetch_bytes", s.fetch_bytes);
        w.field("offset", s.offset).field("lag", s.lag);
        w.field("min_bytes", s.min_bytes).field("max_bytes", s.max_bytes);
        w.field("max_wait_ms", static_cast<std::int64_t>(s.max_wait.count()));
        w.field("queue_length", s.queue_length).field("queue_capacity", s.queue_capacity);
        w.end_object();
    }
    w.end_array().end_object();
    out << '\n';
}

}  // namespace kafkascope::cli
