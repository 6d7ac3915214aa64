#include "topic_groups_script.h"

#include "protocol/messages/list_groups.h"
#include "protocol/messages/list_offsets.h"

namespace kafkascope::test::topic_groups {

Responder list_groups(std::vector<std::pair<std::string, std::string>> groups_and_states) {
    protocol::ListGroupsResponse response;
    for (auto& [id, state] : groups_and_states) {
        protocol::ListGroupsResponse::Group g;
        g.group_id = id;
        g.protocol_type = "consumer";
        g.group_state = state;
        response.groups.push_back(std::move(g));
    }
    return fixed_answer(response, kListGroupsVersion);
}

protocol::OffsetFetchResponse::Group fetched(const std::string& group, const std::vector<Commit>& commits) {
    protocol::OffsetFetchResponse::Group g;
    g.group_id = group;
    for (const Commit& c : commits) {
        if (g.topics.empty() || g.topics.back().name != c.topic) {
            g.topics.emplace_back();
            g.topics.back().name = c.topic;
        }
        protocol::OffsetFetchResponse::Partition p;
        p.partition_index = c.partition;
        p.committed_offset = c.offset;
        g.topics.back().partitions.push_back(p);
    }
    return g;
}

Responder offset_fetch(std::vector<protocol::OffsetFetchResponse::Group> groups) {
    protocol::OffsetFetchResponse response;
    response.groups = std::move(groups);
    return fixed_answer(response, kOffsetFetchVersion);
}

Responder list_offsets() {
    return {kListOffsetsVersion, [](const net::test::ReceivedRequest& r) {
                protocol::ListOffsetsResponse response;
                auto request = protocol::decode_body<protocol::ListOffsetsRequest>(r.body, r.api_version, "request");
                if (!request) return encoded_answer(response, kListOffsetsVersion);  // the engine then reports it
                for (const auto& t : request->topics) {
                    protocol::ListOffsetsResponse::Topic out;
                    out.name = t.name;
                    for (const auto& p : t.partitions) {
                        if (p.partition_index < 0 || p.partition_index >= kPartitions) continue;
                        protocol::ListOffsetsResponse::Partition part;
                        part.partition_index = p.partition_index;
                        const auto i = static_cast<std::size_t>(p.partition_index);
                        part.offset = p.timestamp == protocol::kEarliestTimestamp ? kFirst[i] : kEnd[i];
                        part.timestamp = -1;
                        out.partitions.push_back(part);
                    }
                    response.topics.push_back(std::move(out));
                }
                return encoded_answer(response, kListOffsetsVersion);
            }};
}

NodeScript node_one() {
    NodeScript n;
    n.responders[protocol::kListGroupsApi.key] = list_groups({{"billing", "Stable"}, {"audit", "Empty"}});
    n.responders[protocol::kOffsetFetchApi.key] = offset_fetch({
        fetched("billing", {{kTopic, 0, 10}, {kTopic, 1, 20}, {"payments", 0, 3}}),
        fetched("audit", {{"payments", 0, 7}, {"payments", 1, 9}}),
    });
    n.responders[protocol::kListOffsetsApi.key] = list_offsets();
    return n;
}

NodeScript node_two() {
    NodeScript n;
    n.responders[protocol::kListGroupsApi.key] = list_groups({{"shipping", "Stable"}});
    n.responders[protocol::kOffsetFetchApi.key] = offset_fetch({fetched("shipping", {{kTopic, 2, 30}})});
    return n;
}

}  // namespace kafkascope::test::topic_groups
