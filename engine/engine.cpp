#include "engine.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <map>
#include <thread>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/executor_work_guard.hpp>
#include <asio/io_context.hpp>
#include <asio/post.hpp>

#include "admin/group_description.h"
#include "admin/group_deletion.h"
#include "admin/group_listing.h"
#include "admin/group_offsets_batch.h"
#include "admin/offset_reset.h"
#include "admin/topic_groups.h"
#include "browse/browse_session.h"
#include "cluster/api_versions_report.h"
#include "cluster/broker_pool.h"
#include "cluster/metadata_cache.h"
#include "cluster/metadata_client.h"
#include "cluster/offsets_client.h"
#include "consumer/group_membership.h"
#include "consumer/group_reader.h"
#include "consumer/group_offsets.h"
#include "consumer/partition_reader.h"
#include "consumer/partition_route.h"
#include "core/wait_group.h"
#include "monitor/lag_monitor.h"
#include "net/broker_address.h"
#include "net/sasl/oauthbearer_token.h"
#include "producer/writer.h"
#include "protocol/kafka_error.h"

namespace kafkascope {

namespace {

// Errors that mean "ask the current leader", after which fresh metadata helps.
bool routed_to_wrong_broker(const PartitionOffsets& p) {
    if (!p.error || p.error.code.category() != protocol::kafka_category()) return false;
    switch (p.error.code.value()) {
        case 3:   // UNKNOWN_TOPIC_OR_PARTITION
        case 5:   // LEADER_NOT_AVAILABLE
        case 6:   // NOT_LEADER_OR_FOLLOWER
        case 74:  // FENCED_LEADER_EPOCH
        case 75:  // UNKNOWN_LEADER_EPOCH
            return true;
        default:
            return false;
    }
}

net::ConnectionOptions connection_options(const EngineOptions& options) {
    net::ConnectionOptions out;
    out.client_id = options.client_id;
    out.connect_timeout = options.connect_timeout;
    out.request_timeout = options.request_timeout;
    out.security = options.security;
    return out;
}

}  // namespace

struct Engine::Impl {
    // Declaration order is destruction order in reverse: the io_context must
    // outlive everything that holds its sockets and timers.
    EngineOptions options;
    asio::io_context io;
    asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
    cluster::BrokerPool pool;
    cluster::MetadataCache cache{std::chrono::seconds(10)};
    std::thread thread;
    // Lag monitors by id (engine thread only); see the admin block below.
    std::map<std::uint64_t, std::shared_ptr<monitor::LagMonitor>> lag_monitors;
    std::atomic<std::uint64_t> next_lag_monitor{1};

    Impl(EngineOptions opts, std::vector<net::BrokerAddress> bootstrap)
        : options(std::move(opts)),
          pool(io.get_executor(), std::move(bootstrap),
               connection_options(options)) {}

    // Runs a coroutine producing Result<T> on the engine thread and hands the
    // result to `done` there.
    template <class T, class Task>
    void spawn(Callback<T> done, Task task) {
        asio::co_spawn(
            io,
            [done = std::move(done), task = std::move(task)]() mutable -> asio::awaitable<void> {
                Result<T> result = co_await task();
                if (done) done(std::move(result));
            },
            asio::detached);
    }

    // Metadata from the cluster; a full answer refreshes the cache.
    asio::awaitable<Result<ClusterMetadata>> fresh_metadata(std::vector<std::string> topics) {
        // Named, not a braced temporary: GCC 12 destroys braced temporaries in
        // co_await expressions twice.
        cluster::TopicSelection selection{topics, false};
        auto metadata = co_await cluster::fetch_metadata(pool, std::move(selection));
        if (metadata && topics.empty()) cache.store(*metadata);
        co_return metadata;
    }

