#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api_versions_probe.h"
#include "endpoint.h"
#include "status.h"

struct rd_kafka_s;
struct rd_kafka_mock_cluster_s;

namespace kafkascope::sandbox {

// Owns librdkafka's mock cluster (and the client handle it needs for its
// bookkeeping) and turns its C API into Status-returning calls.
//
// Callers validate syntax; this class validates what only it knows (which
// brokers and topics exist) because several mock calls corrupt memory or
// silently auto-create topics when given ids that do not exist.
// Not thread-safe: the sandbox drives it from its main thread only.
class MockCluster {
public:
    static constexpr std::int32_t kAllBrokers = -1;

    // Brokers get ids 1..broker_count, each on an ephemeral 127.0.0.1 port.
    static std::unique_ptr<MockCluster> create(int broker_count, bool debug_groups, std::string& error);
    ~MockCluster();
    MockCluster(const MockCluster&) = delete;
    MockCluster& operator=(const MockCluster&) = delete;

    [[nodiscard]] const std::string& bootstrap() const { return bootstrap_; }
    // endpoints()[i] is broker id i + 1.
    [[nodiscard]] const std::vector<Endpoint>& endpoints() const { return endpoints_; }
    [[nodiscard]] int broker_count() const { return static_cast<int>(endpoints_.size()); }
    [[nodiscard]] bool has_broker(std::int32_t id) const { return id >= 1 && id <= broker_count(); }

    // Topics created through this class; clients' auto-created topics are
    // invisible to us because the mock has no lookup API.
    [[nodiscard]] std::optional<int> partition_count(const std::string& topic) const;

    // What the mock implements, as it advertised at startup. Needed because
    // set_apiversion accepts any range and the mock then dispatches requests to
    // handlers that do not exist or cannot parse that version.
    void set_implemented_apis(ApiVersionRanges apis) { implemented_apis_ = std::move(apis); }

    Status create_topic(const std::string& name, int partitions, int replication);
    Status set_broker_up(std::int32_t broker_id, bool up);  // kAllBrokers allowed
    Status set_rtt(std::int32_t broker_id, int rtt_ms);     // kAllBrokers allowed
    Status push_request_errors(std::int16_t api_key, const std::vector<int>& codes);
    Status set_partition_leader(const std::string& topic, std::int32_t partition,
                                std::int32_t broker_id);
    Status set_coordinator(const std::string& key_type, const std::string& key,
                           std::int32_t broker_id);
    Status set_api_version(std::int16_t api_key, std::int16_t min_version,
                           std::int16_t max_version);

private:
    MockCluster(rd_kafka_s* handle, rd_kafka_mock_cluster_s* cluster, std::string bootstrap,
                std::vector<Endpoint> endpoints);
    Status check_broker(std::int32_t broker_id, bool allow_all) const;

    rd_kafka_s* handle_;
    rd_kafka_mock_cluster_s* cluster_;
    std::string bootstrap_;
    std::vector<Endpoint> endpoints_;
    std::map<std::string, int> topics_;
    ApiVersionRanges implemented_apis_;
};

}  // namespace kafkascope::sandbox
