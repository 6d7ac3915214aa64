#include "browse/message_export.h"

#include "browse/json_value.h"
#include "browse/text_encoding.h"

namespace kafkascope::browse {

namespace {

// "name":value plus "name_encoding":"base64" when the bytes are not UTF-8.
void append_bytes_field(std::string& out, std::string_view name, const std::optional<ByteSpan>& bytes) {
    out += '"';
    out += name;
    out += "\":";
    if (!bytes) {
        out += "null";
        return;
    }
    if (is_valid_utf8(*bytes)) {
        append_json_string(out, as_text(*bytes));
        return;
    }
    append_json_string(out, base64_encode(*bytes));
    out += ",\"";
    out += name;
    out += "_encoding\":\"base64\"";
}

const char* type_name(records::TimestampType t) {
    return t == records::TimestampType::log_append_time ? "log_append_time" : "create_time";
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_text(const std::optional<ByteSpan>& bytes) {
    if (!bytes) return "";
    if (is_valid_utf8(*bytes)) return std::string(as_text(*bytes));
    return "base64:" + base64_encode(*bytes);
}

std::optional<records::Bytes> owned(const std::optional<ByteSpan>& s) {
    if (!s) return std::nullopt;
    return records::Bytes(s->begin(), s->end());
}

}  // namespace

std::string to_json_line(const MessageRef& m, std::string_view topic) {
    std::string out;
    out.reserve(128 + (m.key ? m.key->size() : 0) + (m.value ? m.value->size() : 0));
    out += "{\"topic\":";
    append_json_string(out, topic);
    out += ",\"partition\":" + std::to_string(m.partition);
    out += ",\"offset\":" + std::to_string(m.offset);
    out += ",\"timestamp\":" + std::to_string(m.timestamp);
    out += ",\"timestamp_type\":\"";
    out += type_name(m.timestamp_type);
    out += "\",";
    append_bytes_field(out, "key", m.key);
    out += ',';
    append_bytes_field(out, "value", m.value);
    out += ",\"headers\":[";
    bool first = true;
    for (const HeaderRef& h : m.headers()) {
        if (!first) out += ',';
        first = false;
        out += '{';
        append_bytes_field(out, "key", std::optional<ByteSpan>(as_bytes(h.key)));
        out += ',';
        append_bytes_field(out, "value", h.value);
        out += '}';
    }
    out += "]}";
    return out;
}

std::string csv_header_line() { return "partition,offset,timestamp,timestamp_type,key,value,headers"; }

std::string to_csv_line(const MessageRef& m) {
    std::string headers;
    for (const HeaderRef& h : m.headers()) {
        if (!headers.empty()) headers += ';';
        headers += csv_text(as_bytes(h.key));
        headers += '=';
        headers += csv_text(h.value);
    }
    return std::to_string(m.partition) + "," + std::to_string(m.offset) + "," + std::to_string(m.timestamp) + "," +
           type_name(m.timestamp_type) + "," + csv_field(csv_text(m.key)) + "," + csv_field(csv_text(m.value)) +
           "," + csv_field(headers);
}

producer::Message to_producer_message(const MessageRef& m) {
    producer::Message out;
    out.key = owned(m.key);
    out.value = owned(m.value);
    for (const HeaderRef& h : m.headers()) out.headers.push_back({std::string(h.key), owned(h.value)});
    out.timestamp_ms = m.timestamp;
    return out;
}

}  // namespace kafkascope::browse
