#include "monitor/lag_monitor.h"

#include <algorithm>
#include <chrono>
#include <set>

#include <asio/co_spawn.hpp>
#include <asio/detached.hpp>
#include <asio/experimental/as_tuple.hpp>
#include <asio/use_awaitable.hpp>

#include "admin/group_description.h"
#include "admin/group_listing.h"
#include "admin/group_offsets_batch.h"
#include "cluster/broker_pool.h"
#include "cluster/metadata_client.h"
#include "cluster/offsets_client.h"
#include "consumer/fetcher.h"

// GCC 12 inlines asio's awaitable frame allocation into long coroutines and
// reports a false -Wmismatched-new-delete (see consumer/group_membership.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

namespace kafkascope::monitor {
namespace {

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const PartitionInfo* find_partition(const ClusterMetadata& metadata, const std::string& topic, std::int32_t p) {
    const TopicInfo* t = metadata.find_topic(topic);
    if (!t) return nullptr;
    for (const PartitionInfo& i : t->partitions) {
        if (i.partition == p) return &i;
    }
    return nullptr;
}

}  // namespace

Result<std::shared_ptr<LagMonitor>> LagMonitor::create(asio::any_io_executor executor, cluster::BrokerPool& pool,
                                                       LagMonitorConfig config, Sink sink) {
    if (config.interval.count() <= 0) {
        return Error(client_errc::invalid_argument, "lag monitor: the interval must be positive");
    }
    if (config.rules.window < 2) {
        return Error(client_errc::invalid_argument, "lag monitor: the status window needs at least 2 polls");
    }
    if (config.history_capacity < config.rules.window) config.history_capacity = config.rules.window;
    return std::shared_ptr<LagMonitor>(new LagMonitor(std::move(executor), pool, std::move(config), std::move(sink)));
}

LagMonitor::LagMonitor(asio::any_io_executor executor, cluster::BrokerPool& pool, LagMonitorConfig config, Sink sink)
    : executor_(executor), pool_(pool), config_(std::move(config)), sink_(std::move(sink)), timer_(executor) {}

void LagMonitor::start() {
    if (running_ || stopped_) return;
    running_ = true;
    asio::co_spawn(
        executor_, [self = shared_from_this()]() -> asio::awaitable<void> { co_await self->run(); }, asio::detached);
}

void LagMonitor::stop() {
    stopped_ = true;
    timer_.cancel();
}

asio::awaitable<void> LagMonitor::run() {
    while (!stopped_) {
        const auto started = std::chrono::steady_clock::now();
        LagSnapshot snapshot = co_await poll_once();
        if (stopped_) break;
        if (sink_) sink_(std::move(snapshot));
        timer_.expires_at(started + config_.interval);
        co_await timer_.async_wait(asio::experimental::as_tuple(asio::use_awaitable));
    }
}

asio::awaitable<LagSnapshot> LagMonitor::poll_once() {
    const auto started = std::chrono::steady_clock::now();
    LagSnapshot snap;
    snap.cycle = ++cycle_;
    snap.time_ms = wall_ms();
    auto finish = [&] {
        snap.requests = snap.list_offsets_requests + snap.offset_fetch_requests + snap.other_requests;
        snap.duration = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    };

    // 1. Metadata: routes for ListOffsets and the brokers for ListGroups.
    cluster::TopicSelection all{{}, false};
    ++snap.other_requests;
    auto metadata = co_await cluster::fetch_metadata(pool_, std::move(all));
    if (!metadata) {
        snap.error = metadata.error();
        finish();
        co_return snap;
    }

    // 2. Which groups.
    std::vector<std::string> groups = config_.groups;
    std::map<std::string, std::string> listed_state;
    if (groups.empty()) {
        std::vector<std::string> no_filter;
        auto listing = co_await admin::list_groups(pool_, *metadata, no_filter);
        snap.other_requests += listing.brokers_asked;
        snap.failures = listing.failures;
        for (const auto& g : listing.groups) {
            if (g.protocol_type == "consumer" || g.protocol_type.empty()) {
                groups.push_back(g.group_id);
                listed_state[g.group_id] = g.state;
            }
        }
        if (listing.groups.empty() && !listing.failures.empty() &&
            static_cast<int>(listing.failures.size()) == listing.brokers_asked) {
            snap.error = Error(listing.failures.front().error.code,
                               "no group named and no broker could list groups: " +
                                   listing.failures.front().error.message);
            finish();
            co_return snap;
        }
    }
    std::sort(groups.begin(), groups.end());
    groups.erase(std::unique(groups.begin(), groups.end()), groups.end());

    // 3. State and members, where the coordinators can describe groups.
    std::map<std::string, admin::GroupDescription> described;
    if (config_.describe_groups && !describe_unsupported_ && !groups.empty()) {
        auto descriptions = co_await admin::describe_groups(pool_, groups, coordinators_, &snap.other_requests);
        bool any_unsupported = false, any_ok = false;
        for (auto& d : descriptions) {
            if (!d.error) {
                any_ok = true;
                described[d.group_id] = std::move(d);
            } else if (d.error.code == make_error_code(client_errc::unsupported_version)) {
                any_unsupported = true;
            }
        }
        if (any_unsupported && !any_ok) describe_unsupported_ = true;  // stop asking
    }

    // 4. Committed offsets of every group, one request per coordinator.
    std::vector<consumer::TopicPartitions> every_partition;
    for (const TopicInfo& t : metadata->topics) {
        if (t.is_internal || t.error_code != 0) continue;
        consumer::TopicPartitions tp{t.name, {}};
        for (const PartitionInfo& p : t.partitions) tp.partitions.push_back(p.partition);
        every_partition.push_back(std::move(tp));
    }
    auto offsets = co_await admin::fetch_groups_offsets(pool_, groups, coordinators_, &every_partition);
    snap.offset_fetch_requests += offsets.offset_fetch_requests;
    snap.other_requests += offsets.find_coordinator_requests;

    // 5. Bounds of every committed topic, one ListOffsets per leader and kind.
    std::set<std::string> topic_set;
    for (const auto& g : offsets.groups) {
        for (const auto& c : g.offsets) topic_set.insert(c.topic);
    }
    std::vector<std::string> topics(topic_set.begin(), topic_set.end());
    std::vector<PartitionOffsets> bounds;
    if (!topics.empty()) {
        std::set<std::int32_t> leaders;
        for (const std::string& t : topics) {
            if (const TopicInfo* info = metadata->find_topic(t)) {
                for (const PartitionInfo& p : info->partitions) {
                    if (p.leader >= 0) leaders.insert(p.leader);
                }
            }
        }
        snap.list_offsets_requests += 2 * static_cast<int>(leaders.size());
        bounds = co_await cluster::fetch_partition_offsets(pool_, *metadata, topics);
    }
    std::map<std::pair<std::string, std::int32_t>, const PartitionOffsets*> bound_of;
    for (const PartitionOffsets& b : bounds) bound_of[{b.topic, b.partition}] = &b;

    // 6. Per partition: history, lag, time lag, status.
    std::vector<PartitionLag*> exact_candidates;
    for (auto& g : offsets.groups) {
        GroupLag group;
        group.group_id = g.group_id;
        group.error = g.error;
        std::map<std::pair<std::string, std::int32_t>, std::string> owner_of;
        MemberActivity activity = MemberActivity::unknown;
        if (auto d = described.find(g.group_id); d != described.end()) {
            group.state = d->second.state;
            group.members = static_cast<int>(d->second.members.size());
            activity = admin::has_active_members(d->second) ? MemberActivity::active : MemberActivity::none;
            for (const auto& m : d->second.members) {
                for (const auto& tp : m.assignment) {
                    for (std::int32_t p : tp.partitions) owner_of[{tp.topic, p}] = m.member_id;
                }
            }
        } else if (auto s = listed_state.find(g.group_id); s != listed_state.end()) {
            group.state = s->second;
        }
        std::set<std::string> group_topics;
        for (const auto& c : g.offsets) {
            PartitionLag p;
            p.topic = c.topic;
            p.partition = c.partition;
            p.committed = c.offset;
            p.error = c.error;
            group_topics.insert(c.topic);
            if (auto b = bound_of.find({c.topic, c.partition}); b != bound_of.end()) {
                if (b->second->error && !p.error) p.error = b->second->error;
                if (!b->second->error) {
                    p.log_start = b->second->first;
                    p.log_end = b->second->last;
                }
            }
            if (auto o = owner_of.find({c.topic, c.partition}); o != owner_of.end()) p.owner = o->second;
            PartitionState& state = states_.try_emplace(Key{g.group_id, c.topic, c.partition},
                                                        PartitionState{LagHistory(config_.history_capacity), 0})
                                        .first->second;
            state.seen_cycle = snap.cycle;
            const LagSample sample{snap.time_ms, p.log_end, p.committed};
            state.history.push(sample);
            p.lag = sample.lag();
            p.below_log_start = p.committed >= 0 && p.log_start >= 0 && p.committed < p.log_start;
            p.time_lag = interpolate_time_lag(state.history, p.committed, snap.time_ms);
            p.catch_up_seconds = catch_up_seconds(state.history, config_.rate_window);
            auto window = state.history.last(config_.rules.window);
            p.status = evaluate_partition(window, activity, config_.rules);
            if (config_.history_in_snapshot) p.history = state.history.last(state.history.size());
            group.total_lag += std::max<std::int64_t>(p.lag, 0);
            group.max_lag = std::max(group.max_lag, p.lag);
            group.status = worse(group.status, p.status);
            group.partitions.push_back(std::move(p));
        }
        group.topics.assign(group_topics.begin(), group_topics.end());
        LagHistory& totals =
            group_totals_.try_emplace(g.group_id, LagHistory(config_.history_capacity)).first->second;
        if (!group.error) totals.push(LagSample{snap.time_ms, group.total_lag, -1});
        for (std::size_t i = 0; i < totals.size(); ++i) {
            group.total_lag_history.emplace_back(totals.at(i).time_ms, totals.at(i).end);
        }
        snap.groups.push_back(std::move(group));
    }
    for (auto& group : snap.groups) {
        for (auto& p : group.partitions) {
            if (p.lag > 0 && !p.error) exact_candidates.push_back(&p);
        }
    }

    // 7. Exact mode: the record at the committed offset carries its time.
    if (config_.exact_time_lag) {
        std::sort(exact_candidates.begin(), exact_candidates.end(),
                  [](const PartitionLag* a, const PartitionLag* b) { return a->lag > b->lag; });
        if (exact_candidates.size() > config_.exact_max_partitions) {
            exact_candidates.resize(config_.exact_max_partitions);
        }
        for (PartitionLag* p : exact_candidates) {
            const PartitionInfo* info = find_partition(*metadata, p->topic, p->partition);
            if (!info || info->leader < 0) continue;
            auto conn = co_await pool_.connect_node(info->leader);
            if (!conn) continue;
            consumer::FetchParams params;
            params.topic = p->topic;
            params.topic_id = metadata->find_topic(p->topic)->topic_id;
            params.partition = p->partition;
            params.offset = std::max(p->committed, p->log_start);
            params.max_bytes = 64 * 1024;
            params.max_wait = std::chrono::milliseconds(100);
            ++snap.other_requests;
            auto fetched = co_await consumer::fetch_partition(**conn, params);
            if (!fetched || fetched->messages.empty()) continue;
            const double age = static_cast<double>(snap.time_ms - fetched->messages.front().timestamp_ms) / 1000.0;
            p->time_lag = TimeLag{std::max(0.0, age), TimeLagQuality::exact};
        }
    }
    for (auto& group : snap.groups) {
        for (const auto& p : group.partitions) {
            if (p.time_lag && (!group.max_time_lag_seconds || p.time_lag->seconds > *group.max_time_lag_seconds)) {
                group.max_time_lag_seconds = p.time_lag->seconds;
            }
        }
    }

    // Partitions no longer reported (group deleted, offsets expired) stop costing memory.
    std::erase_if(states_, [&](const auto& kv) { return kv.second.seen_cycle != snap.cycle; });
    finish();
    co_return snap;
}

}  // namespace kafkascope::monitor
