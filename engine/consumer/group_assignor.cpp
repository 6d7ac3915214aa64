#include "consumer/group_assignor.h"

#include <algorithm>
#include <set>

#include "protocol/wire_reader.h"
#include "protocol/wire_writer.h"

namespace kafkascope::consumer {

namespace {

void write_topic_partitions(protocol::WireWriter& w, const std::vector<TopicPartitions>& list) {
    w.array_length(static_cast<std::int32_t>(list.size()), false);
    for (const TopicPartitions& tp : list) {
        w.string(tp.topic);
        w.array_length(static_cast<std::int32_t>(tp.partitions.size()), false);
        for (std::int32_t p : tp.partitions) w.i32(p);
    }
}

std::vector<TopicPartitions> read_topic_partitions(protocol::WireReader& r) {
    std::vector<TopicPartitions> out;
    std::int32_t n = r.array_length(false);
    for (std::int32_t i = 0; i < n && r.ok(); ++i) {
        TopicPartitions tp;
        tp.topic = r.string();
        std::int32_t m = r.array_length(false);
        for (std::int32_t j = 0; j < m && r.ok(); ++j) tp.partitions.push_back(r.i32());
        out.push_back(std::move(tp));
    }
    return out;
}

Error decode_error(const char* what, const protocol::WireReader& r) {
    return Error(client_errc::decode_failed, std::string("consumer protocol ") + what + ": " + r.error());
}

// Members sorted by id: both Java assignors order by member id.
std::vector<const GroupMember*> sorted_members(const std::vector<GroupMember>& members) {
    std::vector<const GroupMember*> out;
    for (const GroupMember& m : members) out.push_back(&m);
    std::sort(out.begin(), out.end(),
              [](const GroupMember* a, const GroupMember* b) { return a->member_id < b->member_id; });
    return out;
}

bool subscribed(const GroupMember& m, const std::string& topic) {
    return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
}

GroupPlan empty_plan(const std::vector<GroupMember>& members) {
    GroupPlan plan;
    for (const GroupMember& m : members) plan[m.member_id];
    return plan;
}

}  // namespace

protocol::Bytes encode_subscription(const GroupSubscription& s) {
    protocol::WireWriter w;
    w.i16(s.version);
    w.array_length(static_cast<std::int32_t>(s.topics.size()), false);
    for (const std::string& t : s.topics) w.string(t);
    w.nullable_bytes(s.user_data);
    if (s.version >= 1) write_topic_partitions(w, s.owned_partitions);
    return w.take();
}

Result<GroupSubscription> decode_subscription(const protocol::Bytes& data) {
    protocol::WireReader r(data);
    GroupSubscription s;
    s.version = r.i16();
    std::int32_t n = r.array_length(false);
    for (std::int32_t i = 0; i < n && r.ok(); ++i) s.topics.push_back(r.string());
    s.user_data = r.nullable_bytes();
    // Java reads v1+ fields only when present: some clients send version 1
    // headers with v0 bodies.
    if (s.version >= 1 && r.remaining() > 0) s.owned_partitions = read_topic_partitions(r);
    if (!r.ok()) return decode_error("subscription", r);
    return s;
}

protocol::Bytes encode_assignment(const GroupAssignment& a) {
    protocol::WireWriter w;
    w.i16(a.version);
    write_topic_partitions(w, a.partitions);
    w.nullable_bytes(a.user_data);
    return w.take();
}

Result<GroupAssignment> decode_assignment(const protocol::Bytes& data) {
    GroupAssignment a;
    if (data.empty()) return a;
    protocol::WireReader r(data);
    a.version = r.i16();
    a.partitions = read_topic_partitions(r);
    // user_data may be missing in assignments from old clients.
    if (r.ok() && r.remaining() > 0) a.user_data = r.nullable_bytes();
    if (!r.ok()) return decode_error("assignment", r);
    return a;
}

GroupPlan assign_range(const std::vector<GroupMember>& members,
                       const std::map<std::string, std::int32_t>& partition_counts) {
    GroupPlan plan = empty_plan(members);
    const auto sorted = sorted_members(members);
    for (const auto& [topic, count] : partition_counts) {
        std::vector<const GroupMember*> consumers;
        for (const GroupMember* m : sorted) {
            if (subscribed(*m, topic)) consumers.push_back(m);
        }
        if (consumers.empty() || count <= 0) continue;
        const auto n = static_cast<std::int32_t>(consumers.size());
        const std::int32_t per = count / n;
        const std::int32_t extra = count % n;
        for (std::int32_t i = 0; i < n; ++i) {
            const std::int32_t start = per * i + std::min(i, extra);
            const std::int32_t length = per + (i < extra ? 1 : 0);
            if (length == 0) continue;
            auto& out = plan[consumers[static_cast<std::size_t>(i)]->member_id][topic];
            for (std::int32_t p = start; p < start + length; ++p) out.push_back(p);
        }
    }
    return plan;
}

GroupPlan assign_round_robin(const std::vector<GroupMember>& members,
                             const std::map<std::string, std::int32_t>& partition_counts) {
    GroupPlan plan = empty_plan(members);
    const auto sorted = sorted_members(members);
    if (sorted.empty()) return plan;
    std::set<std::string> topics;  // union of subscriptions, sorted
    for (const GroupMember& m : members) topics.insert(m.topics.begin(), m.topics.end());
    std::size_t next = 0;  // the circular iterator over members
    for (const std::string& topic : topics) {
        auto count = partition_counts.find(topic);
        if (count == partition_counts.end()) continue;  // unknown topic: nothing to deal
        for (std::int32_t p = 0; p < count->second; ++p) {
            // Someone subscribes to `topic` (it came from a subscription), so
            // this ends within one lap.
            while (!subscribed(*sorted[next % sorted.size()], topic)) ++next;
            plan[sorted[next % sorted.size()]->member_id][topic].push_back(p);
            ++next;
        }
    }
    return plan;
}

Result<GroupPlan> assign(const std::string& protocol_name, const std::vector<GroupMember>& members,
                         const std::map<std::string, std::int32_t>& partition_counts) {
    if (protocol_name == kRangeAssignor) return assign_range(members, partition_counts);
    if (protocol_name == kRoundRobinAssignor) return assign_round_robin(members, partition_counts);
    if (protocol_name == kCooperativeStickyAssignor) return assign_cooperative_sticky(members, partition_counts);
    return Error(client_errc::invalid_argument, "unknown group assignor \"" + protocol_name + "\"");
}

GroupAssignment to_assignment(const std::map<std::string, std::vector<std::int32_t>>& plan) {
    GroupAssignment a;
    for (const auto& [topic, partitions] : plan) a.partitions.push_back({topic, partitions});
    return a;
}

}  // namespace kafkascope::consumer
