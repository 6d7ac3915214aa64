#include "mock_cluster.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <array>

#include "rdkafka_support.h"

namespace kafkascope::sandbox {
namespace {

Status from_error(rd_kafka_resp_err_t err, const std::string& what) {
    if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return Status::ok();
    return Status::error(what + ": " + rd_kafka_err2str(err));
}

}  // namespace

std::unique_ptr<MockCluster> MockCluster::create(int broker_count, bool debug_groups, std::string& error) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    route_logs_to_stderr(conf);
    // The handle never talks to a cluster; it only hosts the mock's thread and
    // queues. Silence the "no bootstrap.servers" notice that would confuse users.
    // --debug-groups: librdkafka's "mock" debug context logs every group
    // join, election, sync and session timeout, which is what explains a
    // group test that misbehaves.
    auto e = set_conf(conf, "log_level", debug_groups ? "7" : "3");
    if (!e && debug_groups) e = set_conf(conf, "debug", "mock");
    if (e) {
        rd_kafka_conf_destroy(conf);
        error = *e;
        return nullptr;
    }
    std::array<char, 512> errstr{};
    rd_kafka_t* handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr.data(), errstr.size());
    if (handle == nullptr) {
        rd_kafka_conf_destroy(conf);  // rd_kafka_new only takes ownership on success
        error = std::string("cannot create librdkafka handle: ") + errstr.data();
        return nullptr;
    }
    rd_kafka_mock_cluster_t* cluster = rd_kafka_mock_cluster_new(handle, broker_count);
    if (cluster == nullptr) {
        rd_kafka_destroy(handle);
        error = "cannot create mock cluster (could not bind 127.0.0.1 listeners?)";
        return nullptr;
    }
    // librdkafka 2.0.2's mock writes ListOffsets v4+ LeaderEpoch as an int64
    // (the protocol says int32), so no correct client can decode those
    // answers. Advertising v0-v3 keeps every client on the versions the mock
    // gets right (the startup probe then reports 3 as ListOffsets' maximum).
    rd_kafka_mock_set_apiversion(cluster, 2, 0, 3);
    std::string bootstrap = rd_kafka_mock_cluster_bootstraps(cluster);
    auto endpoints = parse_bootstrap(bootstrap);
    if (!endpoints || static_cast<int>(endpoints->size()) != broker_count) {
        rd_kafka_mock_cluster_destroy(cluster);
        rd_kafka_destroy(handle);
        error = "unexpected bootstrap string from the mock cluster: '" + bootstrap + "'";
        return nullptr;
    }
    return std::unique_ptr<MockCluster>(
        new MockCluster(handle, cluster, std::move(bootstrap), std::move(*endpoints)));
}

MockCluster::MockCluster(rd_kafka_s* handle, rd_kafka_mock_cluster_s* cluster,
                         std::string bootstrap, std::vector<Endpoint> endpoints)
    : handle_(handle),
      cluster_(cluster),
      bootstrap_(std::move(bootstrap)),
      endpoints_(std::move(endpoints)) {}

MockCluster::~MockCluster() {
    // The cluster refers to the handle, so it must go first.
    rd_kafka_mock_cluster_destroy(cluster_);
    rd_kafka_destroy(handle_);
}

std::optional<int> MockCluster::partition_count(const std::string& topic) const {
    const auto it = topics_.find(topic);
    if (it == topics_.end()) return std::nullopt;
    return it->second;
}

Status MockCluster::check_broker(std::int32_t broker_id, bool allow_all) const {
    if (has_broker(broker_id) || (allow_all && broker_id == kAllBrokers)) return Status::ok();
    return Status::error("no broker " + std::to_string(broker_id) + " (ids are 1.." +
                         std::to_string(broker_count()) + ")");
}

