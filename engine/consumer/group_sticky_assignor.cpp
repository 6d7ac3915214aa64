// The cooperative-sticky assignor (see group_assignor.h). Three passes:
//   1. keep:  members, most-owning first, keep what they own that still
//             exists and that they still subscribe to, up to their share
//             (total / members, one more for the first total % members);
//   2. fill:  every partition nobody kept goes to the subscribed member
//             holding the fewest, ties to the lower member id;
//   3. defer: a partition planned for one member while another still owns
//             it is left out (KIP-429): the owner revokes it and rejoins, and
//             the next round, in which nobody owns it, hands it over.

#include <algorithm>
#include <set>

#include "consumer/group_assignor.h"

namespace kafkascope::consumer {

namespace {

using TopicPartition = std::pair<std::string, std::int32_t>;

bool subscribes(const GroupMember& m, const std::string& topic) {
    return std::find(m.topics.begin(), m.topics.end(), topic) != m.topics.end();
}

std::size_t owned_count(const GroupMember& m) {
    std::size_t n = 0;
    for (const TopicPartitions& tp : m.owned) n += tp.partitions.size();
    return n;
}

}  // namespace

GroupPlan assign_cooperative_sticky(const std::vector<GroupMember>& members,
                                    const std::map<std::string, std::int32_t>& partition_counts) {
    GroupPlan plan;
    for (const GroupMember& m : members) plan[m.member_id];
    if (members.empty()) return plan;

    // Every partition of a topic someone subscribes to.
    std::set<TopicPartition> all;
    for (const auto& entry : partition_counts) {  // not a structured binding: clang 14 cannot capture those
        const std::string& topic = entry.first;
        const auto count = entry.second;
        const bool wanted =
            std::any_of(members.begin(), members.end(), [&](const GroupMember& m) { return subscribes(m, topic); });
        if (!wanted) continue;
        for (std::int32_t p = 0; p < count; ++p) all.insert({topic, p});
    }

    std::vector<const GroupMember*> order;
    for (const GroupMember& m : members) order.push_back(&m);
    std::sort(order.begin(), order.end(), [](const GroupMember* a, const GroupMember* b) {
        const auto na = owned_count(*a), nb = owned_count(*b);
        return na != nb ? na > nb : a->member_id < b->member_id;
    });

    // 1. keep
    const std::size_t share = all.size() / members.size();
    std::size_t one_more = all.size() % members.size();
    std::map<std::string, std::size_t> load;
    std::set<TopicPartition> taken;
    for (const GroupMember* m : order) {
        std::vector<TopicPartition> keep;
        for (const TopicPartitions& tp : m->owned) {
            if (!subscribes(*m, tp.topic)) continue;
            for (std::int32_t p : tp.partitions) {
                const TopicPartition key{tp.topic, p};
                if (all.count(key) && !taken.count(key)) keep.push_back(key);
            }
        }
        std::sort(keep.begin(), keep.end());
        keep.erase(std::unique(keep.begin(), keep.end()), keep.end());
        std::size_t limit = share + (one_more > 0 ? 1 : 0);
        if (keep.size() < limit) limit = keep.size();
        if (limit > share) --one_more;
        for (std::size_t i = 0; i < limit; ++i) {
            taken.insert(keep[i]);
            plan[m->member_id][keep[i].first].push_back(keep[i].second);
        }
        load[m->member_id] = limit;
    }

    // 2. fill
    std::vector<const GroupMember*> by_id;
    for (const GroupMember& m : members) by_id.push_back(&m);
    std::sort(by_id.begin(), by_id.end(),
              [](const GroupMember* a, const GroupMember* b) { return a->member_id < b->member_id; });
    for (const TopicPartition& key : all) {
        if (taken.count(key)) continue;
        const GroupMember* best = nullptr;
        for (const GroupMember* m : by_id) {
            if (!subscribes(*m, key.first)) continue;
            if (!best || load[m->member_id] < load[best->member_id]) best = m;
        }
        if (!best) continue;
        plan[best->member_id][key.first].push_back(key.second);
        ++load[best->member_id];
    }

    // 3. defer what another member still owns
    std::map<TopicPartition, std::string> owner;
    for (const GroupMember& m : members) {
        for (const TopicPartitions& tp : m.owned) {
            for (std::int32_t p : tp.partitions) owner.emplace(TopicPartition{tp.topic, p}, m.member_id);
        }
    }
    for (auto& entry : plan) {  // not a structured binding: clang 14 cannot capture those
        const auto& member = entry.first;
        auto& topics = entry.second;
        for (auto it = topics.begin(); it != topics.end();) {
            auto& partitions = it->second;
            std::erase_if(partitions, [&](std::int32_t p) {
                auto o = owner.find({it->first, p});
                return o != owner.end() && o->second != member;
            });
            std::sort(partitions.begin(), partitions.end());
            it = partitions.empty() ? topics.erase(it) : std::next(it);
        }
    }
    return plan;
}

}  // namespace kafkascope::consumer
