// `groups`: every consumer group of the cluster (ListGroups on every
// broker); `group describe G...`: state, protocol and members with their
// assignments (DescribeGroups at each group's coordinator); `topic-groups
// TOPIC`: the groups with committed offsets on a topic and their lag there.

#include <iostream>

#include "commands.h"
#include "json_writer.h"

namespace kafkascope::cli {
namespace {

void print_failures_json(JsonWriter& json, const std::vector<admin::BrokerFailure>& failures) {
    json.key("errors").begin_array();
    for (const auto& f : failures) {
        json.begin_object();
        json.field("node_id", f.node_id).field("address", f.address).field("error", f.error.message);
        json.end_object();
    }
    json.end_array();
}

std::string or_dash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

int run_groups(Engine& engine, const CliOptions& options, std::ostream& out) {
    std::vector<std::string> states;
    for (std::size_t i = 0; i < options.args.size(); ++i) {
        if (options.args[i] == "--state" && i + 1 < options.args.size()) {
            states.push_back(options.args[++i]);
        } else {
            std::cerr << "kafkascope-cli: groups: unexpected argument '" << options.args[i]
                      << "' (only --state STATE)\n";
            return kExitUsage;
        }
    }
    auto listed = engine.list_groups_sync(states);
    if (!listed) {
        std::cerr << "kafkascope-cli: " << listed.error().message << '\n';
        return kExitFailed;
    }
    if (options.json) {
        JsonWriter json(out);
        json.begin_object();
        json.key("groups").begin_array();
        for (const auto& g : listed->groups) {
            json.begin_object();
            json.field("group", g.group_id).field("protocol_type", g.protocol_type);
            json.key("state");
            g.state.empty() ? json.null() : json.value(g.state);
            json.key("type");
            g.type.empty() ? json.null() : json.value(g.type);
            json.field("coordinator", g.coordinator);
            json.end_object();
        }
        json.end_array();
        print_failures_json(json, listed->failures);
        json.end_object();
    } else {
        for (const auto& g : listed->groups) {
            out << g.group_id << "  state " << or_dash(g.state) << "  protocol " << or_dash(g.protocol_type)
                << "  coordinator " << g.coordinator << '\n';
        }
    }
    for (const auto& f : listed->failures) {
        std::cerr << "kafkascope-cli: broker " << f.node_id << " (" << f.address << "): " << f.error.message << '\n';
    }
    if (listed->failures.empty()) return kExitOk;
    return static_cast<int>(listed->failures.size()) == listed->brokers_asked ? kExitFailed : kExitPartial;
}

int run_group(Engine& engine, const CliOptions& options, std::ostream& out) {
    if (options.args.size() < 2 || options.args[0] != "describe") {
        std::cerr << "kafkascope-cli: usage: group describe GROUP... [--json]\n";
        return kExitUsage;
    }
    std::vector<std::string> groups(options.args.begin() + 1, options.args.end());
    auto described = engine.describe_groups_sync(groups);
    if (!described) {
        std::cerr << "kafkascope-cli: " << described.error().message << '\n';
        return kExitFailed;
    }
    std::size_t failed = 0;
    if (options.json) {
        JsonWriter json(out);
        json.begin_object();
        json.key("groups").begin_array();
        for (const auto& g : *described) {
            json.begin_object();
            json.field("group", g.group_id).field("state", g.state).field("protocol_type", g.protocol_type);
            json.field("protocol", g.protocol).field("coordinator", g.coordinator);
            json.key("error");
            g.error ? json.value(g.error.message) : json.null();
            json.key("members").begin_array();
            for (const auto& m : g.members) {
                json.begin_object();
                json.field("member_id", m.member_id).field("group_instance_id", m.group_instance_id);
                json.field("client_id", m.client_id).field("client_host", m.client_host);
                json.key("subscription").begin_array();
                for (const auto& t : m.subscription) json.value(t);
                json.end_array();
                json.key("assignment").begin_array();
                for (const auto& tp : m.assignment) {
                    json.begin_object();
                    json.field("topic", tp.topic).field("partitions", tp.partitions);
                    json.end_object();
                }
                json.end_array();
                json.key("error");
                m.decode_error.empty() ? json.null() : json.value(m.decode_error);
                json.end_object();
            }
            json.end_array();
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    for (const auto& g : *described) {
        if (g.error) {
            ++failed;
            std::cerr << "kafkascope-cli: " << g.error.message << '\n';
            continue;
        }
        if (options.json) continue;
        out << g.group_id << "  state " << or_dash(g.state) << "  protocol " << or_dash(g.protocol_type) << '/'
            << or_dash(g.protocol) << "  coordinator " << g.coordinator << "  members " << g.members.size() << '\n';
        for (const auto& m : g.members) {
            out << "  " << m.member_id << "  client " << m.client_id << "  host " << m.client_host << '\n';
            for (const auto& tp : m.assignment) {
                out << "    " << tp.topic << ':';
                for (std::size_t i = 0; i < tp.partitions.size(); ++i) out << (i ? "," : " ") << tp.partitions[i];
                out << '\n';
            }
            if (!m.decode_error.empty()) out << "    (" << m.decode_error << ")\n";
        }
    }
    if (failed == 0) return kExitOk;
    return failed == described->size() ? kExitFailed : kExitPartial;
}

int run_topic_groups(Engine& engine, const CliOptions& options, std::ostream& out) {
    if (options.args.size() != 1) {
        std::cerr << "kafkascope-cli: usage: topic-groups TOPIC [--json]\n";
        return kExitUsage;
    }
    auto found = engine.topic_consumer_groups_sync(options.args[0]);
    if (!found) {
        std::cerr << "kafkascope-cli: " << found.error().message << '\n';
        return kExitFailed;
    }
    if (options.json) {
        JsonWriter json(out);
        json.begin_object();
        json.field("topic", found->topic);
        json.key("groups").begin_array();
        for (const auto& g : found->groups) {
            json.begin_object();
            json.field("group", g.group_id).field("protocol_type", g.protocol_type);
            json.key("state");
            g.state.empty() ? json.null() : json.value(g.state);
            json.field("total_lag", g.total_lag).field("max_lag", g.max_lag);
            json.key("partitions").begin_array();
            for (const auto& p : g.partitions) {
                json.begin_object();
                json.field("partition", p.partition).field("committed", p.committed).field("end", p.end);
                json.field("lag", p.lag);
                json.key("error");
                p.error ? json.value(p.error.message) : json.null();
                json.end_object();
            }
            json.end_array();
            json.end_object();
        }
        json.end_array();
        print_failures_json(json, found->failures);
        json.key("group_errors").begin_array();
        for (const auto& f : found->group_failures) {
            json.begin_object();
            json.field("group", f.group_id).field("error", f.error.message);
            json.end_object();
        }
        json.end_array();
        json.end_object();
    } else {
        for (const auto& g : found->groups) {
            out << g.group_id << "  state " << or_dash(g.state) << "  partitions " << g.partitions.size()
                << "  lag " << g.total_lag << "  max " << g.max_lag << '\n';
        }
    }
    for (const auto& f : found->failures) {
        std::cerr << "kafkascope-cli: broker " << f.node_id << " (" << f.address << "): " << f.error.message << '\n';
    }
    for (const auto& f : found->group_failures) {
        std::cerr << "kafkascope-cli: group " << f.group_id << ": " << f.error.message << '\n';
    }
    if (found->failures.empty() && found->group_failures.empty()) return kExitOk;
    const bool nothing = static_cast<int>(found->failures.size()) == found->brokers_asked;
    return nothing ? kExitFailed : kExitPartial;
}

}  // namespace kafkascope::cli
