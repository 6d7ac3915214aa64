#include "admin/offset_reset.h"

#include <algorithm>

#include "admin/admin_errors.h"
#include "admin/group_description.h"
#include "admin/timestamp_offsets.h"
#include "cluster/broker_pool.h"
#include "cluster/offsets_client.h"
#include "consumer/group_offsets.h"

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // see consumer/group_membership.cpp
#endif

namespace kafkascope::admin {
namespace {

Error refused(const std::string& group, const std::string& why) {
    return Error(protocol::make_kafka_error_code(kNonEmptyGroup),
                 "group " + group + " has active members (" + why +
                     "): stop its consumers before resetting its offsets");
}

// Commits back offsets the group already has: accepted only while the group
// has no active members. Returns the refusal, or an empty error.
asio::awaitable<Error> probe_with_recommit(cluster::BrokerPool& pool, const std::string& group,
                                           const std::vector<consumer::CommittedOffset>& committed,
                                           std::string& how) {
    std::vector<consumer::OffsetToCommit> same;
    for (const auto& c : committed) {
        if (!c.error && c.offset >= 0) {
            same.push_back({c.topic, c.partition, c.offset, c.metadata});
            break;  // one partition is enough
        }
    }
    if (same.empty()) {
        how = "not checked before the commit (no DescribeGroups, nothing committed to probe with); the "
              "coordinator refuses the commit itself while members are active";
        co_return Error{};
    }
    const consumer::GroupGeneration nobody;  // named: no braced temporary in co_await (GCC 12)
    auto result = co_await consumer::commit_group_offsets(pool, group, same, nobody);
    if (!result) co_return std::move(result).error();
    for (const auto& r : *result) {
        if (means_active_members(r.error)) co_return refused(group, r.error.message);
        if (r.error) co_return r.error;
    }
    how = "generation -1 commit of an unchanged offset (" + same.front().topic + "/" +
          std::to_string(same.front().partition) + ") accepted: no active members";
    co_return Error{};
}

// Refuses a group DescribeGroups shows with members. `known` tells whether
// the coordinator could describe it at all (the librdkafka mock cannot).
asio::awaitable<Error> check_no_members(cluster::BrokerPool& pool, const std::string& group, bool& known,
                                        std::string& how) {
    std::vector<std::string> one{group};
    auto described = co_await describe_groups(pool, one);
    known = false;
    if (described.empty() || described.front().error) co_return Error{};
    const GroupDescription& d = described.front();
    if (has_active_members(d)) {
        co_return refused(group, std::to_string(d.members.size()) + " member(s), state " + d.state);
    }
    known = true;
    how = "DescribeGroups: state " + (d.state.empty() ? std::string("unknown") : d.state) + ", no members";
    co_return Error{};
}

// Commits exactly the rows of `result` with generation -1, or nothing when a
// row cannot be reset; marks the result executed. A coordinator that answers
// the commit as from a live group refuses it.
asio::awaitable<Error> commit_table(cluster::BrokerPool& pool, ResetResult& result, bool membership_known) {
    std::vector<consumer::OffsetToCommit> table;
    for (const ResetRow& row : result.rows) {
        if (row.error) co_return Error(row.error.code, "nothing committed: " + row.error.message);
        table.push_back({row.topic, row.partition, row.after, {}});
    }
    const consumer::GroupGeneration nobody;  // generation -1, no member id
    auto commit = co_await consumer::commit_group_offsets(pool, result.spec.group, table, nobody);
    if (!commit) co_return std::move(commit).error();
    for (const auto& c : *commit) {
        if (means_active_members(c.error)) co_return refused(result.spec.group, c.error.message);
    }
    if (!membership_known) result.membership_check = "the coordinator accepted a generation -1 commit: no active members";
    for (ResetRow& row : result.rows) {
        for (const auto& c : *commit) {
            if (c.topic == row.topic && c.partition == row.partition && c.error) row.error = c.error;
        }
    }
    result.executed = true;
    co_return Error{};
}

}  // namespace

asio::awaitable<Result<ResetResult>> reset_group_offsets(cluster::BrokerPool& pool, const ClusterMetadata& metadata,
                                                         ResetSpec spec, bool execute) {
    ResetResult result;
    const TopicInfo* topic = metadata.find_topic(spec.topic);
    if (!topic || topic->error_code != 0) {
        co_return Error(client_errc::unknown_topic, "topic '" + spec.topic + "' does not exist");
    }
    std::vector<std::int32_t> partitions = spec.partitions;
    if (partitions.empty()) {
        for (const PartitionInfo& p : topic->partitions) partitions.push_back(p.partition);
    }
    for (std::int32_t p : partitions) {
        const bool known = std::any_of(topic->partitions.begin(), topic->partitions.end(),
                                       [p](const PartitionInfo& i) { return i.partition == p; });
        if (!known) {
            co_return Error(client_errc::invalid_argument, "topic '" + spec.topic + "' has no partition " +
                                                               std::to_string(p) + " (it has " +
                                                               std::to_string(topic->partitions.size()) + ")");
        }
    }

    // 1. Members, where the coordinator can describe the group.
    bool membership_known = false;
    if (Error busy = co_await check_no_members(pool, spec.group, membership_known, result.membership_check)) {
        co_return busy;
    }

    // 2. Bounds, committed offsets and (for a time) offsets by timestamp.
    std::vector<std::string> topics{spec.topic};
    auto bounds = co_await cluster::fetch_partition_offsets(pool, metadata, topics);
    std::vector<consumer::TopicPartitions> wanted{{spec.topic, partitions}};
    auto committed = co_await consumer::fetch_group_offsets(pool, spec.group, wanted);
    if (!committed) co_return std::move(committed).error();
    std::map<std::int32_t, Result<std::int64_t>> by_time;
    if (spec.kind == ResetKind::timestamp) {
        by_time = co_await offsets_for_timestamp(pool, metadata, spec.topic, partitions, spec.value);
    }

    for (std::int32_t p : partitions) {
        ResetRow row;
        row.topic = spec.topic;
        row.partition = p;
        ResetInputs in;
        for (const PartitionOffsets& b : bounds) {
            if (b.topic != spec.topic || b.partition != p) continue;
            if (b.error) row.error = b.error;
            in.log_start = b.first;
            in.log_end = b.last;
        }
        for (const auto& c : *committed) {
            if (c.topic != spec.topic || c.partition != p) continue;
            if (c.error && !row.error) row.error = c.error;
            in.committed = c.offset;
        }
        if (auto t = by_time.find(p); t != by_time.end()) {
            if (t->second) {
                in.timestamp_offset = *t->second;
            } else if (!row.error) {
                row.error = t->second.error();
            }
        }
        if (!row.error) plan_reset_row(spec.kind, spec.value, in, row);
        result.rows.push_back(std::move(row));
    }

    // 3. Without DescribeGroups: the coordinator's own check.
    if (!membership_known && !execute) {
        Error probe = co_await probe_with_recommit(pool, spec.group, *committed, result.membership_check);
        if (probe) co_return probe;
    }
    result.spec = std::move(spec);
    if (!execute) co_return result;

    // 4. Commit exactly the table, or nothing.
    if (Error failed = co_await commit_table(pool, result, membership_known)) co_return failed;
    co_return result;
}

asio::awaitable<Result<ResetResult>> execute_reset_plan(cluster::BrokerPool& pool, ResetResult plan) {
    if (plan.executed) {
        co_return Error(client_errc::invalid_argument,
                        "the reset of group " + plan.spec.group + " was already executed: preview it again");
    }
    if (plan.rows.empty()) {
        co_return Error(client_errc::invalid_argument, "the reset plan of group " + plan.spec.group + " is empty");
    }
    bool membership_known = false;
    if (Error busy = co_await check_no_members(pool, plan.spec.group, membership_known, plan.membership_check)) {
        co_return busy;
    }
    if (Error failed = co_await commit_table(pool, plan, membership_known)) co_return failed;
    co_return plan;
}

}  // namespace kafkascope::admin
