#include "browse/message_import.h"

#include <string>

#include "browse/json_value.h"
#include "browse/text_encoding.h"

namespace kafkascope::browse {

namespace {

Error bad(std::size_t line, const std::string& what) {
    return Error(client_errc::invalid_argument, "line " + std::to_string(line) + ": " + what);
}

// `name` (string or null) decoded per `name`_encoding.
Result<std::optional<records::Bytes>> bytes_field(const JsonObject& o, const std::string& name, std::size_t line,
                                                  bool required) {
    auto it = o.find(name);
    if (it == o.end()) {
        if (required) return bad(line, "missing \"" + name + "\"");
        return std::optional<records::Bytes>();
    }
    if (it->second.is_null()) return std::optional<records::Bytes>();
    const std::string* text = it->second.string();
    if (!text) return bad(line, "\"" + name + "\" must be a string or null");
    std::string encoding = "utf8";
    if (auto e = o.find(name + "_encoding"); e != o.end()) {
        if (!e->second.string()) return bad(line, "\"" + name + "_encoding\" must be a string");
        encoding = *e->second.string();
    }
    if (encoding == "base64") {
        auto decoded = base64_decode(*text);
        if (!decoded) return bad(line, "\"" + name + "\" is not valid base64");
        return std::optional<records::Bytes>(std::move(*decoded));
    }
    if (encoding != "utf8") return bad(line, "unknown encoding '" + encoding + "' for \"" + name + "\"");
    return std::optional<records::Bytes>(records::Bytes(text->begin(), text->end()));
}

}  // namespace

Result<producer::Message> parse_json_line(std::string_view line, std::size_t n, const ImportOptions& options) {
    auto parsed = parse_json(line);
    if (!parsed) return bad(n, parsed.error().message);
    const JsonObject* o = parsed->object();
    if (!o) return bad(n, "expected a JSON object");
    producer::Message m;
    auto key = bytes_field(*o, "key", n, false);
    if (!key) return std::move(key).error();
    auto value = bytes_field(*o, "value", n, false);
    if (!value) return std::move(value).error();
    m.key = std::move(*key);
    m.value = std::move(*value);
    if (auto it = o->find("headers"); it != o->end() && !it->second.is_null()) {
        const JsonArray* headers = it->second.array();
        if (!headers) return bad(n, "\"headers\" must be an array");
        for (const JsonValue& h : *headers) {
            const JsonObject* ho = h.object();
            if (!ho) return bad(n, "each header must be an object");
            auto hk = bytes_field(*ho, "key", n, true);
            if (!hk) return std::move(hk).error();
            if (!*hk) return bad(n, "a header key must not be null");
            auto hv = bytes_field(*ho, "value", n, false);
            if (!hv) return std::move(hv).error();
            m.headers.push_back({std::string((*hk)->begin(), (*hk)->end()), std::move(*hv)});
        }
    }
    if (options.keep_timestamps) {
        if (auto it = o->find("timestamp"); it != o->end()) {
            if (!it->second.integer()) return bad(n, "\"timestamp\" must be an integer");
            m.timestamp_ms = *it->second.integer();
        }
    }
    if (options.keep_partitions) {
        auto it = o->find("partition");
        if (it == o->end() || !it->second.integer() || *it->second.integer() < 0 ||
            *it->second.integer() > std::numeric_limits<std::int32_t>::max()) {
            return bad(n, "\"partition\" must be a non-negative integer when partitions are kept");
        }
        m.partition = static_cast<std::int32_t>(*it->second.integer());
    }
    return m;
}

Result<std::size_t> read_json_lines(std::istream& in, const ImportOptions& options,
                                    const std::function<Status(std::vector<producer::Message>&&)>& sink,
                                    std::size_t batch) {
    std::string line;
    std::size_t n = 0;
    std::size_t total = 0;
    std::vector<producer::Message> pending;
    while (std::getline(in, line)) {
        ++n;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto m = parse_json_line(line, n, options);
        if (!m) return std::move(m).error();
        pending.push_back(std::move(m).value());
        if (pending.size() >= batch) {
            total += pending.size();
            auto s = sink(std::move(pending));
            if (!s) return std::move(s).error();
            pending.clear();
        }
    }
    if (!pending.empty()) {
        total += pending.size();
        auto s = sink(std::move(pending));
        if (!s) return std::move(s).error();
    }
    return total;
}

}  // namespace kafkascope::browse
