// The group admin calls through the Engine against scripted in-process
// brokers that answer ListGroups / DescribeGroups / DeleteGroups /
// OffsetDelete with frames captured from franz-go's kfake (tests/data/golden):
// the librdkafka mock sandbox has none of these APIs. Metadata and
// FindCoordinator are encoded here so the engine finds the fake brokers.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "admin/admin_errors.h"
#include "admin/group_description.h"
#include "engine.h"
#include "fake_broker.h"
#include "golden_samples.h"
#include "protocol/frame.h"
#include "protocol/messages/api_versions.h"
#include "protocol/messages/delete_groups.h"
#include "protocol/messages/describe_groups.h"
#include "protocol/messages/find_coordinator.h"
#include "protocol/messages/list_groups.h"
#include "protocol/messages/metadata.h"
#include "protocol/messages/offset_delete.h"
#include "protocol/supported_apis.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace std::chrono_literals;
using kafkascope::test::GoldenSample;
using kafkascope::test::load_golden;

namespace {

// The captured exchange of `file` from `source` at `version` whose response
// is at least `min_bytes` long (skips the empty listings).
GoldenSample pick(const std::string& file, const std::string& source, int version, std::size_t min_bytes = 0) {
    for (GoldenSample& s : load_golden(file)) {
        if (s.source == source && s.api_version == version && s.response.size() >= min_bytes) return s;
    }
    throw std::runtime_error("no sample " + source + " v" + std::to_string(version) + " in " + file);
}

struct NodeScript {
    std::map<std::int16_t, GoldenSample> frames;  // API key -> captured answer (and its version)
};

// Scripted brokers (node ids 1..n) on one thread. Every node answers
// Metadata (listing all nodes and one topic) and FindCoordinator (node 1);
// the rest from its frames, advertising exactly the captured version.
class FrameCluster {
public:
    explicit FrameCluster(std::vector<NodeScript> nodes, std::string topic = "kgo-zstd", int partitions = 3)
        : state_(std::make_shared<State>()) {
        state_->topic = std::move(topic);
        state_->partitions = partitions;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const std::int32_t node_id = static_cast<std::int32_t>(i) + 1;
            net::test::FakeApiVersions versions;
            versions.ranges.push_back({protocol::kApiVersionsKey, 0, 3});
            versions.ranges.push_back({protocol::kMetadataApi.key, 0, 8});
            versions.ranges.push_back({protocol::kFindCoordinatorApi.key, 0, 2});
            for (const auto& [key, s] : nodes[i].frames) versions.ranges.push_back({key, s.api_version, s.api_version});
            auto state = state_;
            auto frames = nodes[i].frames;
            net::test::Script script = [state, versions, frames, node_id](net::test::FakeSession& session)
                -> asio::awaitable<void> {
                if (!co_await session.handshake(versions)) co_return;
                for (;;) {
                    auto request = co_await session.read_request();
                    if (!request) co_return;
                    auto body = state->answer(node_id, *request, frames);
                    if (!body) co_return;  // like the mock: drop the connection
                    co_await session.respond(request->correlation_id, *body);
                }
            };
            brokers_.push_back(std::make_unique<net::test::FakeBroker>(io_, std::move(script)));
            state_->ports.push_back(brokers_.back()->address().port);
        }
        thread_ = std::thread([this] { io_.run(); });
    }
    ~FrameCluster() {
        work_.reset();
        io_.stop();
        thread_.join();
    }

    std::string bootstrap() const { return "127.0.0.1:" + std::to_string(state_->ports.front()); }
    std::string address(int node) const { return "127.0.0.1:" + std::to_string(state_->ports.at(node - 1)); }

    // Bodies of the requests of one API that reached any node, in order.
    std::vector<net::test::ReceivedRequest> requests(std::int16_t key) const {
        std::lock_guard lock(state_->mutex);
        std::vector<net::test::ReceivedRequest> out;
        for (const auto& r : state_->seen) {
            if (r.api_key == key) out.push_back(r);
        }
        return out;
    }

private:
    struct State {
        std::string topic;
        int partitions = 0;
        std::vector<std::uint16_t> ports;
        mutable std::mutex mutex;
        std::vector<net::test::ReceivedRequest> seen;

