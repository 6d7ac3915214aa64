#pragma once
// Configuration and reports of a group reader (kafka-go's Reader with a
// GroupID), apart from the reader so the engine facade and the UI can use
// them without asio.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consumer/reader_config.h"
#include "core/error.h"

namespace kafkascope::consumer {

struct GroupReaderConfig {
    std::string group_id;
    std::vector<std::string> topics;  // kafka-go's GroupTopics
    std::string client_id;            // for stats; the engine's own id goes on the wire

    // kafka-go's defaults throughout.
    std::int32_t min_bytes = 1;
    std::int32_t max_bytes = 1'000'000;
    std::chrono::milliseconds max_wait{10'000};
    std::size_t queue_capacity = 100;
    // 0: commit_messages commits synchronously. > 0: it records the offsets
    // and a timer commits them every interval, at the end of a generation
    // and on close.
    std::chrono::milliseconds commit_interval{0};
    // first_offset or last_offset: where a partition starts when the group
    // has no committed offset for it; a committed offset always wins.
    std::int64_t start_offset = first_offset;
    std::chrono::milliseconds heartbeat_interval{3'000};
    std::chrono::milliseconds session_timeout{30'000};
    std::chrono::milliseconds rebalance_timeout{30'000};
    std::chrono::milliseconds join_group_backoff{5'000};
    std::vector<std::string> group_balancers{"range", "roundrobin"};
    std::optional<std::string> group_instance_id;  // static membership
    IsolationLevel isolation = IsolationLevel::read_uncommitted;
    std::chrono::milliseconds read_backoff_min{100};
    std::chrono::milliseconds read_backoff_max{1'000};
    int commit_retries = 3;
    // How often the topics' partition counts are checked: a change (or a
    // topic that appears after the group formed, kafka-go #800) rebalances.
    std::chrono::milliseconds partition_watch_interval{5'000};
};

// Where one assigned partition stands; offsets are "next to read" offsets.
struct AssignedPartition {
    std::string topic;
    std::int32_t partition = 0;
    std::int64_t committed = -1;       // last known committed offset, -1: none
    std::int64_t position = -1;        // next offset to fetch
    std::int64_t delivered = -1;       // next offset fetch_message hands out
    std::int64_t high_watermark = -1;  // of the last fetch
    std::int64_t lag = -1;             // high_watermark - delivered, -1 unknown
    std::int64_t last_timestamp_ms = -1;  // of the last message handed out
    std::int64_t time_lag_ms = -1;        // now - that timestamp while lag > 0, else 0
    std::int32_t leader = -1;
    std::string error;  // why the partition is not being fetched, if it is not
};

// What happened to the group, for a log view.
struct GroupEvent {
    enum class Kind { joined, rebalancing, committed, error, closed };
    Kind kind = Kind::joined;
    std::chrono::system_clock::time_point when;
    std::int32_t generation_id = -1;
    std::string member_id;
    bool leader = false;
    std::string protocol;                                     // assignor chosen
    std::map<std::string, std::vector<std::int32_t>> assignment;  // joined
    std::string text;                                         // a sentence for the log
};

using GroupEventCallback = std::function<void(const GroupEvent&)>;

const char* to_string(GroupEvent::Kind kind);

}  // namespace kafkascope::consumer
