// Produce benchmark for Kafkascope's engine (issue 3, "Benchmark"); the
// reference peer is rdkafka_produce_bench.c. Run both through
// run_produce_bench.sh, which starts the sandbox and prints the table.
//
//   produce_bench --bootstrap HOST:PORT --topic T [--codec none|gzip|snappy|lz4|zstd]
//                 [--mode throughput|latency] [--messages N] [--chunk N]
//                 [--window CHUNKS] [--batch-size N] [--batch-bytes N]
//                 [--batch-timeout MS] [--sync-writes] [--sync-count N]
//
// throughput: N messages of 100 bytes (bench_payload.h), acks=all, written
//   with async write() calls of --chunk messages each, at most --window calls
//   outstanding. Wall time runs from the first write to the last delivery
//   report; CPU is getrusage(RUSAGE_SELF) (user + sys, all threads) at the very
//   end of the process, so it covers everything the process did.
// latency: --sync-count sequential write_sync() calls of one message with
//   linger = 0 (after one untimed warm-up write), then one write at the
//   default WriterConfig on a fresh writer (and a second one, warm).
//
// Prints exactly one JSON line on stdout; diagnostics go to stderr.

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "bench_payload.h"
#include "engine.h"
#include "producer/writer.h"

namespace {

using namespace kafkascope;
using Clock = std::chrono::steady_clock;

struct Args {
    std::string bootstrap;
    std::string topic;
    std::string codec = "none";
    std::string mode = "throughput";
    std::size_t messages = 1'000'000;
    std::size_t chunk = 10'000;
    std::size_t window = 20;
    std::size_t batch_size = 10'000;
    std::size_t batch_bytes = 1'048'576;
    long batch_timeout_ms = 5;
    bool sync_writes = false;  // async = false: each write() call flushes what it touched
    int sync_count = 200;
};

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr, "produce_bench: %s\n", why);
    std::exit(2);
}

Args parse_args(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string name = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage((name + " needs a value").c_str());
            return argv[++i];
        };
        auto number = [&]() -> unsigned long long {
            const std::string v = value();
            char* end = nullptr;
            const unsigned long long n = std::strtoull(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0') usage((name + ": not a number: " + v).c_str());
            return n;
        };
        if (name == "--bootstrap") a.bootstrap = value();
        else if (name == "--topic") a.topic = value();
        else if (name == "--codec") a.codec = value();
        else if (name == "--mode") a.mode = value();
        else if (name == "--messages") a.messages = number();
        else if (name == "--chunk") a.chunk = std::max<std::size_t>(1, number());
        else if (name == "--window") a.window = std::max<std::size_t>(1, number());
        else if (name == "--batch-size") a.batch_size = number();
        else if (name == "--batch-bytes") a.batch_bytes = number();
        else if (name == "--batch-timeout") a.batch_timeout_ms = static_cast<long>(number());
        else if (name == "--sync-writes") a.sync_writes = true;
        else if (name == "--sync-count") a.sync_count = static_cast<int>(number());
        else usage(("unknown option " + name).c_str());
    }
    if (a.bootstrap.empty() || a.topic.empty()) usage("--bootstrap and --topic are required");
    if (a.mode != "throughput" && a.mode != "latency") usage("--mode must be throughput or latency");
    return a;
}

records::Compression parse_codec(const std::string& c) {
    if (c == "none") return records::Compression::none;
    if (c == "gzip") return records::Compression::gzip;
    if (c == "snappy") return records::Compression::snappy;
    if (c == "lz4") return records::Compression::lz4;
    if (c == "zstd") return records::Compression::zstd;
    usage(("unknown codec " + c).c_str());
}

producer::Message make_message(std::uint64_t i) {
    char buf[BENCH_PAYLOAD_SIZE];
    bench_fill_payload(buf, i);
    producer::Message m;
    m.value.emplace(reinterpret_cast<const std::uint8_t*>(buf),
                    reinterpret_cast<const std::uint8_t*>(buf) + BENCH_PAYLOAD_SIZE);
    return m;
}

