#include "frame_cluster.h"

#include "protocol/messages/api_versions.h"
#include "protocol/messages/find_coordinator.h"
#include "protocol/messages/metadata.h"
#include "protocol/supported_apis.h"

namespace kafkascope::test {

struct FrameCluster::State {
    std::string topic;
    int partitions = 0;
    std::vector<std::uint16_t> ports;
    mutable std::mutex mutex;
    std::vector<net::test::ReceivedRequest> seen;
    std::vector<std::int32_t> seen_by;  // node of each entry of `seen`

    protocol::Bytes metadata(const net::test::ReceivedRequest& r) const {
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

    // The answer's bytes after the correlation id; nullopt: drop the
    // connection (what the mock does with an API it lacks).
    std::optional<protocol::Bytes> answer(std::int32_t node, const net::test::ReceivedRequest& r,
                                          const NodeScript& script) {
        {
            std::lock_guard lock(mutex);
            seen.push_back(r);
            seen_by.push_back(node);
        }
        if (r.api_key == protocol::kMetadataApi.key) return metadata(r);
        if (r.api_key == protocol::kFindCoordinatorApi.key) {
            protocol::FindCoordinatorResponse response;
            response.node_id = 1;
            response.host = "127.0.0.1";
            response.port = ports.front();
            return protocol::encode_body(response, r.api_version);
        }
        if (auto it = script.responders.find(r.api_key); it != script.responders.end()) {
            if (it->second.version != r.api_version) return std::nullopt;
            return it->second.answer(r);
        }
        auto it = script.frames.find(r.api_key);
        if (it == script.frames.end() || it->second.api_version != r.api_version) return std::nullopt;
        // The captured response after its correlation id (for flexible
        // versions that starts with the header's empty tag section).
        return protocol::Bytes(it->second.response.begin() + 4, it->second.response.end());
    }
};

FrameCluster::FrameCluster(std::vector<NodeScript> nodes, std::string topic, int partitions)
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
        for (const auto& [key, r] : nodes[i].responders) versions.ranges.push_back({key, r.version, r.version});
        auto state = state_;
        auto script_of_node = std::make_shared<NodeScript>(std::move(nodes[i]));
        net::test::Script script = [state, versions, script_of_node,
                                    node_id](net::test::FakeSession& session) -> asio::awaitable<void> {
            if (!co_await session.handshake(versions)) co_return;
            for (;;) {
                auto request = co_await session.read_request();
                if (!request) co_return;
                auto body = state->answer(node_id, *request, *script_of_node);
                if (!body) co_return;  // like the mock: drop the connection
                co_await session.respond(request->correlation_id, *body);
            }
        };
        brokers_.push_back(std::make_unique<net::test::FakeBroker>(io_, std::move(script)));
        state_->ports.push_back(brokers_.back()->address().port);
    }
    thread_ = std::thread([this] { io_.run(); });
}

FrameCluster::~FrameCluster() {
    work_.reset();
    io_.stop();
    thread_.join();
}

std::string FrameCluster::bootstrap() const { return "127.0.0.1:" + std::to_string(state_->ports.front()); }

std::string FrameCluster::address(int node) const {
    return "127.0.0.1:" + std::to_string(state_->ports.at(static_cast<std::size_t>(node - 1)));
}

std::vector<net::test::ReceivedRequest> FrameCluster::requests(std::int16_t key) const {
    std::lock_guard lock(state_->mutex);
    std::vector<net::test::ReceivedRequest> out;
    for (const auto& r : state_->seen) {
        if (r.api_key == key) out.push_back(r);
    }
    return out;
}

std::vector<std::int32_t> FrameCluster::request_nodes(std::int16_t key) const {
    std::lock_guard lock(state_->mutex);
    std::vector<std::int32_t> out;
    for (std::size_t i = 0; i < state_->seen.size(); ++i) {
        if (state_->seen[i].api_key == key) out.push_back(state_->seen_by[i]);
    }
    return out;
}

}  // namespace kafkascope::test
