#include "consumer/fetcher.h"

#include <algorithm>
#include <memory>

#include "protocol/frame.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/fetch.h"
#include "records/record_batch_reader.h"

namespace kafkascope::consumer {

namespace {

constexpr std::int16_t kLastNamedFetchVersion = 12;

// Kafka prints topic ids as base64 (URL-safe, no padding); Fetch v13+ wants
// the 16 raw bytes back.
std::optional<protocol::Uuid> parse_topic_id(const std::string& text) {
    auto value_of = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '-' || c == '+') return 62;
        if (c == '_' || c == '/') return 63;
        return -1;
    };
    protocol::Uuid id;
    std::size_t n = 0;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : text) {
        if (c == '=') break;
        const int v = value_of(c);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n == id.bytes.size()) return std::nullopt;
            id.bytes[n++] = static_cast<std::uint8_t>((acc >> bits) & 0xFF);
        }
    }
    if (n != id.bytes.size()) return std::nullopt;
    return id;
}

std::string where(const FetchParams& p, std::int64_t offset) {
    return p.topic + "/" + std::to_string(p.partition) + " at offset " + std::to_string(offset);
}

std::optional<protocol::Bytes> copy_of(std::optional<std::span<const std::uint8_t>> s) {
    if (!s) return std::nullopt;
    return protocol::Bytes(s->begin(), s->end());
}

}  // namespace

Result<std::int16_t> fetch_version(const net::Connection& connection, bool have_topic_id) {
    auto v = connection.version_for(protocol::kFetchApi);
    if (!v) return v;
    if (!have_topic_id) return std::min(*v, kLastNamedFetchVersion);
    return v;
}

asio::awaitable<Result<FetchOutcome>> fetch_partition(net::Connection& connection, const FetchParams& params) {
    const auto topic_id = parse_topic_id(params.topic_id);
    auto version = fetch_version(connection, topic_id.has_value());
    if (!version) co_return std::move(version).error();

    protocol::FetchRequest request;
    request.max_wait_ms = static_cast<std::int32_t>(params.max_wait.count());
    request.min_bytes = params.min_bytes;
    request.max_bytes = params.max_bytes;
    request.isolation_level = static_cast<std::int8_t>(params.isolation);
    protocol::FetchRequest::Topic topic;
    topic.topic = params.topic;
    if (topic_id) topic.topic_id = *topic_id;
    protocol::FetchRequest::Partition part;
    part.partition = params.partition;
    part.fetch_offset = params.offset;
    part.partition_max_bytes = params.max_bytes;
    topic.partitions.push_back(part);
    request.topics.push_back(std::move(topic));

    // send_at, not send: without a topic id we must stay at v12. The broker
    // may hold the request for max_wait before answering.
    const auto timeout = connection.options().request_timeout + params.max_wait;
    auto decoded = co_await connection.send_at(request, *version, timeout);
    if (!decoded) co_return std::move(decoded).error();
    if (decoded->error_code != 0) {
        co_return Error(protocol::make_kafka_error_code(decoded->error_code),
                        "Fetch of " + where(params, params.offset) + ": " +
                            protocol::kafka_error_name(decoded->error_code));
    }
    protocol::FetchResponse::Partition* found = nullptr;
    for (auto& t : decoded->topics) {
        for (auto& p : t.partitions) {
            if (p.partition_index == params.partition) found = &p;
        }
    }
    if (!found) {
        co_return Error(client_errc::decode_failed, "Fetch answer from broker " + connection.address().to_string() +
                                                        " lacks " + params.topic + "/" +
                                                        std::to_string(params.partition));
    }
    if (found->error_code != 0) {
        co_return Error(protocol::make_kafka_error_code(found->error_code),
                        protocol::kafka_error_name(found->error_code) + ": fetch of " + where(params, params.offset) +
                            " (broker " + connection.address().to_string() + ")");
    }

    FetchOutcome out;
    out.high_watermark = found->high_watermark;
    out.log_start_offset = found->log_start_offset;
    out.next_offset = params.offset;
    if (!found->records || found->records->empty()) co_return out;

    out.bytes = found->records->size();
    auto owner = std::make_shared<const protocol::Bytes>(std::move(*found->records));
    records::DecodeOptions options;
    options.min_offset = params.offset;  // drops older records of a compressed batch
    auto result = records::decode_records(owner, std::span<const std::uint8_t>(*owner), options);
    for (const records::DecodedBatch& batch : result.batches) {
        out.next_offset = std::max(out.next_offset, batch.info.last_offset + 1);
        if (batch.info.control) continue;  // transaction markers are not messages
        for (const records::RecordView& r : batch.records) {
            Message m;
            m.topic = params.topic;
            m.partition = params.partition;
            m.offset = r.offset;
            m.high_watermark = found->high_watermark;
            m.timestamp_ms = r.timestamp;
            m.key = copy_of(batch.key(r));
            m.value = copy_of(batch.value(r));
            for (const records::HeaderView& h : batch.headers(r)) {
                m.headers.push_back({std::string(h.key), copy_of(h.value)});
            }
            out.messages.push_back(std::move(m));
        }
    }
    if (!result.ok()) {
        out.decode_error = Error(result.error.code, "corrupt record batch in " + where(params, out.next_offset) +
                                                        ": " + result.error.message);
    } else if (result.batches.empty() && result.truncated_tail) {
        // Only a partial batch came back: it is bigger than max_bytes (old
        // brokers cut it instead of returning it whole, KIP-74).
        out.decode_error = Error(client_errc::frame_too_large,
                                 "record batch at " + where(params, params.offset) + " is larger than max_bytes " +
                                     std::to_string(params.max_bytes));
    }
    co_return out;
}

}  // namespace kafkascope::consumer