double cpu_seconds(double* user_out, double* sys_out) {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    const double user = static_cast<double>(ru.ru_utime.tv_sec) + static_cast<double>(ru.ru_utime.tv_usec) / 1e6;
    const double sys = static_cast<double>(ru.ru_stime.tv_sec) + static_cast<double>(ru.ru_stime.tv_usec) / 1e6;
    *user_out = user;
    *sys_out = sys;
    return user + sys;
}

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
    return v[std::min(v.size() - 1, rank == 0 ? 0 : rank - 1)];
}

std::unique_ptr<Engine> make_engine(const Args& a) {
    EngineOptions options;
    options.bootstrap = a.bootstrap;
    options.client_id = "produce_bench";
    auto engine = Engine::create(options);
    if (!engine) usage(("engine: " + engine.error().message).c_str());
    // Connect and learn the topic before the clock starts (the C peer does
    // the same with rd_kafka_metadata).
    auto md = engine.value()->metadata_sync({a.topic});
    if (!md) usage(("metadata: " + md.error().message).c_str());
    return std::move(engine).value();
}

std::shared_ptr<producer::Writer> make_writer(Engine& engine, producer::WriterConfig config) {
    auto writer = engine.create_writer(std::move(config));
    if (!writer) usage(("writer: " + writer.error().message).c_str());
    return std::move(writer).value();
}