        std::optional<protocol::Bytes> answer(std::int32_t node, const net::test::ReceivedRequest& r,
                                              const std::map<std::int16_t, GoldenSample>& frames) {
            {
                std::lock_guard lock(mutex);
                seen.push_back(r);
            }
            if (r.api_key == protocol::kMetadataApi.key) {
                protocol::MetadataResponse response;
                for (std::size_t i = 0; i < ports.size(); ++i) {
                    response.brokers.push_back({static_cast<std::int32_t>(i) + 1, "127.0.0.1", ports[i], std::nullopt, {}});
                }
                response.cluster_id = "frames";
                response.controller_id = 1;
                protocol::MetadataResponse::Topic t;
                t.name = topic;
                for (int p = 0; p < partitions; ++p) {
                    protocol::MetadataResponse::Partition part;
                    part.partition_index = p;
                    part.leader_id = 1;
                    part.replica_nodes = {1};
                    part.isr_nodes = {1};
                    t.partitions.push_back(std::move(part));
                }
                response.topics.push_back(std::move(t));
                return protocol::encode_body(response, r.api_version);
            }
            if (r.api_key == protocol::kFindCoordinatorApi.key) {
                protocol::FindCoordinatorResponse response;
                response.node_id = 1;
                response.host = "127.0.0.1";
                response.port = ports.front();
                return protocol::encode_body(response, r.api_version);
            }
            (void)node;
            auto it = frames.find(r.api_key);
            if (it == frames.end() || it->second.api_version != r.api_version) return std::nullopt;
            // The captured response after its correlation id (for flexible
            // versions that starts with the header's empty tag section).
            return protocol::Bytes(it->second.response.begin() + 4, it->second.response.end());
        }
    };

    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
    std::shared_ptr<State> state_;
    std::vector<std::unique_ptr<net::test::FakeBroker>> brokers_;
    std::thread thread_;
};

std::unique_ptr<Engine> engine_for(const FrameCluster& cluster) {
    EngineOptions options;
    options.bootstrap = cluster.bootstrap();
    options.client_id = "admin-scripted-test";
    options.connect_timeout = 2000ms;
    options.request_timeout = 3000ms;
    auto engine = Engine::create(std::move(options));
    ASSERT_TRUE(engine.ok());
    return std::move(engine).value();
}

// A request body as the broker decodes it (flexible headers end in a tag section).
template <class Request>
Request decode_request(const net::test::ReceivedRequest& r) {
    std::span<const std::uint8_t> body(r.body);
    if (Request::api.flexible.contains(r.api_version)) body = body.subspan(1);
    auto decoded = protocol::decode_body<Request>(body, r.api_version, "request");
    ASSERT_TRUE(decoded.ok());
    return std::move(decoded).value();
}

const std::string kKgo28 = "kgo-1.21.6_vs_kfake-as-2.8";

NodeScript kgo_group_node() {
    NodeScript n;
    n.frames[16] = pick("list_groups.jsonl", kKgo28, 4, 20);
    n.frames[15] = pick("describe_groups.jsonl", kKgo28, 5);
    n.frames[42] = pick("delete_groups.jsonl", "kgo-1.21.6_vs_kfake", 2);
    n.frames[47] = pick("offset_delete.jsonl", kKgo28, 0);
    return n;
}

}  // namespace

