// `produce TOPIC`: every line of stdin (or of --file) becomes one message,
// sent through the engine's Writer; each message gets its own result line.

#include <charconv>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "json_writer.h"
#include "producer/writer.h"

namespace kafkascope::cli {
namespace {

struct ProduceArgs {
    std::string topic;
    std::optional<char> key_delimiter;
    std::optional<std::int32_t> partition;
    std::vector<records::RecordHeader> headers;
    std::string file;  // empty: stdin
    producer::WriterConfig config;
};

template <class T>
bool parse_int(const std::string& text, T& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size();
}

std::optional<records::Compression> codec_named(const std::string& name) {
    for (auto c : {records::Compression::none, records::Compression::gzip, records::Compression::snappy,
                   records::Compression::lz4, records::Compression::zstd}) {
        if (records::compression_name(c) == name) return c;
    }
    return std::nullopt;
}

Result<ProduceArgs> parse_produce(const std::vector<std::string>& args) {
    ProduceArgs p;
    auto bad = [](const std::string& why) { return Error(client_errc::invalid_argument, "produce: " + why); };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        const std::string value = has_value ? args[i + 1] : std::string{};
        auto take = [&]() { ++i; };
        long long n = 0;
        if (a == "-K" || a == "--key-delimiter") {
            if (!has_value || value.size() != 1) return bad("-K takes one delimiter character");
            p.key_delimiter = value[0];
            take();
        } else if (a == "-p" || a == "--partition") {
            std::int32_t partition = 0;
            if (!has_value || !parse_int(value, partition) || partition < 0) return bad("-p takes a partition number");
            p.partition = partition;
            take();
        } else if (a == "-H" || a == "--header") {
            const auto eq = value.find('=');
            if (!has_value || eq == std::string::npos) return bad("-H takes KEY=VALUE");
            p.headers.push_back({value.substr(0, eq), records::Bytes(value.begin() + static_cast<long>(eq) + 1, value.end())});
            take();
        } else if (a == "-z" || a == "--compression") {
            auto codec = codec_named(value);
            if (!has_value || !codec) return bad("-z takes none, gzip, snappy, lz4 or zstd");
            p.config.compression = *codec;
            take();
        } else if (a == "--acks") {
            if (value == "0" || value == "none") p.config.required_acks = producer::RequiredAcks::none;
            else if (value == "1" || value == "one") p.config.required_acks = producer::RequiredAcks::one;
            else if (value == "all" || value == "-1") p.config.required_acks = producer::RequiredAcks::all;
            else return bad("--acks takes 0, 1 or all");
            take();
        } else if (a == "--batch-size" && has_value && parse_int(value, n) && n > 0) {
            p.config.batch_size = static_cast<std::size_t>(n);
            take();
        } else if (a == "--batch-bytes" && has_value && parse_int(value, n) && n > 0) {
            p.config.batch_bytes = static_cast<std::size_t>(n);
            take();
        } else if (a == "--linger" && has_value && parse_int(value, n) && n >= 0) {
            p.config.linger = std::chrono::milliseconds(n);
            take();
        } else if (a == "--balancer" && has_value) {
            p.config.balancer = value;
            take();
        } else if (a == "--file" && has_value) {
            p.file = value;
            take();
        } else if (!a.empty() && a[0] == '-') {
            return bad("unknown or incomplete option '" + a + "'");
        } else if (p.topic.empty()) {
            p.topic = a;
        } else {
            return bad("unexpected argument '" + a + "'");
        }
    }
    if (p.topic.empty()) return bad("needs a TOPIC");
    p.config.topic = p.topic;
    return p;
}

producer::Message to_message(const std::string& line, const ProduceArgs& p) {
    producer::Message m;
    m.partition = p.partition;
    m.headers = p.headers;
    std::string_view value = line;
    if (p.key_delimiter) {
        const auto at = line.find(*p.key_delimiter);
        if (at != std::string::npos) {
            m.key = records::Bytes(line.begin(), line.begin() + static_cast<long>(at));
            value = std::string_view(line).substr(at + 1);
        }
    }
    m.value = records::Bytes(value.begin(), value.end());
    return m;
}

void print_reports(const std::vector<producer::DeliveryReport>& reports, bool json, std::ostream& out) {
    if (!json) {
        for (const auto& r : reports) {
            out << "#" << r.index << ' ';
            if (r.error) {
                out << "failed: " << r.error.message << '\n';
            } else {
                out << r.topic << " [" << r.partition << "] offset " << r.offset << " (" << r.latency.count()
                    << " us)\n";
            }
        }
        return;
    }
    JsonWriter w(out);
    w.begin_object().key("messages").begin_array();
    for (const auto& r : reports) {
        w.begin_object().field("index", r.index).field("topic", r.topic).field("partition", r.partition);
        w.field("offset", r.offset).field("timestamp", r.timestamp_ms);
        w.field("latency_us", static_cast<std::int64_t>(r.latency.count()));
        w.key("error");
        r.error ? w.value(r.error.message) : w.null();
        w.end_object();
    }
    w.end_array().end_object();
}

}  // namespace

int run_produce(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto args = parse_produce(options.args);
    if (!args) {
        std::cerr << "kafkascope-cli: " << args.error().message << '\n';
        return kExitUsage;
    }
    std::ifstream file;
    if (!args->file.empty()) {
        file.open(args->file);
        if (!file) {
            std::cerr << "kafkascope-cli: produce: cannot read '" << args->file << "'\n";
            return kExitFailed;
        }
    }
    std::istream& in = args->file.empty() ? std::cin : file;
    std::vector<producer::Message> messages;
    for (std::string line; std::getline(in, line);) messages.push_back(to_message(line, *args));

    auto writer = engine.create_writer(args->config);
    if (!writer) {
        std::cerr << "kafkascope-cli: " << writer.error().message << '\n';
        return kExitUsage;
    }
    // One write call: the Writer batches, and with linger unset the call
    // flushes at once instead of waiting out batch_timeout.
    const auto reports = (*writer)->write_sync(std::move(messages));
    (*writer)->close_sync(std::chrono::milliseconds(10'000));
    print_reports(reports, options.json, out);
    std::size_t failed = 0;
    for (const auto& r : reports) failed += r.error ? 1 : 0;
    if (failed == 0) return kExitOk;
    std::cerr << "kafkascope-cli: " << failed << " of " << reports.size() << " messages were not stored\n";
    return failed == reports.size() ? kExitFailed : kExitPartial;
}

}  // namespace kafkascope::cli
