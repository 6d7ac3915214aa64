#include "cluster/offset_lookup.h"

#include "protocol/kafka_error.h"
#include "protocol/messages/list_offsets.h"

namespace kafkascope::cluster {

asio::awaitable<Result<std::vector<OffsetAnswer>>> list_offsets(net::Connection& connection,
                                                                const std::string& topic,
                                                                const std::vector<std::int32_t>& partitions,
                                                                std::int64_t timestamp) {
    protocol::ListOffsetsRequest request;
    protocol::ListOffsetsRequest::Topic t;
    t.name = topic;
    for (std::int32_t p : partitions) {
        protocol::ListOffsetsRequest::Partition part;
        part.partition_index = p;
        part.timestamp = timestamp;
        t.partitions.push_back(part);
    }
    request.topics.push_back(std::move(t));
    auto response = co_await connection.send(request);
    if (!response) co_return std::move(response).error();

    std::vector<OffsetAnswer> out;
    for (std::int32_t p : partitions) {
        OffsetAnswer a;
        a.partition = p;
        a.error = Error(client_errc::decode_failed, "broker " + connection.address().to_string() +
                                                        " did not answer ListOffsets for " + topic + "/" +
                                                        std::to_string(p));
        for (const auto& rt : response->topics) {
            if (rt.name != topic) continue;
            for (const auto& rp : rt.partitions) {
                if (rp.partition_index != p) continue;
                if (rp.error_code != 0) {
                    a.error = Error(protocol::make_kafka_error_code(rp.error_code),
                                    "ListOffsets for " + topic + "/" + std::to_string(p) + " at " +
                                        std::to_string(timestamp) + " on broker " +
                                        connection.address().to_string() + ": " +
                                        protocol::kafka_error_name(rp.error_code));
                } else {
                    a.error = Error();
                    a.offset = rp.resolved_offset();
                    a.timestamp = rp.timestamp;
                }
            }
        }
        out.push_back(std::move(a));
    }
    co_return out;
}

}  // namespace kafkascope::cluster