    asio::awaitable<Result<std::vector<PartitionOffsets>>> offsets(std::vector<std::string> topics) {
        // Route by the cache when it is fresh; if a broker then says it does
        // not lead a partition, the route is stale: refresh and ask again.
        if (auto cached = cache.lookup(topics)) {
            auto result = co_await cluster::fetch_partition_offsets(pool, *cached, topics);
            if (std::none_of(result.begin(), result.end(), routed_to_wrong_broker)) co_return result;
            cache.invalidate();
        }
        auto metadata = co_await fresh_metadata(topics);
        if (!metadata) co_return std::move(metadata).error();
        co_return co_await cluster::fetch_partition_offsets(pool, *metadata, topics);
    }

    // Topics become their partition lists (from metadata) so that partitions
    // without a commit are answered too, with -1.
    asio::awaitable<Result<std::vector<consumer::CommittedOffset>>> committed(std::string group,
                                                                              std::vector<std::string> topics) {
        std::vector<consumer::TopicPartitions> wanted;
        if (!topics.empty()) {
            auto metadata = co_await fresh_metadata(topics);
            if (!metadata) co_return std::move(metadata).error();
            for (const TopicInfo& t : metadata->topics) {
                if (t.error_code != 0) {
                    co_return Error(protocol::make_kafka_error_code(t.error_code),
                                    "committed offsets: topic " + t.name + ": " +
                                        protocol::kafka_error_name(t.error_code));
                }
                consumer::TopicPartitions tp{t.name, {}};
                for (const PartitionInfo& p : t.partitions) tp.partitions.push_back(p.partition);
                wanted.push_back(std::move(tp));
            }
        }
        co_return co_await consumer::fetch_group_offsets(pool, std::move(group), std::move(wanted));
    }

