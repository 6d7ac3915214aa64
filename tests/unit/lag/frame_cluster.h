#pragma once
// Scripted in-process brokers for the group admin tests: the librdkafka mock
// sandbox has no ListGroups / DescribeGroups / DeleteGroups / OffsetDelete,
// so these answer with frames captured from franz-go's kfake
// (tests/data/golden) or with answers the test encodes from the protocol
// structs. Every node answers Metadata (all nodes, one topic led by node 1)
// and FindCoordinator (node 1) itself.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>

#include "engine.h"
#include "fake_broker.h"
#include "golden_samples.h"
#include "protocol/frame.h"
#include "unit_test.h"

namespace kafkascope::test {

// The captured exchange of `file` from `source` at `version` whose response
// is at least `min_bytes` long (skips the empty listings). Inline, like
// engine_for(): frame_cluster.cpp itself needs neither the golden files nor
// the harness, so a QtTest can link it too.
inline GoldenSample pick(const std::string& file, const std::string& source, int version,
                         std::size_t min_bytes = 0) {
    for (GoldenSample& s : load_golden(file)) {
        if (s.source == source && s.api_version == version && s.response.size() >= min_bytes) return s;
    }
    throw std::runtime_error("no sample " + source + " v" + std::to_string(version) + " in " + file);
}

// An answer made per request (e.g. ListOffsets: earliest and latest differ):
// the bytes after the correlation id, as encoded_answer() makes them.
struct Responder {
    std::int16_t version = 0;  // the one version the node advertises for the API
    std::function<protocol::Bytes(const net::test::ReceivedRequest&)> answer;
};

struct NodeScript {
    std::map<std::int16_t, GoldenSample> frames;    // API key -> captured answer (and its version)
    std::map<std::int16_t, Responder> responders;   // API key -> answer made per request
};

// A response the test builds, as it follows the correlation id on the wire
// (flexible versions start with the header's empty tag section).
template <class Response>
protocol::Bytes encoded_answer(const Response& response, std::int16_t version) {
    protocol::Bytes out;
    if (Response::api.flexible.contains(version)) out.push_back(0);
    std::string error;
    protocol::Bytes body = protocol::encode_body(response, version, &error);
    if (!error.empty()) throw std::runtime_error("encoding the scripted answer: " + error);
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

// The same answer to every request of its API.
template <class Response>
Responder fixed_answer(const Response& response, std::int16_t version) {
    protocol::Bytes bytes = encoded_answer(response, version);
    return {version, [bytes](const net::test::ReceivedRequest&) { return bytes; }};
}

// Scripted brokers (node ids 1..n) on one thread.
class FrameCluster {
public:
    explicit FrameCluster(std::vector<NodeScript> nodes, std::string topic = "kgo-zstd", int partitions = 3);
    ~FrameCluster();
    FrameCluster(const FrameCluster&) = delete;
    FrameCluster& operator=(const FrameCluster&) = delete;

    std::string bootstrap() const;
    std::string address(int node) const;  // host:port of node `node` (1..n)

    // Requests of one API that reached any node, in order.
    std::vector<net::test::ReceivedRequest> requests(std::int16_t key) const;
    // ... and which node each went to (node ids, same order).
    std::vector<std::int32_t> request_nodes(std::int16_t key) const;

private:
    struct State;

    asio::io_context io_;
    asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
    std::shared_ptr<State> state_;
    std::vector<std::unique_ptr<net::test::FakeBroker>> brokers_;
    std::thread thread_;
};

inline std::unique_ptr<Engine> engine_for(const FrameCluster& cluster) {
    EngineOptions options;
    options.bootstrap = cluster.bootstrap();
    options.client_id = "admin-scripted-test";
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.request_timeout = std::chrono::milliseconds(3000);
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

}  // namespace kafkascope::test
