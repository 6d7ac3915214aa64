// `consume TOPIC --group G`: the group Reader. Messages are printed as they
// arrive and committed after they were printed (at-least-once, like a
// consumer that commits what it handled): with --commit-interval 0 in
// batches every 500 messages or when the stream pauses, otherwise through
// the reader's interval timer. Stops after --count messages, or on Ctrl-C /
// SIGTERM; either way it commits, leaves the group and exits 0.

#include <atomic>
#include <csignal>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "consume_args.h"
#include "consume_output.h"
#include "consumer/group_reader.h"
#include "consumer/partition_reader.h"

namespace kafkascope::cli {
namespace {

using namespace std::chrono_literals;

std::atomic<bool> g_interrupted{false};

extern "C" void on_stop_signal(int) { g_interrupted = true; }

constexpr std::size_t kCommitBatch = 500;

}  // namespace

int run_consume_group(Engine& engine, const CliOptions& options, const ConsumeArgs& args, std::ostream& out) {
    consumer::GroupReaderConfig config;
    config.group_id = *args.group;
    config.topics = {args.topic};
    config.queue_capacity = args.queue_capacity;
    config.max_wait = args.max_wait;
    config.isolation = args.isolation;
    config.commit_interval = args.commit_interval;
    config.start_offset = args.start_offset;
    auto created = engine.create_group_reader(config, [](const consumer::GroupEvent& e) {
        if (e.kind == consumer::GroupEvent::Kind::joined || e.kind == consumer::GroupEvent::Kind::error) {
            std::cerr << "kafkascope-cli: group: " << e.text << '\n';
        }
    });
    if (!created) {
        std::cerr << "kafkascope-cli: consume: " << created.error().message << '\n';
        return kExitUsage;
    }
    auto reader = std::move(created).value();
    std::signal(SIGINT, on_stop_signal);
    std::signal(SIGTERM, on_stop_signal);

    int failed = 0;
    std::int64_t printed = 0;
    std::vector<consumer::Message> handled;  // printed, not yet committed
    auto commit_handled = [&] {
        if (handled.empty()) return;
        Status s = reader->commit_messages_sync(std::move(handled));
        handled.clear();
        if (!s) {
            std::cerr << "kafkascope-cli: consume: " << s.error().message << '\n';
            ++failed;
        }
    };
    while (!g_interrupted && (!args.count || printed < *args.count)) {
        auto m = reader->fetch_message_sync(500ms);
        if (!m) {
            if (m.error().code == make_error_code(client_errc::request_timeout)) {
                out.flush();
                commit_handled();  // the stream paused: store progress now
                continue;
            }
            if (consumer::is_end_of_stream(m.error())) break;
            std::cerr << "kafkascope-cli: consume: " << m.error().message << '\n';
            ++failed;
            continue;
        }
        options.json ? write_message_json_line(*m, out) : write_message_text_line(*m, out);
        ++printed;
        handled.push_back(std::move(*m));
        if (handled.size() >= kCommitBatch) {
            out.flush();
            commit_handled();
        }
    }
    out.flush();
    commit_handled();
    Status closed = reader->close_sync();  // commits what an interval recorded, leaves
    if (!closed) {
        std::cerr << "kafkascope-cli: consume: closing: " << closed.error().message << '\n';
        ++failed;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (!args.stats_json.empty()) {
        std::ofstream file(args.stats_json);
        if (file) write_stats_json({reader->stats()}, file);
        if (!file) {
            std::cerr << "kafkascope-cli: consume: cannot write --stats-json file '" << args.stats_json << "'\n";
            ++failed;
        }
    }
    return failed == 0 ? kExitOk : (printed > 0 ? kExitPartial : kExitFailed);
}

}  // namespace kafkascope::cli