Status MockCluster::create_topic(const std::string& name, int partitions, int replication) {
    // A non-positive count makes the mock allocate nothing and index past it.
    if (partitions < 1) return Status::error("partition count must be at least 1");
    if (replication < 1 || replication > broker_count()) {
        return Status::error("replication must be 1.." + std::to_string(broker_count()));
    }
    auto status =
        from_error(rd_kafka_mock_topic_create(cluster_, name.c_str(), partitions, replication),
                   "cannot create topic '" + name + "'");
    if (status.is_ok()) topics_[name] = partitions;
    return status;
}

Status MockCluster::set_broker_up(std::int32_t broker_id, bool up) {
    if (auto s = check_broker(broker_id, true); !s.is_ok()) return s;
    const auto err = up ? rd_kafka_mock_broker_set_up(cluster_, broker_id)
                        : rd_kafka_mock_broker_set_down(cluster_, broker_id);
    return from_error(err, up ? "broker up" : "broker down");
}

Status MockCluster::set_rtt(std::int32_t broker_id, int rtt_ms) {
    if (auto s = check_broker(broker_id, true); !s.is_ok()) return s;
    if (rtt_ms < 0) return Status::error("rtt must not be negative");
    return from_error(rd_kafka_mock_broker_set_rtt(cluster_, broker_id, rtt_ms), "rtt");
}

Status MockCluster::push_request_errors(std::int16_t api_key, const std::vector<int>& codes) {
    if (codes.empty()) return Status::error("no error codes given");
    if (!implemented_apis_.contains(api_key)) {
        return Status::error("API key " + std::to_string(api_key) +
                             " is not implemented by the mock");
    }
    std::vector<rd_kafka_resp_err_t> errors;
    errors.reserve(codes.size());
    for (const int code : codes) errors.push_back(static_cast<rd_kafka_resp_err_t>(code));
    rd_kafka_mock_push_request_errors_array(cluster_, api_key, errors.size(), errors.data());
    return Status::ok();
}

Status MockCluster::set_partition_leader(const std::string& topic, std::int32_t partition,
                                         std::int32_t broker_id) {
    // The mock would auto-create an unknown topic with partition + 1 partitions
    // and index out of bounds for a negative partition, so both are checked here.
    const auto partitions = partition_count(topic);
    if (!partitions)
        return Status::error("unknown topic '" + topic + "' (not created by the sandbox)");
    if (partition < 0 || partition >= *partitions) {
        return Status::error("topic '" + topic + "' has partitions 0.." +
                             std::to_string(*partitions - 1));
    }
    if (broker_id != -1) {
        if (auto s = check_broker(broker_id, false); !s.is_ok()) return s;
    }
    return from_error(
        rd_kafka_mock_partition_set_leader(cluster_, topic.c_str(), partition, broker_id),
        "leader");
}

Status MockCluster::set_coordinator(const std::string& key_type, const std::string& key,
                                    std::int32_t broker_id) {
    if (key_type != "group" && key_type != "transaction") {
        return Status::error("coordinator type must be group or transaction");
    }
    if (auto s = check_broker(broker_id, false); !s.is_ok()) return s;
    return from_error(
        rd_kafka_mock_coordinator_set(cluster_, key_type.c_str(), key.c_str(), broker_id),
        "coordinator");
}

Status MockCluster::set_api_version(std::int16_t api_key, std::int16_t min_version,
                                    std::int16_t max_version) {
    const auto it = implemented_apis_.find(api_key);
    if (it == implemented_apis_.end()) {
        return Status::error("API key " + std::to_string(api_key) +
                             " is not implemented by the mock");
    }
    const bool disable = min_version == -1 && max_version == -1;
    if (!disable &&
        (min_version < 0 || min_version > max_version || max_version > it->second.max)) {
        return Status::error(
            "versions must satisfy 0 <= MIN <= MAX <= " + std::to_string(it->second.max) +
            " for API key " + std::to_string(api_key) + " (or -1 -1 to disable)");
    }
    return from_error(rd_kafka_mock_set_apiversion(cluster_, api_key, min_version, max_version),
                      "apiversion");
}

}  // namespace kafkascope::sandbox