TEST_CASE(list_groups_from_a_captured_answer) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    auto listed = engine->list_groups_sync();
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->brokers_asked, 1);
    EXPECT_TRUE(listed->failures.empty());
    ASSERT_EQ(listed->groups.size(), std::size_t{1});
    EXPECT_EQ(listed->groups[0].group_id, std::string("kgo-group"));
    EXPECT_EQ(listed->groups[0].protocol_type, std::string("consumer"));
    EXPECT_EQ(listed->groups[0].state, std::string("Stable"));
    EXPECT_EQ(listed->groups[0].coordinator, 1);

    // The state filter travels in the request (v4+).
    auto filtered = engine->list_groups_sync({"Stable", "Empty"});
    ASSERT_TRUE(filtered.ok());
    auto sent = cluster.requests(protocol::kListGroupsApi.key);
    ASSERT_EQ(sent.size(), std::size_t{2});
    EXPECT_TRUE(decode_request<protocol::ListGroupsRequest>(sent[0]).states_filter.empty());
    EXPECT_TRUE(decode_request<protocol::ListGroupsRequest>(sent[1]).states_filter ==
                std::vector<std::string>({"Stable", "Empty"}));
}

TEST_CASE(list_groups_reports_a_broker_without_list_groups_and_keeps_the_rest) {
    NodeScript bare;  // node 2 has no ListGroups at all
    FrameCluster cluster({kgo_group_node(), bare});
    auto engine = engine_for(cluster);
    auto listed = engine->list_groups_sync();
    ASSERT_TRUE(listed.ok());
    EXPECT_EQ(listed->brokers_asked, 2);
    ASSERT_EQ(listed->groups.size(), std::size_t{1});
    EXPECT_EQ(listed->groups[0].group_id, std::string("kgo-group"));
    ASSERT_EQ(listed->failures.size(), std::size_t{1});
    EXPECT_EQ(listed->failures[0].node_id, 2);
    EXPECT_EQ(listed->failures[0].address, cluster.address(2));
    EXPECT_TRUE(listed->failures[0].error.message.find("ListGroups") != std::string::npos);
    // Nothing was sent to node 2 that it could not answer.
    EXPECT_EQ(cluster.requests(protocol::kListGroupsApi.key).size(), std::size_t{1});
}

TEST_CASE(describe_groups_decodes_members_and_assignments) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    auto described = engine->describe_groups_sync({"kgo-group"});
    ASSERT_TRUE(described.ok());
    ASSERT_EQ(described->size(), std::size_t{1});
    const admin::GroupDescription& g = described->front();
    EXPECT_FALSE(static_cast<bool>(g.error));
    EXPECT_EQ(g.state, std::string("Stable"));
    EXPECT_EQ(g.protocol_type, std::string("consumer"));
    EXPECT_EQ(g.protocol, std::string("cooperative-sticky"));
    EXPECT_EQ(g.coordinator, 1);
    ASSERT_EQ(g.members.size(), std::size_t{1});
    const admin::GroupMemberDescription& m = g.members[0];
    EXPECT_TRUE(m.member_id.starts_with("kgo-capclient-"));
    EXPECT_EQ(m.client_id, std::string("kgo-capclient"));
    EXPECT_EQ(m.client_host, std::string("127.0.0.1:41554"));
    EXPECT_EQ(m.decode_error, std::string());
    EXPECT_TRUE(m.subscription == std::vector<std::string>({"kgo-lz4", "kgo-zstd"}));
    ASSERT_EQ(m.assignment.size(), std::size_t{2});
    EXPECT_EQ(m.assignment[0].topic, std::string("kgo-lz4"));
    EXPECT_TRUE(m.assignment[0].partitions == std::vector<std::int32_t>({0, 1, 2}));
    EXPECT_EQ(m.assignment[1].topic, std::string("kgo-zstd"));
    EXPECT_TRUE(m.assignment[1].partitions == std::vector<std::int32_t>({0, 1, 2}));
    EXPECT_TRUE(admin::has_active_members(g));

    auto sent = cluster.requests(protocol::kDescribeGroupsApi.key);
    ASSERT_EQ(sent.size(), std::size_t{1});
    EXPECT_TRUE(decode_request<protocol::DescribeGroupsRequest>(sent[0]).groups ==
                std::vector<std::string>({"kgo-group"}));
}

