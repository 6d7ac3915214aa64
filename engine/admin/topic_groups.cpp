#include "admin/topic_groups.h"

#include <algorithm>
#include <map>

#include "admin/admin_errors.h"
#include "admin/group_listing.h"
#include "admin/group_offsets_batch.h"
#include "cluster/broker_pool.h"
#include "cluster/group_coordinators.h"
#include "cluster/offsets_client.h"

namespace kafkascope::admin {
namespace {

bool coordinator_moved(const Error& e) {
    return e && e.code.category() == protocol::kafka_category() && is_coordinator_error(
                                                                       static_cast<std::int16_t>(e.code.value()));
}

// The group's commits on `topic` (an entry with an error counts: a commit may
// be pending), or none when it does not read it.
TopicGroupLag topic_commits(const GroupOffsets& offsets, const std::string& topic) {
    TopicGroupLag out;
    out.group_id = offsets.group_id;
    for (const consumer::CommittedOffset& c : offsets.offsets) {
        if (c.topic != topic || (c.offset < 0 && !c.error)) continue;
        out.partitions.push_back({c.partition, c.offset, -1, -1, c.error});
    }
    std::sort(out.partitions.begin(), out.partitions.end(),
              [](const auto& a, const auto& b) { return a.partition < b.partition; });
    return out;
}

void apply_end_offsets(TopicGroupLag& group, const std::map<std::int32_t, const PartitionOffsets*>& ends,
                       const std::string& topic) {
    for (TopicGroupPartition& p : group.partitions) {
        auto it = ends.find(p.partition);
        if (it == ends.end()) {
            if (!p.error) {
                p.error = Error(client_errc::unknown_topic, "group " + group.group_id + " committed to " + topic +
                                                                "/" + std::to_string(p.partition) +
                                                                ", which the metadata does not list");
            }
        } else if (it->second->error) {
            if (!p.error) p.error = it->second->error;
        } else {
            p.end = it->second->last;
        }
        p.lag = partition_lag(p.committed, p.end);
        if (p.lag >= 0) {
            group.total_lag += p.lag;
            group.max_lag = std::max(group.max_lag, p.lag);
        }
    }
}

}  // namespace

std::int64_t partition_lag(std::int64_t committed, std::int64_t end) {
    if (committed < 0 || end < 0) return -1;
    return end > committed ? end - committed : 0;
}

asio::awaitable<Result<TopicGroupsResult>> topic_consumer_groups(cluster::BrokerPool& pool,
                                                                 const ClusterMetadata& metadata,
                                                                 std::string topic) {
    const TopicInfo* info = metadata.find_topic(topic);
    if (!info || info->error_code != 0) {
        co_return Error(client_errc::unknown_topic, "topic '" + topic + "' does not exist");
    }
    TopicGroupsResult result;
    result.topic = topic;

    std::vector<std::string> every_state;  // named: no braced temporary in co_await (GCC 12)
    GroupListingResult listing = co_await list_groups(pool, metadata, every_state);
    result.failures = std::move(listing.failures);
    result.brokers_asked = listing.brokers_asked;
    result.groups_listed = static_cast<int>(listing.groups.size());
    if (listing.groups.empty()) co_return result;

    // Each group's coordinator is the broker that listed it: no
    // FindCoordinator unless one moved since.
    cluster::CoordinatorMap coordinators;
    std::vector<std::string> ids;
    std::map<std::string, const GroupListing*> listed;
    for (const GroupListing& g : listing.groups) {
        ids.push_back(g.group_id);
        listed[g.group_id] = &g;
        if (g.coordinator >= 0) coordinators.node_of[g.group_id] = g.coordinator;
    }
    // Ask for this topic's partitions only, not "everything committed":
    // smaller answers, and no second round on coordinators that cannot
    // answer a null topic list. fetch_groups_offsets sends explicit lists to
    // the coordinators in no_null_topics.
    for (const BrokerInfo& b : metadata.brokers) coordinators.no_null_topics.insert(b.node_id);
    std::vector<consumer::TopicPartitions> wanted(1);
    wanted[0].topic = topic;
    for (const PartitionInfo& p : info->partitions) wanted[0].partitions.push_back(p.partition);

    GroupOffsetsBatch batch = co_await fetch_groups_offsets(pool, ids, coordinators, &wanted);
    result.offset_fetch_requests += batch.offset_fetch_requests;
    result.find_coordinator_requests += batch.find_coordinator_requests;
    // Groups whose coordinator moved: once more, after FindCoordinator.
    std::vector<std::string> moved;
    for (const GroupOffsets& g : batch.groups) {
        if (coordinator_moved(g.error)) moved.push_back(g.group_id);
    }
    if (!moved.empty()) {
        GroupOffsetsBatch again = co_await fetch_groups_offsets(pool, moved, coordinators, &wanted);
        result.offset_fetch_requests += again.offset_fetch_requests;
        result.find_coordinator_requests += again.find_coordinator_requests;
        for (GroupOffsets& g : again.groups) {
            auto it = std::find_if(batch.groups.begin(), batch.groups.end(),
                                   [&](const GroupOffsets& old) { return old.group_id == g.group_id; });
            if (it != batch.groups.end()) *it = std::move(g);
        }
    }

    for (const GroupOffsets& g : batch.groups) {
        if (g.error) {
            result.group_failures.push_back({g.group_id, g.error});
            continue;
        }
        TopicGroupLag lag = topic_commits(g, topic);
        if (lag.partitions.empty()) continue;  // does not read this topic
        if (auto it = listed.find(g.group_id); it != listed.end()) {
            lag.state = it->second->state;
            lag.protocol_type = it->second->protocol_type;
        }
        result.groups.push_back(std::move(lag));
    }
    if (result.groups.empty()) co_return result;

    std::vector<std::string> topics{topic};
    std::vector<PartitionOffsets> ends = co_await cluster::fetch_partition_offsets(pool, metadata, topics);
    std::map<std::int32_t, const PartitionOffsets*> end_of;
    for (const PartitionOffsets& p : ends) {
        if (p.topic == topic) end_of[p.partition] = &p;
    }
    for (TopicGroupLag& g : result.groups) apply_end_offsets(g, end_of, topic);
    co_return result;
}

}  // namespace kafkascope::admin
