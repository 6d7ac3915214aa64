// kafkascope-sandbox: a Kafka-protocol cluster on loopback for tests and demo
// mode, built on librdkafka's mock cluster. See --help.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "command_interpreter.h"
#include "control_fifo.h"
#include "control_loop.h"
#include "mock_cluster.h"
#include "options.h"
#include "readiness.h"
#include "seed_data.h"
#include "stop_signals.h"
#include "tcp_forwarder.h"

namespace kafkascope::sandbox {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(10);
constexpr auto kProbeTimeout = std::chrono::seconds(5);
constexpr auto kSeedTimeout = std::chrono::seconds(10);

int fail(const std::string& reason) {
    std::fprintf(stderr, "kafkascope-sandbox: error: %s\n", reason.c_str());
    return 1;
}

void note(const std::string& text) {
    std::fprintf(stderr, "kafkascope-sandbox: %s\n", text.c_str());
    std::fflush(stderr);
}

// stdout carries only the bootstrap line and one reply per command, each
// flushed at once because tests and the fixture script wait on them.
void print_line(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

Status create_topics(MockCluster& cluster, const std::vector<TopicSpec>& topics) {
    const int mock_replicas = std::min(3, cluster.broker_count());
    for (const auto& topic : topics) {
        const int replication = topic.replication.value_or(mock_replicas);
        if (replication != mock_replicas) {
            note("topic " + topic.name + ": librdkafka's mock assigns " +
                 std::to_string(mock_replicas) + " replicas regardless of the requested " +
                 std::to_string(replication));
        }
        if (auto status = cluster.create_topic(topic.name, topic.partitions, replication);
            !status.is_ok()) {
            return status;
        }
    }
    return Status::ok();
}

int run(const Options& options) {
    StopSignals signals;
    if (auto status = StopSignals::install(signals); !status.is_ok()) return fail(status.reason());

    std::string error;
    auto cluster = MockCluster::create(options.brokers, options.debug_groups, error);
    if (!cluster) return fail(error);
    if (auto status = create_topics(*cluster, options.topics); !status.is_ok())
        return fail(status.reason());

    // Bound before the slower steps so a busy --port fails fast.
    std::unique_ptr<TcpForwarder> forwarder;
    std::vector<Endpoint> must_accept = cluster->endpoints();
    if (options.port) {
        forwarder = TcpForwarder::start(*options.port, cluster->endpoints(), error);
        if (!forwarder) return fail(error);
        must_accept.push_back(forwarder->endpoint());
    }
    if (auto status = wait_until_accepting(must_accept, kReadyTimeout); !status.is_ok()) {
        return fail(status.reason());
    }
    auto apis = probe_api_versions(cluster->endpoints().front(), kProbeTimeout, error);
    if (!apis) return fail(error);
    cluster->set_implemented_apis(std::move(*apis));

    if (options.seed_data) {
        int produced = 0;
        if (auto status =
                seed_demo_data(cluster->bootstrap(), options.topics, kSeedTimeout, produced);
            !status.is_ok()) {
            return fail("--seed-data: " + status.reason());
        }
        note("seeded " + std::to_string(produced) + " demo records");
    }

    ControlFifo fifo;
    if (options.control_fifo) {
        if (auto status = ControlFifo::open(*options.control_fifo, fifo); !status.is_ok())
            return fail(status.reason());
    }

    print_line(forwarder ? forwarder->endpoint().to_string() : cluster->bootstrap());
    note(std::to_string(cluster->broker_count()) + " broker(s) at " + cluster->bootstrap() +
         (forwarder ? ", bootstrap forwarder at " + forwarder->endpoint().to_string()
                    : std::string()) +
         "; type 'help' for commands");

    ControlLoop loop;
    loop.add_input("stdin", STDIN_FILENO);
    if (options.control_fifo) loop.add_input(*options.control_fifo, fifo.fd());
    CommandInterpreter interpreter(*cluster);
    const int signal_number = loop.run(signals, [&](std::string_view line) {
        const auto outcome = interpreter.execute(line);
        if (!outcome) return true;
        print_line(CommandInterpreter::reply_for(outcome->status));
        return !outcome->quit;
    });
    note(signal_number != 0
             ? std::string("received ") + signal_name(signal_number) + ", shutting down"
             : std::string("quit, shutting down"));

    // Forwarded connections point at the brokers, so they go first.
    forwarder.reset();
    cluster.reset();
    return 0;
}

}  // namespace
}  // namespace kafkascope::sandbox

int main(int argc, char** argv) {
    using namespace kafkascope::sandbox;
    const std::vector<std::string> args(argv + 1, argv + argc);
    Options options;
    if (auto status = parse_options(args, options); !status.is_ok()) {
        std::fprintf(stderr, "kafkascope-sandbox: error: %s\nTry 'kafkascope-sandbox --help'.\n",
                     status.reason().c_str());
        return 2;
    }
    if (options.show_help) {
        std::fputs(usage_text().c_str(), stdout);
        return 0;
    }
    try {
        return run(options);
    } catch (const std::exception& e) {
        // Only allocation failures and the like can get here; still exit cleanly.
        return fail(e.what());
    }
}
