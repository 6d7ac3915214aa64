#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "status.h"

namespace kafkascope::sandbox {

struct TopicSpec {
    std::string name;
    int partitions = 1;
    // Absent means "let the mock decide"; librdkafka 2.0.2 assigns
    // min(3, brokers) replicas whatever we ask for.
    std::optional<int> replication;
};

struct Options {
    int brokers = 3;
    std::vector<TopicSpec> topics;
    std::optional<std::uint16_t> port;
    bool seed_data = false;
    bool debug_groups = false;  // the mock's own log of group state changes, to stderr
    std::optional<std::string> control_fifo;
    bool show_help = false;
};

inline constexpr int kMaxBrokers = 64;
inline constexpr int kMaxPartitions = 10000;

// Parses argv (without argv[0]). On failure the Status explains which option
// was wrong and why.
Status parse_options(const std::vector<std::string>& args, Options& out);

// Parses "name:partitions[:replication]" as used by --topic.
Status parse_topic_spec(const std::string& text, TopicSpec& out);

// Kafka's own rule for topic names, so we never create a topic a real broker
// would refuse.
bool is_valid_topic_name(const std::string& name);

std::string usage_text();

}  // namespace kafkascope::sandbox