int run_throughput(const Args& a) {
    auto engine = make_engine(a);
    producer::WriterConfig config;
    config.topic = a.topic;
    config.batch_size = a.batch_size;
    config.batch_bytes = a.batch_bytes;
    config.batch_timeout = std::chrono::milliseconds(a.batch_timeout_ms);
    config.required_acks = producer::RequiredAcks::all;
    config.compression = parse_codec(a.codec);
    config.async = !a.sync_writes;
    auto writer = make_writer(*engine, config);

    std::mutex mu;
    std::condition_variable cv;
    std::size_t outstanding = 0;  // write calls without their reports yet
    std::size_t delivered = 0;
    std::size_t failed = 0;
    std::string first_error;

    const auto t0 = Clock::now();
    for (std::size_t sent = 0; sent < a.messages;) {
        const std::size_t n = std::min(a.chunk, a.messages - sent);
        std::vector<producer::Message> chunk;
        chunk.reserve(n);
        for (std::size_t i = 0; i < n; ++i) chunk.push_back(make_message(sent + i));
        sent += n;
        {
            std::unique_lock lock(mu);
            cv.wait(lock, [&] { return outstanding < a.window; });
            ++outstanding;
        }
        writer->write(std::move(chunk), [&](std::vector<producer::DeliveryReport> reports) {
            std::size_t bad = 0;
            const Error* error = nullptr;
            for (const auto& r : reports) {
                if (r.error) {
                    ++bad;
                    if (!error) error = &r.error;
                }
            }
            std::lock_guard lock(mu);
            delivered += reports.size() - bad;
            failed += bad;
            if (error && first_error.empty()) first_error = error->message;
            --outstanding;
            cv.notify_all();
        });
    }
    {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return outstanding == 0; });
    }
    const double wall_s = ms_since(t0) / 1000.0;

    const auto stats = writer->stats_sync();
    writer->close_sync(std::chrono::milliseconds(10'000));
    writer.reset();
    engine.reset();

    std::fprintf(stderr,
                 "produce_bench: %s: %lld produce requests, batch size avg %.0f (min %lld, max %lld), "
                 "batch bytes avg %.0f, write time avg %.2f ms, retries %lld, idempotent %d\n",
                 a.codec.c_str(), static_cast<long long>(stats.total.writes), stats.total.batch_size.avg(),
                 static_cast<long long>(stats.total.batch_size.min),
                 static_cast<long long>(stats.total.batch_size.max), stats.total.batch_bytes.avg(),
                 stats.total.write_time_us.avg() / 1000.0, static_cast<long long>(stats.total.retries),
                 stats.idempotent ? 1 : 0);
    if (!first_error.empty()) std::fprintf(stderr, "produce_bench: first error: %s\n", first_error.c_str());

    double user = 0, sys = 0;
    const double cpu = cpu_seconds(&user, &sys);
    const double per_million = cpu / (static_cast<double>(a.messages) / 1e6);
    std::printf("{\"impl\":\"kafkascope\",\"mode\":\"throughput\",\"codec\":\"%s\",\"messages\":%zu,"
                "\"delivered\":%zu,\"failed\":%zu,\"wall_s\":%.4f,\"msgs_per_s\":%.0f,\"cpu_user_s\":%.4f,"
                "\"cpu_sys_s\":%.4f,\"cpu_s_per_million\":%.4f}\n",
                a.codec.c_str(), a.messages, delivered, failed, wall_s,
                static_cast<double>(delivered) / wall_s, user, sys, per_million);
    return failed == 0 && delivered == a.messages ? 0 : 1;
}

// One message through write_sync; returns its wall time in ms, or -1 on error.
double timed_sync_write(producer::Writer& writer, std::uint64_t i) {
    std::vector<producer::Message> one;
    one.push_back(make_message(i));
    const auto t0 = Clock::now();
    auto reports = writer.write_sync(std::move(one));
    const double ms = ms_since(t0);
    if (reports.size() != 1 || reports[0].error) {
        std::fprintf(stderr, "produce_bench: sync write failed: %s\n",
                     reports.empty() ? "no report" : reports[0].error.message.c_str());
        return -1;
    }
    return ms;
}

int run_latency(const Args& a) {
    auto engine = make_engine(a);
    int failures = 0;

    producer::WriterConfig config;
    config.topic = a.topic;
    config.compression = parse_codec(a.codec);
    config.linger = std::chrono::milliseconds(0);
    auto writer = make_writer(*engine, config);
    const double warmup_ms = timed_sync_write(*writer, 0);
    if (warmup_ms < 0) ++failures;
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(a.sync_count));
    for (int i = 0; i < a.sync_count; ++i) {
        const double ms = timed_sync_write(*writer, static_cast<std::uint64_t>(i) + 1);
        if (ms < 0) ++failures;
        else samples.push_back(ms);
    }
    writer->close_sync(std::chrono::milliseconds(10'000));
    writer.reset();

    // Default settings: everything as WriterConfig{} has it (linger unset,
    // batch_timeout 1 s), on a fresh writer; the first write includes the
    // writer's own start-up (InitProducerId), the second one does not.
    producer::WriterConfig defaults;
    defaults.topic = a.topic;
    defaults.compression = parse_codec(a.codec);
    auto plain = make_writer(*engine, defaults);
    const double default_first_ms = timed_sync_write(*plain, 1'000'000);
    const double default_ms = timed_sync_write(*plain, 1'000'001);
    if (default_first_ms < 0 || default_ms < 0) ++failures;
    plain->close_sync(std::chrono::milliseconds(10'000));
    plain.reset();
    engine.reset();

    std::printf("{\"impl\":\"kafkascope\",\"mode\":\"latency\",\"codec\":\"%s\",\"sync_n\":%zu,"
                "\"warmup_ms\":%.3f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,"
                "\"default_first_ms\":%.3f,\"default_ms\":%.3f,\"failed\":%d}\n",
                a.codec.c_str(), samples.size(), warmup_ms, percentile(samples, 0.50),
                percentile(samples, 0.99), percentile(samples, 1.0), default_first_ms, default_ms, failures);
    return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const Args a = parse_args(argc, argv);
    return a.mode == "throughput" ? run_throughput(a) : run_latency(a);
}