    asio::awaitable<Result<std::vector<BrokerApiVersions>>> api_versions() {
        cluster::TopicSelection brokers_only{{}, true};
        auto metadata = co_await cluster::fetch_metadata(pool, std::move(brokers_only));
        if (!metadata) co_return std::move(metadata).error();
        std::vector<BrokerApiVersions> out;
        for (const BrokerInfo& b : metadata->brokers) {
            BrokerApiVersions entry;
            entry.node_id = b.node_id;
            entry.address = b.address();
            out.push_back(std::move(entry));
        }
        WaitGroup group(io.get_executor());
        for (BrokerApiVersions& entry : out) {
            group.add();
            asio::co_spawn(
                io,
                [this, &entry, &group]() -> asio::awaitable<void> {
                    auto connection = co_await pool.connect_node(entry.node_id);
                    if (connection) {
                        entry.rows = cluster::api_version_rows((*connection)->versions());
                        const net::ConnectionSecurity& security = (*connection)->security();
                        entry.tls_version = security.tls_version;
                        entry.tls_cipher = security.tls_cipher;
                        entry.sasl_mechanism = security.sasl_mechanism;
                        entry.warnings = security.warnings;
                    } else {
                        entry.error = connection.error();
                    }
                    group.done();
                },
                asio::detached);
        }
        co_await group.wait();
        co_return out;
    }
};

Result<std::unique_ptr<Engine>> Engine::create(EngineOptions options) {
    auto bootstrap = net::parse_bootstrap(options.bootstrap);
    if (!bootstrap) return std::move(bootstrap).error();
    if (auto valid = options.security.validate(); !valid) return std::move(valid).error();
    // One OAUTHBEARER token cache for all of this engine's connections.
    if (!options.security.sasl.token_cache) {
        options.security.sasl.token_cache = std::make_shared<net::OAuthTokenCache>();
    }
    auto impl = std::make_unique<Impl>(std::move(options), std::move(bootstrap).value());
    impl->thread = std::thread([io = &impl->io] { io->run(); });
    return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Engine::~Engine() {
    // Close sockets on the engine thread (in-flight requests fail with
    // "cancelled"), then stop the loop; suspended coroutines are destroyed
    // with the io_context without being resumed, so no callback runs late.
    asio::post(impl_->io, [impl = impl_.get()] {
        impl->pool.close_all();
        impl->io.stop();
    });
    impl_->work.reset();
    if (impl_->thread.joinable()) impl_->thread.join();
}

const EngineOptions& Engine::options() const { return impl_->options; }

void Engine::metadata(Callback<ClusterMetadata> done, std::vector<std::string> topics) {
    impl_->spawn<ClusterMetadata>(std::move(done), [impl = impl_.get(), topics = std::move(topics)] {
        return impl->fresh_metadata(topics);
    });
}

void Engine::partition_offsets(Callback<std::vector<PartitionOffsets>> done,
                               std::vector<std::string> topics) {
    impl_->spawn<std::vector<PartitionOffsets>>(
        std::move(done), [impl = impl_.get(), topics = std::move(topics)] { return impl->offsets(topics); });
}

void Engine::broker_api_versions(Callback<std::vector<BrokerApiVersions>> done) {
    impl_->spawn<std::vector<BrokerApiVersions>>(std::move(done),
                                                 [impl = impl_.get()] { return impl->api_versions(); });
}

Result<std::shared_ptr<producer::Writer>> Engine::create_writer(producer::WriterConfig config) {
    // The writer keeps references to the pool and cache, which it only
    // touches on the engine thread, where they live.
    return producer::Writer::create(impl_->io.get_executor(), impl_->pool, impl_->cache, std::move(config));
}

Result<std::shared_ptr<consumer::PartitionReader>> Engine::create_partition_reader(
    consumer::PartitionReaderConfig config) {
    return consumer::PartitionReader::create(impl_->io.get_executor(), impl_->pool, std::move(config));
}

Result<std::shared_ptr<consumer::GroupMembership>> Engine::create_group_membership(
    consumer::GroupMembershipConfig config) {
    return consumer::GroupMembership::create(impl_->io.get_executor(), impl_->pool, std::move(config));
}

Result<std::shared_ptr<consumer::GroupReader>> Engine::create_group_reader(consumer::GroupReaderConfig config,
                                                                          consumer::GroupEventCallback on_event) {
    if (config.client_id.empty()) config.client_id = impl_->options.client_id;
    return consumer::GroupReader::create(impl_->io.get_executor(), impl_->pool, std::move(config),
                                         std::move(on_event));
}

Result<std::shared_ptr<browse::BrowseSession>> Engine::create_browse_session(
    browse::BrowseConfig config, std::function<void(const browse::BrowseStatus&)> listener) {
    return browse::BrowseSession::create(impl_->io.get_executor(), impl_->pool, std::move(config),
                                         std::move(listener));
}

void Engine::partition_bounds(Callback<consumer::OffsetBounds> done, std::string topic, std::int32_t partition) {
    impl_->spawn<consumer::OffsetBounds>(std::move(done), [impl = impl_.get(), topic = std::move(topic), partition] {
        return consumer::read_bounds(impl->pool, topic, partition);
    });
}

void Engine::partition_offset_at(Callback<consumer::OffsetAtTime> done, std::string topic, std::int32_t partition,
                                 std::int64_t timestamp_ms) {
    impl_->spawn<consumer::OffsetAtTime>(
        std::move(done), [impl = impl_.get(), topic = std::move(topic), partition, timestamp_ms] {
            return consumer::read_offset_at(impl->pool, topic, partition, timestamp_ms);
        });
}

void Engine::seek(Callback<std::int64_t> done, std::string topic, std::int32_t partition, std::int64_t current,
                  std::int64_t offset, int whence) {
    auto task = [impl = impl_.get(), topic = std::move(topic), partition, current, offset,
                 whence]() -> asio::awaitable<Result<std::int64_t>> {
        std::optional<consumer::OffsetBounds> bounds;
        if (consumer::seek_needs_bounds(current, offset, whence)) {
            auto b = co_await consumer::read_bounds(impl->pool, topic, partition);
            if (!b) co_return std::move(b).error();
            bounds = *b;
        }
        co_return consumer::seek_offset(current, offset, whence, bounds);
    };
    impl_->spawn<std::int64_t>(std::move(done), std::move(task));
}

void Engine::committed_offsets(Callback<std::vector<consumer::CommittedOffset>> done, std::string group,
                               std::vector<std::string> topics) {
    impl_->spawn<std::vector<consumer::CommittedOffset>>(
        std::move(done), [impl = impl_.get(), group = std::move(group), topics = std::move(topics)] {
            return impl->committed(group, topics);
        });
}

void Engine::commit_offsets(Callback<std::vector<consumer::CommittedOffset>> done, std::string group,
                            std::vector<consumer::OffsetToCommit> offsets) {
    impl_->spawn<std::vector<consumer::CommittedOffset>>(
        std::move(done), [impl = impl_.get(), group = std::move(group), offsets = std::move(offsets)] {
            return consumer::commit_group_offsets(impl->pool, group, offsets, consumer::GroupGeneration{});
        });
}

namespace {

// Turns an async call into a blocking one for callers off the engine thread.
template <class T, class Start>
Result<T> wait_for(Start start) {
    std::promise<Result<T>> promise;
    auto future = promise.get_future();
    start([&promise](Result<T> r) { promise.set_value(std::move(r)); });
    return future.get();
}

}  // namespace

Result<ClusterMetadata> Engine::metadata_sync(std::vector<std::string> topics) {
    return wait_for<ClusterMetadata>([&](auto cb) { metadata(std::move(cb), std::move(topics)); });
}

Result<std::vector<PartitionOffsets>> Engine::partition_offsets_sync(std::vector<std::string> topics) {
    return wait_for<std::vector<PartitionOffsets>>(
        [&](auto cb) { partition_offsets(std::move(cb), std::move(topics)); });
}

Result<std::vector<BrokerApiVersions>> Engine::broker_api_versions_sync() {
    return wait_for<std::vector<BrokerApiVersions>>([&](auto cb) { broker_api_versions(std::move(cb)); });
}

Result<consumer::OffsetBounds> Engine::partition_bounds_sync(std::string topic, std::int32_t partition) {
    return wait_for<consumer::OffsetBounds>(
        [&](auto cb) { partition_bounds(std::move(cb), std::move(topic), partition); });
}

Result<consumer::OffsetAtTime> Engine::partition_offset_at_sync(std::string topic, std::int32_t partition,
                                                                std::int64_t timestamp_ms) {
    return wait_for<consumer::OffsetAtTime>(
        [&](auto cb) { partition_offset_at(std::move(cb), std::move(topic), partition, timestamp_ms); });
}

Result<std::int64_t> Engine::seek_sync(std::string topic, std::int32_t partition, std::int64_t current,
                                       std::int64_t offset, int whence) {
    return wait_for<std::int64_t>(
        [&](auto cb) { seek(std::move(cb), std::move(topic), partition, current, offset, whence); });
}

Result<std::vector<consumer::CommittedOffset>> Engine::committed_offsets_sync(std::string group,
                                                                              std::vector<std::string> topics) {
    return wait_for<std::vector<consumer::CommittedOffset>>(
        [&](auto cb) { committed_offsets(std::move(cb), std::move(group), std::move(topics)); });
}

Result<std::vector<consumer::CommittedOffset>> Engine::commit_offsets_sync(
    std::string group, std::vector<consumer::OffsetToCommit> offsets) {
    return wait_for<std::vector<consumer::CommittedOffset>>(
        [&](auto cb) { commit_offsets(std::move(cb), std::move(group), std::move(offsets)); });
}

// ---- Consumer-group admin and the lag monitor (engine/admin, engine/monitor) ----

void Engine::list_groups(Callback<admin::GroupListingResult> done, std::vector<std::string> states) {
    auto task = [impl = impl_.get(), states = std::move(states)]() -> asio::awaitable<Result<admin::GroupListingResult>> {
        cluster::TopicSelection brokers_only{{}, true};
        auto metadata = co_await cluster::fetch_metadata(impl->pool, std::move(brokers_only));
        if (!metadata) co_return std::move(metadata).error();
        co_return co_await admin::list_groups(impl->pool, *metadata, states);
    };
    impl_->spawn<admin::GroupListingResult>(std::move(done), std::move(task));
}

void Engine::describe_groups(Callback<std::vector<admin::GroupDescription>> done, std::vector<std::string> groups) {
    auto task = [impl = impl_.get(),
                 groups = std::move(groups)]() -> asio::awaitable<Result<std::vector<admin::GroupDescription>>> {
        co_return co_await admin::describe_groups(impl->pool, groups);
    };
    impl_->spawn<std::vector<admin::GroupDescription>>(std::move(done), std::move(task));
}

void Engine::groups_committed_offsets(Callback<std::vector<admin::GroupOffsets>> done,
                                      std::vector<std::string> groups) {
    auto task = [impl = impl_.get(),
                 groups = std::move(groups)]() -> asio::awaitable<Result<std::vector<admin::GroupOffsets>>> {
        // Every partition, for coordinators that cannot answer "everything
        // committed" (admin/coordinators.h).
        std::vector<std::string> all_topics;  // named: no braced temporary in co_await (GCC 12)
        auto metadata = co_await impl->fresh_metadata(all_topics);
        if (!metadata) co_return std::move(metadata).error();
        std::vector<consumer::TopicPartitions> every_partition;
        for (const TopicInfo& t : metadata->topics) {
            if (t.is_internal || t.error_code != 0) continue;
            consumer::TopicPartitions tp{t.name, {}};
            for (const PartitionInfo& p : t.partitions) tp.partitions.push_back(p.partition);
            every_partition.push_back(std::move(tp));
        }
        cluster::CoordinatorMap coordinators;
        auto batch = co_await admin::fetch_groups_offsets(impl->pool, groups, coordinators, &every_partition);
        co_return std::move(batch.groups);
    };
    impl_->spawn<std::vector<admin::GroupOffsets>>(std::move(done), std::move(task));
}

void Engine::delete_groups(Callback<std::vector<admin::GroupDeletion>> done, std::vector<std::string> groups) {
    auto task = [impl = impl_.get(),
                 groups = std::move(groups)]() -> asio::awaitable<Result<std::vector<admin::GroupDeletion>>> {
        co_return co_await admin::delete_groups(impl->pool, groups);
    };
    impl_->spawn<std::vector<admin::GroupDeletion>>(std::move(done), std::move(task));
}

void Engine::delete_group_offsets(Callback<std::vector<admin::OffsetDeletion>> done, std::string group,
                                  std::vector<consumer::TopicPartitions> partitions) {
    auto task = [impl = impl_.get(), group = std::move(group),
                 partitions = std::move(partitions)]() -> asio::awaitable<Result<std::vector<admin::OffsetDeletion>>> {
        co_return co_await admin::delete_offsets(impl->pool, group, partitions);
    };
    impl_->spawn<std::vector<admin::OffsetDeletion>>(std::move(done), std::move(task));
}

void Engine::reset_group_offsets(Callback<admin::ResetResult> done, admin::ResetSpec spec, bool execute) {
    auto task = [impl = impl_.get(), spec = std::move(spec), execute]() -> asio::awaitable<Result<admin::ResetResult>> {
        std::vector<std::string> topics{spec.topic};
        auto metadata = co_await impl->fresh_metadata(topics);
        if (!metadata) co_return std::move(metadata).error();
        co_return co_await admin::reset_group_offsets(impl->pool, *metadata, spec, execute);
    };
    impl_->spawn<admin::ResetResult>(std::move(done), std::move(task));
}

void Engine::execute_reset_plan(Callback<admin::ResetResult> done, admin::ResetResult plan) {
    auto task = [impl = impl_.get(), plan = std::move(plan)]() -> asio::awaitable<Result<admin::ResetResult>> {
        co_return co_await admin::execute_reset_plan(impl->pool, plan);
    };
    impl_->spawn<admin::ResetResult>(std::move(done), std::move(task));
}

void Engine::topic_consumer_groups(Callback<admin::TopicGroupsResult> done, std::string topic) {
    auto task = [impl = impl_.get(), topic = std::move(topic)]() -> asio::awaitable<Result<admin::TopicGroupsResult>> {
        std::vector<std::string> topics{topic};  // brokers and this topic's partitions
        auto metadata = co_await impl->fresh_metadata(topics);
        if (!metadata) co_return std::move(metadata).error();
        co_return co_await admin::topic_consumer_groups(impl->pool, *metadata, topic);
    };
    impl_->spawn<admin::TopicGroupsResult>(std::move(done), std::move(task));
}

Result<Engine::LagMonitorId> Engine::start_lag_monitor(monitor::LagMonitorConfig config,
                                                       std::function<void(monitor::LagSnapshot)> on_snapshot) {
    auto created = monitor::LagMonitor::create(impl_->io.get_executor(), impl_->pool, std::move(config),
                                               std::move(on_snapshot));
    if (!created) return std::move(created).error();
    const LagMonitorId id = impl_->next_lag_monitor++;
    asio::post(impl_->io, [impl = impl_.get(), id, m = std::move(created).value()] {
        impl->lag_monitors[id] = m;
        m->start();
    });
    return id;
}

void Engine::stop_lag_monitor(LagMonitorId id) {
    asio::post(impl_->io, [impl = impl_.get(), id] {
        if (auto it = impl->lag_monitors.find(id); it != impl->lag_monitors.end()) {
            it->second->stop();
            impl->lag_monitors.erase(it);
        }
    });
}

void Engine::stop_lag_monitor_sync(LagMonitorId id) {
    std::promise<void> stopped;
    auto future = stopped.get_future();
    asio::post(impl_->io, [impl = impl_.get(), id, &stopped] {
        if (auto it = impl->lag_monitors.find(id); it != impl->lag_monitors.end()) {
            it->second->stop();
            impl->lag_monitors.erase(it);
        }
        stopped.set_value();
    });
    future.get();
}

Result<admin::GroupListingResult> Engine::list_groups_sync(std::vector<std::string> states) {
    return wait_for<admin::GroupListingResult>([&](auto cb) { list_groups(std::move(cb), std::move(states)); });
}

Result<std::vector<admin::GroupDescription>> Engine::describe_groups_sync(std::vector<std::string> groups) {
    return wait_for<std::vector<admin::GroupDescription>>(
        [&](auto cb) { describe_groups(std::move(cb), std::move(groups)); });
}

Result<std::vector<admin::GroupOffsets>> Engine::groups_committed_offsets_sync(std::vector<std::string> groups) {
    return wait_for<std::vector<admin::GroupOffsets>>(
        [&](auto cb) { groups_committed_offsets(std::move(cb), std::move(groups)); });
}

Result<std::vector<admin::GroupDeletion>> Engine::delete_groups_sync(std::vector<std::string> groups) {
    return wait_for<std::vector<admin::GroupDeletion>>(
        [&](auto cb) { delete_groups(std::move(cb), std::move(groups)); });
}

Result<std::vector<admin::OffsetDeletion>> Engine::delete_group_offsets_sync(
    std::string group, std::vector<consumer::TopicPartitions> partitions) {
    return wait_for<std::vector<admin::OffsetDeletion>>(
        [&](auto cb) { delete_group_offsets(std::move(cb), std::move(group), std::move(partitions)); });
}

Result<admin::ResetResult> Engine::reset_group_offsets_sync(admin::ResetSpec spec, bool execute) {
    return wait_for<admin::ResetResult>(
        [&](auto cb) { reset_group_offsets(std::move(cb), std::move(spec), execute); });
}

Result<admin::ResetResult> Engine::execute_reset_plan_sync(admin::ResetResult plan) {
    return wait_for<admin::ResetResult>([&](auto cb) { execute_reset_plan(std::move(cb), std::move(plan)); });
}

Result<admin::TopicGroupsResult> Engine::topic_consumer_groups_sync(std::string topic) {
    return wait_for<admin::TopicGroupsResult>([&](auto cb) { topic_consumer_groups(std::move(cb), std::move(topic)); });
}

// ---- end of consumer-group admin and lag monitor ----

}  // namespace kafkascope
