// "Groups reading a topic" (Engine::topic_consumer_groups) against the
// sandbox. The librdkafka mock has no ListGroups, so only the error path can
// be checked here: every broker is reported by node id and address with a
// message naming ListGroups, and the call itself still succeeds (partial
// results, no groups). The found-groups path is tested against scripted
// brokers in tests/unit/lag/topic_groups_scripted_test.cpp.

#include <set>
#include <string>
#include <vector>

#include "engine.h"
#include "sandbox_control.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::test;
using namespace std::chrono_literals;

TEST_CASE(topic_groups_on_the_sandbox_names_every_broker_without_list_groups) {
    EngineOptions options;
    options.bootstrap = sandbox_bootstrap();
    options.client_id = "topic-groups-sandbox-test";
    options.connect_timeout = 2000ms;
    options.request_timeout = 10000ms;
    auto engine = Engine::create(std::move(options));
    ASSERT_TRUE(engine.ok());
    auto metadata = (*engine)->metadata_sync();
    ASSERT_TRUE(metadata.ok());
    auto found = (*engine)->topic_consumer_groups_sync("lag_topic");
    if (!found) report_failure(__FILE__, __LINE__, found.error().message);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->topic, std::string("lag_topic"));
    EXPECT_EQ(found->brokers_asked, static_cast<int>(metadata->brokers.size()));
    ASSERT_EQ(found->failures.size(), metadata->brokers.size());
    std::set<std::int32_t> nodes;
    for (const admin::BrokerFailure& f : found->failures) {
        nodes.insert(f.node_id);
        const BrokerInfo* broker = metadata->find_broker(f.node_id);
        ASSERT_TRUE(broker != nullptr);
        EXPECT_EQ(f.address, broker->address());
        EXPECT_TRUE(f.error.message.find("ListGroups") != std::string::npos);
        EXPECT_TRUE(f.error.message.find(broker->address()) != std::string::npos);
    }
    EXPECT_EQ(nodes.size(), metadata->brokers.size());
    EXPECT_TRUE(found->groups.empty());
    EXPECT_EQ(found->groups_listed, 0);
}
