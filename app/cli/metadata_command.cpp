#include <iostream>

#include "commands.h"
#include "json_writer.h"
#include "protocol/kafka_error.h"

namespace kafkascope::cli {
namespace {

void write_error_code(JsonWriter& json, std::int16_t code) {
    json.key("error");
    if (code == 0) {
        json.null();
    } else {
        json.value(std::string(protocol::kafka_error_name(code)));
    }
}

void print_json(const ClusterMetadata& md, std::ostream& out) {
    JsonWriter json(out);
    json.begin_object();
    json.field("cluster_id", md.cluster_id);
    json.field("controller_id", md.controller_id);
    json.field("answered_by", md.answered_by);
    json.field("metadata_version", md.metadata_version);
    json.key("brokers").begin_array();
    for (const BrokerInfo& b : md.brokers) {
        json.begin_object();
        json.field("id", b.node_id).field("host", b.host).field("port", b.port);
        json.field("rack", b.rack).field("controller", b.is_controller);
        json.end_object();
    }
    json.end_array();
    json.key("topics").begin_array();
    for (const TopicInfo& t : md.topics) {
        json.begin_object();
        json.field("name", t.name).field("internal", t.is_internal);
        if (!t.topic_id.empty()) json.field("topic_id", t.topic_id);
        write_error_code(json, t.error_code);
        json.key("partitions").begin_array();
        for (const PartitionInfo& p : t.partitions) {
            json.begin_object();
            json.field("partition", p.partition).field("leader", p.leader);
            json.field("leader_epoch", p.leader_epoch);
            json.field("replicas", p.replicas).field("isr", p.isr);
            json.field("offline_replicas", p.offline_replicas);
            write_error_code(json, p.error_code);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

std::string ids(const std::vector<std::int32_t>& v) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + std::to_string(v[i]);
    return s;
}

void print_text(const ClusterMetadata& md, std::ostream& out) {
    out << "Cluster " << md.cluster_id.value_or("(no id before Metadata v2)") << ", controller "
        << md.controller_id << ", answered by " << md.answered_by << " (Metadata v"
        << md.metadata_version << ")\n";
    out << md.brokers.size() << " brokers:\n";
    for (const BrokerInfo& b : md.brokers) {
        out << "  broker " << b.node_id << " at " << b.address();
        if (b.rack) out << " rack " << *b.rack;
        if (b.is_controller) out << " (controller)";
        out << '\n';
    }
    out << md.topics.size() << " topics:\n";
    for (const TopicInfo& t : md.topics) {
        out << "  topic \"" << t.name << "\" with " << t.partitions.size() << " partitions";
        if (t.is_internal) out << " (internal)";
        if (t.error_code) out << ": " << protocol::kafka_error_name(t.error_code);
        out << '\n';
        for (const PartitionInfo& p : t.partitions) {
            out << "    partition " << p.partition << ", leader " << p.leader << ", replicas: "
                << ids(p.replicas) << ", isrs: " << ids(p.isr);
            if (!p.offline_replicas.empty()) out << ", offline: " << ids(p.offline_replicas);
            if (p.error_code) out << ", error: " << protocol::kafka_error_name(p.error_code);
            out << '\n';
        }
    }
}

}  // namespace

int run_metadata(Engine& engine, const CliOptions& options, std::ostream& out) {
    auto md = engine.metadata_sync(options.args);
    if (!md) {
        std::cerr << "kafkascope-cli: " << md.error().message << '\n';
        return kExitFailed;
    }
    options.json ? print_json(*md, out) : print_text(*md, out);
    return kExitOk;
}

}  // namespace kafkascope::cli
