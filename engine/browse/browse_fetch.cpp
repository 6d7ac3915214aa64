#include "browse/browse_fetch.h"

#include <algorithm>
#include <map>
#include <memory>

#include "consumer/fetcher.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/fetch.h"

namespace kafkascope::browse {

namespace {

std::string where(const std::string& topic, std::int32_t partition, std::int64_t offset) {
    return topic + "/" + std::to_string(partition) + " at offset " + std::to_string(offset);
}

void decode_into(PartitionFetch& out, protocol::Bytes records, std::int64_t asked, const std::string& topic,
                 std::int32_t partition_max_bytes) {
    out.bytes = records.size();
    auto owner = std::make_shared<const protocol::Bytes>(std::move(records));
    records::DecodeOptions options;
    options.min_offset = asked;
    auto result = records::decode_records(owner, std::span<const std::uint8_t>(*owner), options);
    for (records::DecodedBatch& batch : result.batches) {
        out.next_offset = std::max(out.next_offset, batch.info.last_offset + 1);
        if (batch.info.control || batch.records.empty()) continue;
        out.batches.push_back(std::move(batch));
    }
    if (!result.ok()) {
        out.error = Error(result.error.code, "corrupt record batch in " + where(topic, out.partition, out.next_offset) +
                                                 ": " + result.error.message);
    } else if (result.batches.empty() && result.truncated_tail) {
        out.error = Error(client_errc::frame_too_large, "record batch at " + where(topic, out.partition, asked) +
                                                            " is larger than the fetch limit of " +
                                                            std::to_string(partition_max_bytes) + " bytes");
    }
}

}  // namespace

asio::awaitable<Result<std::vector<PartitionFetch>>> fetch_partitions(net::Connection& connection,
                                                                      const std::string& topic,
                                                                      const std::vector<FetchWant>& wants,
                                                                      FetchLimits limits) {
    auto version = consumer::fetch_version(connection, false);
    if (!version) co_return std::move(version).error();

    protocol::FetchRequest request;
    request.max_wait_ms = static_cast<std::int32_t>(limits.max_wait.count());
    request.min_bytes = 1;
    request.max_bytes = limits.max_bytes;
    protocol::FetchRequest::Topic t;
    t.topic = topic;
    std::map<std::int32_t, std::int64_t> asked;
    for (const FetchWant& w : wants) {
        protocol::FetchRequest::Partition p;
        p.partition = w.partition;
        p.fetch_offset = w.offset;
        p.partition_max_bytes = limits.partition_max_bytes;
        t.partitions.push_back(p);
        asked[w.partition] = w.offset;
    }
    request.topics.push_back(std::move(t));

    const auto timeout = connection.options().request_timeout + limits.max_wait;
    auto decoded = co_await connection.send_at(request, *version, timeout);
    if (!decoded) co_return std::move(decoded).error();
    if (decoded->error_code != 0) {
        co_return Error(protocol::make_kafka_error_code(decoded->error_code),
                        "Fetch of " + topic + " from broker " + connection.address().to_string() + ": " +
                            protocol::kafka_error_name(decoded->error_code));
    }

    std::vector<PartitionFetch> out;
    for (auto& rt : decoded->topics) {
        for (auto& rp : rt.partitions) {
            auto it = asked.find(rp.partition_index);
            if (it == asked.end()) continue;
            PartitionFetch pf;
            pf.partition = rp.partition_index;
            pf.next_offset = it->second;
            pf.high_watermark = rp.high_watermark;
            pf.log_start_offset = rp.log_start_offset;
            asked.erase(it);
            if (rp.error_code != 0) {
                pf.error = Error(protocol::make_kafka_error_code(rp.error_code),
                                 protocol::kafka_error_name(rp.error_code) + ": fetch of " +
                                     where(topic, pf.partition, pf.next_offset) + " (broker " +
                                     connection.address().to_string() + ")");
            } else if (rp.records && !rp.records->empty()) {
                decode_into(pf, std::move(*rp.records), pf.next_offset, topic, limits.partition_max_bytes);
            }
            out.push_back(std::move(pf));
        }
    }
    for (const auto& [partition, offset] : asked) {
        PartitionFetch pf;
        pf.partition = partition;
        pf.next_offset = offset;
        pf.error = Error(client_errc::decode_failed, "Fetch answer from broker " + connection.address().to_string() +
                                                         " lacks " + topic + "/" + std::to_string(partition));
        out.push_back(std::move(pf));
    }
    co_return out;
}

}  // namespace kafkascope::browse
