#include "options.h"

#include <algorithm>
#include <string_view>

#include "command_help.h"
#include "parse_number.h"

namespace kafkascope::sandbox {
namespace {

// Splits "--name=value" so both "--brokers 3" and "--brokers=3" work.
struct SplitArg {
    std::string name;
    std::optional<std::string> inline_value;
};

SplitArg split_arg(const std::string& arg) {
    const auto eq = arg.find('=');
    if (arg.rfind("--", 0) == 0 && eq != std::string::npos) {
        return {arg.substr(0, eq), arg.substr(eq + 1)};
    }
    return {arg, std::nullopt};
}

}  // namespace

bool is_valid_topic_name(const std::string& name) {
    if (name.empty() || name.size() > 249 || name == "." || name == "..") {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
    });
}

Status parse_topic_spec(const std::string& text, TopicSpec& out) {
    const auto first = text.find(':');
    if (first == std::string::npos) {
        return Status::error("expected NAME:PARTITIONS[:REPLICATION], got '" + text + "'");
    }
    TopicSpec spec;
    spec.name = text.substr(0, first);
    if (!is_valid_topic_name(spec.name)) {
        return Status::error("invalid topic name '" + spec.name +
                             "' (1-249 characters of a-z A-Z 0-9 . _ -)");
    }
    const auto second = text.find(':', first + 1);
    const std::string_view rest(text);
    const auto partitions_text = rest.substr(
        first + 1, second == std::string::npos ? std::string_view::npos : second - first - 1);
    const auto partitions = parse_number<int>(partitions_text, 1, kMaxPartitions);
    if (!partitions) {
        return Status::error("partition count of '" + spec.name + "' must be 1.." +
                             std::to_string(kMaxPartitions) + ", got '" +
                             std::string(partitions_text) + "'");
    }
    spec.partitions = *partitions;
    if (second != std::string::npos) {
        const auto replication = parse_number<int>(rest.substr(second + 1), 1, kMaxBrokers);
        if (!replication) {
            return Status::error("replication of '" + spec.name +
                                 "' must be a positive number, got '" +
                                 std::string(rest.substr(second + 1)) + "'");
        }
        spec.replication = *replication;
    }
    out = std::move(spec);
    return Status::ok();
}

Status parse_options(const std::vector<std::string>& args, Options& out) {
    Options options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const SplitArg split = split_arg(args[i]);
        const std::string& name = split.name;
        // Fetches the option's value from "--x=v" or the next argument.
        auto value = [&]() -> std::optional<std::string> {
            if (split.inline_value) return split.inline_value;
            if (i + 1 < args.size()) return args[++i];
            return std::nullopt;
        };
        auto flag_only = [&]() {
            return split.inline_value ? Status::error(name + " takes no value") : Status::ok();
        };

        if (name == "--help" || name == "-h") {
            if (auto s = flag_only(); !s.is_ok()) return s;
            options.show_help = true;
        } else if (name == "--debug-groups") {
            if (auto s = flag_only(); !s.is_ok()) return s;
            options.debug_groups = true;
        } else if (name == "--seed-data") {
            if (auto s = flag_only(); !s.is_ok()) return s;
            options.seed_data = true;
        } else if (name == "--brokers" || name == "--topic" || name == "--port" ||
                   name == "--control") {
            const auto v = value();
            if (!v) return Status::error(name + " needs a value");
            if (name == "--brokers") {
                const auto n = parse_number<int>(*v, 1, kMaxBrokers);
                if (!n) {
                    return Status::error("--brokers must be 1.." + std::to_string(kMaxBrokers) +
                                         ", got '" + *v + "'");
                }
                options.brokers = *n;
            } else if (name == "--topic") {
                TopicSpec spec;
                if (auto s = parse_topic_spec(*v, spec); !s.is_ok())
                    return Status::error("--topic: " + s.reason());
                const bool duplicate =
                    std::any_of(options.topics.begin(), options.topics.end(),
                                [&](const TopicSpec& t) { return t.name == spec.name; });
                if (duplicate) return Status::error("--topic: '" + spec.name + "' given twice");
                options.topics.push_back(std::move(spec));
            } else if (name == "--port") {
                const auto p = parse_number<std::uint16_t>(*v, 1, 65535);
                if (!p) return Status::error("--port must be 1..65535, got '" + *v + "'");
                options.port = *p;
            } else {
                if (v->empty()) return Status::error("--control needs a path");
                options.control_fifo = *v;
            }
        } else {
            return Status::error("unknown option '" + args[i] + "'");
        }
    }

    // Checked after the loop so the order of --brokers and --topic is free.
    for (const auto& topic : options.topics) {
        if (topic.replication && *topic.replication > options.brokers) {
            return Status::error("--topic " + topic.name + ": replication " +
                                 std::to_string(*topic.replication) + " exceeds --brokers " +
                                 std::to_string(options.brokers));
        }
    }
    if (options.seed_data && options.topics.empty() && !options.show_help) {
        return Status::error("--seed-data needs at least one --topic to fill");
    }
    out = std::move(options);
    return Status::ok();
}

std::string usage_text() {
    return std::string(
               "Usage: kafkascope-sandbox [OPTIONS]\n"
               "\n"
               "Runs a Kafka-protocol cluster on 127.0.0.1 (librdkafka's mock cluster) for\n"
               "tests and demo mode. The first line on stdout is the bootstrap string, printed\n"
               "once every broker accepts connections. Runs until SIGINT/SIGTERM or 'quit'.\n"
               "\n"
               "Options:\n"
               "  --brokers N              number of brokers, 1.." +
               std::to_string(kMaxBrokers) +
               " (default 3)\n"
               "  --topic NAME:PARTITIONS[:REPLICATION]\n"
               "                           create a topic; repeatable. The mock always assigns\n"
               "                           min(3, brokers) replicas\n"
               "  --port P                 also accept bootstrap connections on 127.0.0.1:P and\n"
               "                           forward them to the first reachable broker; the\n"
               "                           first line is then 127.0.0.1:P\n"
               "  --seed-data              produce demo messages (keys, JSON values, headers)\n"
               "  --debug-groups           log the mock's consumer-group state changes to stderr\n"
               "                           into every --topic before printing the bootstrap\n"
               "  --control FIFO           also read commands from FIFO (created if missing)\n"
               "  -h, --help               show this help\n"
               "\n") +
           command_help_text() +
           "\nExit status: 0 after a signal or 'quit', 1 on a runtime failure, 2 on bad options.\n";
}

}  // namespace kafkascope::sandbox
