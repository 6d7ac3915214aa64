#pragma once
// The live lag poller. Every interval it asks, per cycle:
//   Metadata once; ListGroups once per broker (only when no groups are
//   named); FindCoordinator only for groups whose coordinator is not cached;
//   DescribeGroups once per coordinator (where supported); OffsetFetch once
//   per coordinator (v8+, all groups in one request; older coordinators one
//   per group); ListOffsets twice per partition leader (earliest, latest).
// So a cycle costs about one request per broker per API, whatever the
// number of partitions. Each partition keeps a LagHistory from which the
// time lag, catch-up estimate and status are derived (time_lag.h,
// status_rules.h). Lives on the engine thread; the sink runs there too.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>

#include <asio/any_io_executor.hpp>
#include <asio/awaitable.hpp>
#include <asio/steady_timer.hpp>

#include "cluster/group_coordinators.h"
#include "core/result.h"
#include "monitor/lag_types.h"

namespace kafkascope::cluster {
class BrokerPool;
}

namespace kafkascope::monitor {

class LagMonitor : public std::enable_shared_from_this<LagMonitor> {
public:
    using Sink = std::function<void(LagSnapshot)>;

    // Fails only on an invalid config (interval or window of zero).
    static Result<std::shared_ptr<LagMonitor>> create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                      LagMonitorConfig config, Sink sink);

    // Polls at once, then every interval, handing each snapshot to the sink.
    void start();
    // No snapshot is delivered after this returns (engine thread).
    void stop();

    // One cycle without the timer (tests, benchmarks, one-shot CLI).
    asio::awaitable<LagSnapshot> poll_once();

    const LagMonitorConfig& config() const { return config_; }

private:
    LagMonitor(asio::any_io_executor executor, cluster::BrokerPool& pool, LagMonitorConfig config, Sink sink);
    asio::awaitable<void> run();

    struct PartitionState {
        LagHistory history;
        std::uint64_t seen_cycle = 0;
    };
    using Key = std::tuple<std::string, std::string, std::int32_t>;  // group, topic, partition

    asio::any_io_executor executor_;
    cluster::BrokerPool& pool_;
    LagMonitorConfig config_;
    Sink sink_;
    asio::steady_timer timer_;
    bool running_ = false;
    bool stopped_ = false;
    std::uint64_t cycle_ = 0;
    std::map<Key, PartitionState> states_;
    std::map<std::string, LagHistory> group_totals_;  // end = total lag, committed unused
    cluster::CoordinatorMap coordinators_;
    bool describe_unsupported_ = false;  // learnt once: the coordinators lack DescribeGroups
};

}  // namespace kafkascope::monitor
