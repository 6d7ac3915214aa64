// `lag [GROUP...] [--watch SECONDS] [--count N] [--exact]`: committed
// offset, end offset, lag, lag in time and status per partition, from the
// engine's LagMonitor. Without --watch one poll is printed; with it, one
// block (or JSON document) per poll until interrupted or N polls.

#include <charconv>
#include <condition_variable>
#include <csignal>
#include <deque>
#include <iomanip>
#include <iostream>
#include <mutex>

#include "commands.h"
#include "json_writer.h"

namespace kafkascope::cli {
namespace {

volatile std::sig_atomic_t g_interrupted = 0;
extern "C" void on_interrupt(int) { g_interrupted = 1; }

struct LagArgs {
    std::vector<std::string> groups;
    std::optional<std::chrono::milliseconds> watch;
    long count = -1;  // -1: until interrupted
    bool exact = false;
};

Result<LagArgs> parse_lag_args(const std::vector<std::string>& args) {
    LagArgs out;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto number = [&](const char* what, double& v) -> Status {
            if (i + 1 >= args.size()) return Error(client_errc::invalid_argument, std::string(what) + " needs a value");
            const std::string& text = args[++i];
            const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
            if (ec != std::errc{} || end != text.data() + text.size() || v <= 0) {
                return Error(client_errc::invalid_argument,
                             std::string(what) + " must be a positive number, not '" + text + "'");
            }
            return ok_status();
        };
        if (a == "--watch") {
            double seconds = 0;
            if (auto s = number("--watch", seconds); !s) return std::move(s).error();
            out.watch = std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
        } else if (a == "--count") {
            double n = 0;
            if (auto s = number("--count", n); !s) return std::move(s).error();
            out.count = static_cast<long>(n);
        } else if (a == "--exact") {
            out.exact = true;
        } else if (!a.empty() && a[0] == '-') {
            return Error(client_errc::invalid_argument, "lag: unknown option '" + a + "'");
        } else {
            out.groups.push_back(a);
        }
    }
    return out;
}

std::int64_t ms(double seconds) { return static_cast<std::int64_t>(seconds * 1000.0 + 0.5); }

void print_json(const monitor::LagSnapshot& s, std::ostream& out) {
    JsonWriter json(out);
    json.begin_object();
    json.field("cycle", static_cast<std::int64_t>(s.cycle)).field("time_ms", s.time_ms);
    json.key("error");
    s.error ? json.value(s.error.message) : json.null();
    json.field("requests", s.requests);
    json.key("groups").begin_array();
    for (const auto& g : s.groups) {
        json.begin_object();
        json.field("group", g.group_id);
        json.key("state");
        g.state.empty() ? json.null() : json.value(g.state);
        json.key("members");
        g.members < 0 ? json.null() : json.value(static_cast<std::int64_t>(g.members));
        json.field("total_lag", g.total_lag).field("max_lag", g.max_lag);
        json.key("max_lag_ms");
        g.max_time_lag_seconds ? json.value(ms(*g.max_time_lag_seconds)) : json.null();
        json.field("status", monitor::status_name(g.status));
        json.key("error");
        g.error ? json.value(g.error.message) : json.null();
        json.key("partitions").begin_array();
        for (const auto& p : g.partitions) {
            json.begin_object();
            json.field("topic", p.topic).field("partition", p.partition);
            json.field("committed", p.committed).field("log_start", p.log_start).field("log_end", p.log_end);
            json.field("lag", p.lag);
            json.key("lag_ms");
            p.time_lag ? json.value(ms(p.time_lag->seconds)) : json.null();
            json.key("lag_ms_quality");
            p.time_lag ? json.value(monitor::time_lag_quality_name(p.time_lag->quality)) : json.null();
            json.key("catch_up_ms");
            p.catch_up_seconds ? json.value(ms(*p.catch_up_seconds)) : json.null();
            json.field("below_log_start", p.below_log_start);
            json.field("status", monitor::status_name(p.status));
            json.key("owner");
            p.owner.empty() ? json.null() : json.value(p.owner);
            json.key("error");
            p.error ? json.value(p.error.message) : json.null();
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.key("errors").begin_array();
    for (const auto& f : s.failures) {
        json.begin_object();
        json.field("node_id", f.node_id).field("address", f.address).field("error", f.error.message);
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

void print_text(const monitor::LagSnapshot& s, std::ostream& out) {
    for (const auto& g : s.groups) {
        out << "group " << g.group_id << "  status " << monitor::status_name(g.status) << "  total lag "
            << g.total_lag << "  max lag " << g.max_lag;
        if (g.max_time_lag_seconds) out << std::fixed << std::setprecision(1) << "  max " << *g.max_time_lag_seconds << " s";
        if (!g.state.empty()) out << "  state " << g.state;
        if (g.members >= 0) out << "  members " << g.members;
        out << '\n';
        if (g.error) out << "  error: " << g.error.message << '\n';
        for (const auto& p : g.partitions) {
            out << "  " << p.topic << " [" << p.partition << "] ";
            if (p.error) {
                out << "error: " << p.error.message << '\n';
                continue;
            }
            out << "committed " << p.committed << ", end " << p.log_end << ", lag " << p.lag;
            if (p.time_lag) {
                const char* approx = p.time_lag->quality == monitor::TimeLagQuality::lower_bound    ? ">= "
                                     : p.time_lag->quality == monitor::TimeLagQuality::extrapolated ? "~"
                                                                                                    : "";
                out << " (" << approx << std::fixed << std::setprecision(1) << p.time_lag->seconds << " s)";
            }
            out << ' ' << monitor::status_name(p.status);
            if (p.below_log_start) out << "  WARNING: committed offset below log start " << p.log_start;
            out << '\n';
        }
    }
}

}  // namespace

int run_lag(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto args = parse_lag_args(options.args);
    if (!args) {
        std::cerr << "kafkascope-cli: " << args.error().message << '\n';
        return kExitUsage;
    }
    monitor::LagMonitorConfig config;
    config.groups = args->groups;
    config.exact_time_lag = args->exact;
    if (args->watch) config.interval = *args->watch;
    const long wanted = args->watch ? args->count : 1;

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<monitor::LagSnapshot> queue;
    auto id = engine.start_lag_monitor(config, [&](monitor::LagSnapshot s) {
        std::lock_guard lock(mutex);
        queue.push_back(std::move(s));
        changed.notify_all();
    });
    if (!id) {
        std::cerr << "kafkascope-cli: " << id.error().message << '\n';
        return kExitUsage;
    }
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    int exit_code = kExitOk;
    for (long printed = 0; wanted < 0 || printed < wanted;) {
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::milliseconds(200), [&] { return !queue.empty(); });
        if (g_interrupted) break;
        if (queue.empty()) continue;
        monitor::LagSnapshot s = std::move(queue.front());
        queue.pop_front();
        lock.unlock();
        options.json ? print_json(s, out) : print_text(s, out);
        out.flush();
        ++printed;
        exit_code = kExitOk;
        if (s.error) {
            std::cerr << "kafkascope-cli: " << s.error.message << '\n';
            exit_code = kExitFailed;
            continue;
        }
        bool partial = !s.failures.empty();
        for (const auto& g : s.groups) {
            if (g.error) {
                std::cerr << "kafkascope-cli: " << g.error.message << '\n';
                partial = true;
            }
            for (const auto& p : g.partitions) partial |= static_cast<bool>(p.error);
        }
        if (partial) exit_code = kExitPartial;
    }
    engine.stop_lag_monitor_sync(*id);
    return exit_code;
}

}  // namespace kafkascope::cli
