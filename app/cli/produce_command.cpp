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
    std::string stats_json;  // empty: no stats file
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
        } else if (a == "--batch-timeout" && has_value && parse_int(value, n) && n >= 0) {
            p.config.batch_timeout = std::chrono::milliseconds(n);
            take();
        } else if (a == "--max-attempts" && has_value && parse_int(value, n) && n > 0 && n <= 1'000'000) {
            p.config.max_attempts = static_cast<int>(n);
            take();
        } else if (a == "--compression-level" && has_value && parse_int(value, n) && n >= -100 && n <= 100) {
            p.config.compression_level = static_cast<int>(n);
            take();
        } else if (a == "--round-robin-chunk" && has_value && parse_int(value, n) && n > 0 && n <= 1'000'000'000) {
            p.config.round_robin_chunk_size = static_cast<int>(n);
            take();
        } else if (a == "--async") {
            p.config.async = true;
        } else if (a == "--idempotent") {
            p.config.idempotent = true;
        } else if (a == "--no-idempotent") {
            p.config.idempotent = false;
        } else if (a == "--stats-json" && has_value) {
            p.stats_json = value;
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

void write_summary(JsonWriter& w, const char* name, const producer::Summary& s) {
    w.key(name).begin_object().field("count", s.count).field("min", s.min).field("max", s.max);
    w.field("avg", static_cast<std::int64_t>(s.avg() + 0.5)).end_object();
}

void write_counters(JsonWriter& w, const producer::WriterCounters& c) {
    w.field("writes", c.writes).field("messages", c.messages).field("bytes", c.bytes);
    w.field("errors", c.errors).field("retries", c.retries);
    write_summary(w, "batch_time_us", c.batch_time_us);
    write_summary(w, "batch_queue_time_us", c.batch_queue_time_us);
    write_summary(w, "write_time_us", c.write_time_us);
    write_summary(w, "wait_time_us", c.wait_time_us);
    write_summary(w, "batch_size", c.batch_size);
    write_summary(w, "batch_bytes", c.batch_bytes);
}

// The final WriterStats: totals, per partition, every flush with its reason,
// and the settings in force (kafka-go's gauges).
void write_stats(const producer::WriterStats& stats, std::ostream& out) {
    JsonWriter w(out);
    const producer::WriterConfig& c = stats.config;
    w.begin_object();
    w.key("total").begin_object();
    write_counters(w, stats.total);
    w.end_object();
    w.key("partitions").begin_array();
    for (const auto& [where, counters] : stats.partitions) {
        w.begin_object().field("topic", where.first).field("partition", where.second);
        write_counters(w, counters);
        w.end_object();
    }
    w.end_array();
    w.key("flushes").begin_array();
    for (const producer::FlushRecord& f : stats.flushes) {
        w.begin_object().field("topic", f.topic).field("partition", f.partition).field("messages", f.messages);
        w.field("bytes", f.bytes).field("reason", producer::flush_reason_name(f.reason)).end_object();
    }
    w.end_array();
    w.field("idempotent", stats.idempotent).field("producer_id", stats.producer_id);
    w.field("producer_epoch", stats.producer_epoch);
    w.key("config").begin_object();
    w.field("batch_size", c.batch_size).field("batch_bytes", c.batch_bytes);
    w.field("batch_timeout_ms", static_cast<std::int64_t>(c.batch_timeout.count()));
    w.key("linger_ms");
    c.linger ? w.value(static_cast<std::int64_t>(c.linger->count())) : w.null();
    w.field("required_acks", static_cast<std::int64_t>(c.required_acks)).field("max_attempts", c.max_attempts);
    w.field("write_backoff_min_ms", static_cast<std::int64_t>(c.write_backoff_min.count()));
    w.field("write_backoff_max_ms", static_cast<std::int64_t>(c.write_backoff_max.count()));
    w.field("write_timeout_ms", static_cast<std::int64_t>(c.write_timeout.count())).field("async", c.async);
    w.field("compression", std::string(records::compression_name(c.compression)));
    w.key("compression_level");
    c.compression_level ? w.value(static_cast<std::int64_t>(*c.compression_level)) : w.null();
    w.field("balancer", c.balancer.empty() ? std::string("round-robin") : c.balancer);
    w.field("round_robin_chunk_size", c.round_robin_chunk_size);
    w.key("idempotent");
    c.idempotent ? w.value(*c.idempotent) : w.null();
    w.end_object();
    w.end_object();
    out << '\n';
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
    // One JSON line per message, as they are scriptable with line tools.
    for (const auto& r : reports) {
        JsonWriter w(out, JsonWriter::Style::compact);
        w.begin_object().field("index", r.index).field("topic", r.topic.str()).field("partition", r.partition);
        w.field("offset", r.offset).field("timestamp", r.timestamp_ms);
        w.field("latency_us", static_cast<std::int64_t>(r.latency.count()));
        w.key("error");
        r.error ? w.value(r.error.message) : w.null();
        w.end_object();
        out << '\n';
    }
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
    if (!args->stats_json.empty()) {
        std::ofstream stats_file(args->stats_json);
        if (stats_file) write_stats((*writer)->stats_sync(), stats_file);
        if (!stats_file) {
            std::cerr << "kafkascope-cli: produce: cannot write stats to '" << args->stats_json << "'\n";
            return kExitFailed;
        }
    }
    std::size_t failed = 0;
    for (const auto& r : reports) failed += r.error ? 1 : 0;
    if (failed == 0) return kExitOk;
    std::cerr << "kafkascope-cli: " << failed << " of " << reports.size() << " messages were not stored\n";
    return failed == reports.size() ? kExitFailed : kExitPartial;
}

}  // namespace kafkascope::cli
