// The engine against a sandbox with faults injected: a broker that is down
// fails only its own partitions, quickly and with a message naming it; an
// address where nothing listens fails within the connect timeout.

#include <chrono>

#include "engine.h"
#include "sandbox_control.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

std::unique_ptr<Engine> make_engine(const std::string& bootstrap) {
    EngineOptions options;
    options.bootstrap = bootstrap;
    options.client_id = "engine-faults-test";
    options.connect_timeout = 2000ms;
    options.request_timeout = 3000ms;
    auto engine = Engine::create(options);
    ASSERT_TRUE(engine.ok());
    return std::move(engine).value();
}

}  // namespace

TEST_CASE(metadata_lists_the_fixture_topics) {
    auto engine = make_engine(test::sandbox_bootstrap());
    auto md = engine->metadata_sync();
    ASSERT_TRUE(md.ok());
    EXPECT_EQ(md->brokers.size(), 3u);
    const TopicInfo* faults = md->find_topic("faults");
    ASSERT_TRUE(faults != nullptr);
    EXPECT_EQ(faults->partitions.size(), 6u);
    for (const BrokerInfo& b : md->brokers) EXPECT_EQ(b.is_controller, b.node_id == md->controller_id);
}

TEST_CASE(broker_down_fails_only_its_partitions_within_the_deadline) {
    auto engine = make_engine(test::sandbox_bootstrap());
    auto md = engine->metadata_sync();
    ASSERT_TRUE(md.ok());
    const TopicInfo* topic = md->find_topic("faults");
    ASSERT_TRUE(topic != nullptr);
    // Take down the leader of partition 0; the others keep answering.
    const std::int32_t victim = topic->partitions.at(0).leader;
    const BrokerInfo* broker = md->find_broker(victim);
    ASSERT_TRUE(broker != nullptr);
    ASSERT_TRUE(test::sandbox_command("broker down " + std::to_string(victim)));
    ASSERT_TRUE(test::wait_for_port(broker->host, broker->port, false, 5000));

    auto fresh = make_engine(test::sandbox_bootstrap());
    const auto start = Clock::now();
    auto offsets = fresh->partition_offsets_sync({"faults"});
    const auto elapsed = Clock::now() - start;
    ASSERT_TRUE(offsets.ok());
    int failed = 0, answered = 0;
    for (const PartitionOffsets& p : *offsets) {
        const PartitionInfo& info = topic->partitions.at(static_cast<std::size_t>(p.partition));
        if (info.leader == victim) {
            ++failed;
            EXPECT_TRUE(static_cast<bool>(p.error));
            EXPECT_TRUE(p.error.message.find(broker->address()) != std::string::npos);
            EXPECT_TRUE(p.error.message.find("refused") != std::string::npos);
        } else {
            ++answered;
            EXPECT_FALSE(static_cast<bool>(p.error));
            EXPECT_TRUE(p.last >= p.first && p.first >= 0);
        }
    }
    EXPECT_TRUE(failed > 0);
    EXPECT_TRUE(answered > 0);
    // Well within connect timeout + request timeout, with room for a slow machine.
    EXPECT_TRUE(elapsed < 8s);

    ASSERT_TRUE(test::sandbox_command("broker up " + std::to_string(victim)));
    ASSERT_TRUE(test::wait_for_port(broker->host, broker->port, true, 5000));
    auto again = fresh->partition_offsets_sync({"faults"});
    ASSERT_TRUE(again.ok());
    for (const PartitionOffsets& p : *again) EXPECT_FALSE(static_cast<bool>(p.error));
}

TEST_CASE(slow_broker_times_out_naming_broker_and_api) {
    auto engine = make_engine(test::sandbox_bootstrap());
    auto md = engine->metadata_sync();
    ASSERT_TRUE(md.ok());
    const std::int32_t slow = md->find_topic("faults")->partitions.at(1).leader;
    const std::string slow_address = md->find_broker(slow)->address();
    // Every answer of that broker now takes 6 s, twice the request timeout.
    ASSERT_TRUE(test::sandbox_command("rtt " + std::to_string(slow) + " 6000"));
    auto fresh = make_engine(test::sandbox_bootstrap());
    const auto start = Clock::now();
    auto offsets = fresh->partition_offsets_sync({"faults"});
    const auto elapsed = Clock::now() - start;
    ASSERT_TRUE(test::sandbox_command("rtt " + std::to_string(slow) + " 0"));
    ASSERT_TRUE(offsets.ok());
    bool saw_timeout = false;
    for (const PartitionOffsets& p : *offsets) {
        if (!p.error) continue;
        saw_timeout = true;
        EXPECT_TRUE(p.error.message.find("timed out") != std::string::npos);
        EXPECT_TRUE(p.error.message.find(slow_address) != std::string::npos);
        EXPECT_TRUE(p.error.message.find(" v") != std::string::npos);  // "<Api> vN"
    }
    EXPECT_TRUE(saw_timeout);
    // Bounded by the deadlines (metadata may try the slow broker first too).
    EXPECT_TRUE(elapsed < 12s);
}

TEST_CASE(closed_port_fails_within_connect_timeout_naming_the_address) {
    // Port 1 on loopback: nothing listens there on a test machine.
    auto engine = make_engine("127.0.0.1:1");
    const auto start = Clock::now();
    auto md = engine->metadata_sync();
    const auto elapsed = Clock::now() - start;
    ASSERT_TRUE(!md.ok());
    EXPECT_TRUE(md.error().message.find("127.0.0.1:1") != std::string::npos);
    EXPECT_TRUE(elapsed < 3s);
}

TEST_CASE(unknown_host_is_named) {
    auto engine = make_engine("no-such-host.invalid:9092");
    auto md = engine->metadata_sync();
    ASSERT_TRUE(!md.ok());
    EXPECT_TRUE(md.error().message.find("no-such-host.invalid") != std::string::npos);
}
