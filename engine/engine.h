#pragma once
// The engine's facade. It owns an io_context and the one thread that runs
// it; every socket and every piece of protocol state lives on that thread, so
// none of it needs a lock. The methods below may be called from any thread:
// they post the work to the engine thread and return at once. Results come
// back through the callback, which runs ON THE ENGINE THREAD: keep it short,
// copy what you need and hand it to your own thread (the Qt bridge queues a
// signal).

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "admin/group_types.h"
#include "admin/offset_reset_plan.h"
#include "admin/topic_groups_types.h"
#include "cluster/cluster_types.h"
#include "consumer/group_offsets.h"
#include "consumer/group_reader_config.h"
#include "consumer/reader_config.h"
#include "consumer/seek.h"
#include "core/result.h"
#include "monitor/lag_types.h"
#include "net/security_config.h"
#include "producer/writer_config.h"

namespace kafkascope {

namespace producer {
class Writer;
}
namespace consumer {
class PartitionReader;
class GroupMembership;
class GroupReader;
struct GroupMembershipConfig;
}
namespace browse {
class BrowseSession;
struct BrowseConfig;
struct BrowseStatus;
}

struct EngineOptions {
    std::string bootstrap;  // "host:port[,host:port...]"
    std::string client_id = "kafkascope";
    std::chrono::milliseconds connect_timeout{10'000};
    std::chrono::milliseconds request_timeout{30'000};
    // TLS / SASL for every broker connection (net/security_config.h);
    // PLAINTEXT by default. net/client_properties.h reads it from kcat-style
    // properties.
    net::SecurityConfig security;
};

template <class T>
using Callback = std::function<void(Result<T>)>;

class Engine {
public:
    // Fails on a malformed bootstrap string; does not touch the network.
    static Result<std::unique_ptr<Engine>> create(EngineOptions options);
    ~Engine();  // cancels outstanding work, joins the thread; callbacks stop

    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    const EngineOptions& options() const;

    // Fresh metadata for every topic (or the given ones), from any broker
    // that answers; the cache used for routing is updated as well.
    void metadata(Callback<ClusterMetadata> done, std::vector<std::string> topics = {});

    // First and last offset of every partition of the given topics (all
    // topics when empty), batched: one ListOffsets request per leader and
    // kind. Per-partition failures are reported in PartitionOffsets::error.
    void partition_offsets(Callback<std::vector<PartitionOffsets>> done,
                           std::vector<std::string> topics = {});

    // ApiVersions of every broker in the last metadata, next to our ranges.
    void broker_api_versions(Callback<std::vector<BrokerApiVersions>> done);

    // A batching producer (producer/writer.h) on this engine's thread and
    // connections. Fails only on an invalid config. Destroy every writer
    // before the engine.
    Result<std::shared_ptr<producer::Writer>> create_writer(producer::WriterConfig config);

    // A reader of one partition without a group (consumer/partition_reader.h)
    // on this engine's thread and connections. Fails only on an invalid
    // config. Close or destroy every reader before the engine.
    Result<std::shared_ptr<consumer::PartitionReader>> create_partition_reader(
        consumer::PartitionReaderConfig config);

    // Membership of a consumer group (consumer/group_membership.h): join,
    // sync with range / round-robin assignment, heartbeats, leave. Fails
    // only on an invalid config. Leave and destroy it before the engine.
    Result<std::shared_ptr<consumer::GroupMembership>> create_group_membership(
        consumer::GroupMembershipConfig config);

    // kafka-go's Reader with a GroupID (consumer/group_reader.h): joins on
    // the first fetch, fetches the assigned partitions, commits. `on_event`
    // (optional, engine thread) hears joins, rebalances, commits and errors.
    // Fails only on an invalid config. Close it before the engine goes.
    Result<std::shared_ptr<consumer::GroupReader>> create_group_reader(consumer::GroupReaderConfig config,
                                                                       consumer::GroupEventCallback on_event = {});

    // A topic browse (browse/browse_session.h) on this engine's thread and
    // connections: reads into a MessageStore without joining a group or
    // committing. `listener` runs on the engine thread. Fails only on an
    // invalid config; call start(). Close it before the engine goes.
    Result<std::shared_ptr<browse::BrowseSession>> create_browse_session(
        browse::BrowseConfig config, std::function<void(const browse::BrowseStatus&)> listener);

    // One partition's first and last offset (last = high watermark), asked
    // of its leader. kafka-go's ReadFirstOffset / ReadLastOffset / ReadOffsets.
    void partition_bounds(Callback<consumer::OffsetBounds> done, std::string topic, std::int32_t partition);

    // The first offset of a partition whose message timestamp is at or after
    // `timestamp_ms` (ListOffsets by time; kafka-go's Conn.ReadOffset).
    // OffsetAtTime::offset is -1 when no message is that recent.
    void partition_offset_at(Callback<consumer::OffsetAtTime> done, std::string topic, std::int32_t partition,
                             std::int64_t timestamp_ms);

    // kafka-go's Conn.Seek: the position `current` moves to for (offset,
    // whence), with its arithmetic and out-of-range check (consumer/seek.h).
    // The bounds are looked up only when the rules need them.
    void seek(Callback<std::int64_t> done, std::string topic, std::int32_t partition, std::int64_t current,
              std::int64_t offset, int whence);

    // A group's committed offsets for every partition of `topics` (offset -1:
    // none committed), or for every partition the group committed when
    // `topics` is empty. Works whether or not the group has members.
    void committed_offsets(Callback<std::vector<consumer::CommittedOffset>> done, std::string group,
                           std::vector<std::string> topics = {});

    // Stores offsets for a group without joining it (generation -1, empty
    // member id, as kcat and the admin tools do): the coordinator accepts it
    // only while the group has no active members. One entry per partition,
    // with its error where the coordinator refused it.
    void commit_offsets(Callback<std::vector<consumer::CommittedOffset>> done, std::string group,
                        std::vector<consumer::OffsetToCommit> offsets);

    // Blocking forms for the CLI and tests. Never call them from a callback.
    Result<consumer::OffsetBounds> partition_bounds_sync(std::string topic, std::int32_t partition);
    Result<consumer::OffsetAtTime> partition_offset_at_sync(std::string topic, std::int32_t partition,
                                                            std::int64_t timestamp_ms);
    Result<std::int64_t> seek_sync(std::string topic, std::int32_t partition, std::int64_t current,
                                   std::int64_t offset, int whence);
    Result<ClusterMetadata> metadata_sync(std::vector<std::string> topics = {});
    Result<std::vector<PartitionOffsets>> partition_offsets_sync(std::vector<std::string> topics = {});
    Result<std::vector<BrokerApiVersions>> broker_api_versions_sync();
    Result<std::vector<consumer::CommittedOffset>> committed_offsets_sync(std::string group,
                                                                          std::vector<std::string> topics = {});
    Result<std::vector<consumer::CommittedOffset>> commit_offsets_sync(std::string group,
                                                                       std::vector<consumer::OffsetToCommit> offsets);

    // ---- Consumer-group admin and the lag monitor (engine/admin, engine/monitor) ----
    // Calls fanned out over brokers or coordinators return partial results
    // plus per-broker / per-group errors.

    // Groups of every broker (ListGroups), optionally only those in `states`
    // ("Stable", "Empty", ...; brokers below ListGroups v4 cannot filter).
    void list_groups(Callback<admin::GroupListingResult> done, std::vector<std::string> states = {});
    // State, protocol and members (with decoded assignments), one
    // DescribeGroups per coordinator. In the order asked.
    void describe_groups(Callback<std::vector<admin::GroupDescription>> done, std::vector<std::string> groups);
    // Every committed offset of several groups: one OffsetFetch per
    // coordinator where it takes several groups (v8+), else one per group.
    void groups_committed_offsets(Callback<std::vector<admin::GroupOffsets>> done, std::vector<std::string> groups);
    void delete_groups(Callback<std::vector<admin::GroupDeletion>> done, std::vector<std::string> groups);
    void delete_group_offsets(Callback<std::vector<admin::OffsetDeletion>> done, std::string group,
                              std::vector<consumer::TopicPartitions> partitions);
    // Offset reset of a group without active members (admin/offset_reset.h):
    // dry run = the before/after table; execute = commit exactly that table.
    void reset_group_offsets(Callback<admin::ResetResult> done, admin::ResetSpec spec, bool execute);
    // Commits exactly a dry run's table (what the user saw and confirmed),
    // after checking the group again; see admin::execute_reset_plan.
    void execute_reset_plan(Callback<admin::ResetResult> done, admin::ResetResult plan);
    // The groups that have committed offsets on `topic`, with their lag on
    // it, found without a lag monitor (admin/topic_groups.h): ListGroups on
    // every broker, OffsetFetch per coordinator, ListOffsets per leader.
    // Brokers without ListGroups come back in `failures`; fails only when
    // the topic does not exist or no metadata can be had.
    void topic_consumer_groups(Callback<admin::TopicGroupsResult> done, std::string topic);

    // A lag monitor on the engine thread (monitor/lag_monitor.h): polls at
    // once, then every config.interval, and hands each snapshot to
    // `on_snapshot` ON THE ENGINE THREAD. Fails only on an invalid config.
    using LagMonitorId = std::uint64_t;
    Result<LagMonitorId> start_lag_monitor(monitor::LagMonitorConfig config,
                                           std::function<void(monitor::LagSnapshot)> on_snapshot);
    // No snapshot of that monitor is delivered once the stop has run on the
    // engine thread (the _sync form waits for that).
    void stop_lag_monitor(LagMonitorId id);
    void stop_lag_monitor_sync(LagMonitorId id);

    Result<admin::GroupListingResult> list_groups_sync(std::vector<std::string> states = {});
    Result<std::vector<admin::GroupDescription>> describe_groups_sync(std::vector<std::string> groups);
    Result<std::vector<admin::GroupOffsets>> groups_committed_offsets_sync(std::vector<std::string> groups);
    Result<std::vector<admin::GroupDeletion>> delete_groups_sync(std::vector<std::string> groups);
    Result<std::vector<admin::OffsetDeletion>> delete_group_offsets_sync(
        std::string group, std::vector<consumer::TopicPartitions> partitions);
    Result<admin::ResetResult> reset_group_offsets_sync(admin::ResetSpec spec, bool execute);
    Result<admin::ResetResult> execute_reset_plan_sync(admin::ResetResult plan);
    Result<admin::TopicGroupsResult> topic_consumer_groups_sync(std::string topic);
    // ---- end of consumer-group admin and lag monitor ----

private:
    struct Impl;
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace kafkascope