TEST_CASE(describe_groups_without_the_api_names_it) {
    NodeScript bare;
    FrameCluster cluster({bare});
    auto engine = engine_for(cluster);
    auto described = engine->describe_groups_sync({"g1", "g2"});
    ASSERT_TRUE(described.ok());
    ASSERT_EQ(described->size(), std::size_t{2});
    for (const auto& g : *described) {
        EXPECT_TRUE(static_cast<bool>(g.error));
        EXPECT_TRUE(g.error.message.find("DescribeGroups") != std::string::npos);
    }
    EXPECT_EQ((*described)[1].group_id, std::string("g2"));
}

TEST_CASE(delete_groups_and_offsets) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    auto deleted = engine->delete_groups_sync({"kgo-group"});
    ASSERT_TRUE(deleted.ok());
    ASSERT_EQ(deleted->size(), std::size_t{1});
    EXPECT_FALSE(static_cast<bool>(deleted->front().error));
    auto sent = cluster.requests(protocol::kDeleteGroupsApi.key);
    ASSERT_EQ(sent.size(), std::size_t{1});
    EXPECT_TRUE(decode_request<protocol::DeleteGroupsRequest>(sent[0]).groups_names ==
                std::vector<std::string>({"kgo-group"}));

    std::vector<consumer::TopicPartitions> which{{"kgo-zstd", {0, 1, 2}}};
    auto offsets = engine->delete_group_offsets_sync("kgo-group", which);
    ASSERT_TRUE(offsets.ok());
    ASSERT_EQ(offsets->size(), std::size_t{3});
    for (const auto& d : *offsets) {
        EXPECT_EQ(d.topic, std::string("kgo-zstd"));
        EXPECT_FALSE(static_cast<bool>(d.error));
    }
    auto od = cluster.requests(protocol::kOffsetDeleteApi.key);
    ASSERT_EQ(od.size(), std::size_t{1});
    auto request = decode_request<protocol::OffsetDeleteRequest>(od[0]);
    EXPECT_EQ(request.group_id, std::string("kgo-group"));
    ASSERT_EQ(request.topics.size(), std::size_t{1});
    EXPECT_EQ(request.topics[0].partitions.size(), std::size_t{3});
}

TEST_CASE(delete_groups_error_names_group_and_code) {
    NodeScript n;
    n.frames[42] = pick("delete_groups.jsonl", "kmsg-version-sweep_vs_kfake", 1);  // GROUP_ID_NOT_FOUND
    FrameCluster cluster({n});
    auto engine = engine_for(cluster);
    auto deleted = engine->delete_groups_sync({"sweep-group"});
    ASSERT_TRUE(deleted.ok());
    ASSERT_EQ(deleted->size(), std::size_t{1});
    EXPECT_TRUE(admin::has_kafka_code(deleted->front().error, 69));
    EXPECT_TRUE(deleted->front().error.message.find("sweep-group") != std::string::npos);
    EXPECT_TRUE(deleted->front().error.message.find("GROUP_ID_NOT_FOUND") != std::string::npos);
    // A group the answer leaves out is not reported as deleted.
    auto other = engine->delete_groups_sync({"not-in-the-answer"});
    ASSERT_TRUE(other.ok());
    EXPECT_TRUE(static_cast<bool>(other->front().error));
}

TEST_CASE(reset_is_refused_when_describe_groups_shows_members) {
    FrameCluster cluster({kgo_group_node()});
    auto engine = engine_for(cluster);
    admin::ResetSpec spec;
    spec.group = "kgo-group";
    spec.topic = "kgo-zstd";
    spec.kind = admin::ResetKind::earliest;
    for (bool execute : {false, true}) {
        auto reset = engine->reset_group_offsets_sync(spec, execute);
        ASSERT_TRUE(!reset.ok());
        EXPECT_TRUE(admin::has_kafka_code(reset.error(), admin::kNonEmptyGroup));
        EXPECT_TRUE(reset.error().message.find("kgo-group has active members") != std::string::npos);
        EXPECT_TRUE(reset.error().message.find("Stable") != std::string::npos);
    }
    // Refused before anything was committed.
    EXPECT_TRUE(cluster.requests(8).empty());
}
