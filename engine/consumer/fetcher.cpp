#include "consumer/fetcher.h"

#include <algorithm>
#include <memory>
#include <set>

#include "protocol/frame.h"
#include "protocol/kafka_error.h"
#include "protocol/messages/fetch.h"
#include "records/record_batch_reader.h"

// GCC 12 reports a false -Wmismatched-new-delete for asio's coroutine frames
// (see group_membership.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
#endif

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

namespace {

// With read_committed the broker still returns the batches of aborted
// transactions and lists, per producer, the first offset of each aborted
// transaction; a producer's batches are dropped from that offset until its
// ABORT marker (the algorithm of KIP-98's consumer side).
class AbortedFilter {
public:
    AbortedFilter(IsolationLevel isolation,
                  const std::optional<std::vector<protocol::FetchResponse::AbortedTransaction>>& aborted) {
        if (isolation != IsolationLevel::read_committed || !aborted) return;
        pending_ = *aborted;
        std::sort(pending_.begin(), pending_.end(),
                  [](const auto& a, const auto& b) { return a.first_offset < b.first_offset; });
    }

    // True when the batch's records are to be delivered.
    bool keep(const records::DecodedBatch& batch) {
        while (next_ < pending_.size() && pending_[next_].first_offset <= batch.info.last_offset) {
            open_.insert(pending_[next_++].producer_id);
        }
        if (batch.info.control) {
            if (batch.control && batch.control->type == records::ControlType::abort) {
                open_.erase(batch.info.producer_id);
            }
            return false;  // markers are never messages
        }
        return !(batch.info.transactional && open_.count(batch.info.producer_id) != 0);
    }

private:
    std::vector<protocol::FetchResponse::AbortedTransaction> pending_;
    std::size_t next_ = 0;
    std::set<std::int64_t> open_;
};

}  // namespace

FetchOutcome decode_fetched_partition(const std::string& topic, std::int32_t partition, std::int64_t fetch_offset,
                                      std::int32_t max_bytes, IsolationLevel isolation,
                                      protocol::FetchResponse::Partition& answer) {
    const FetchParams where_params{topic, {}, partition, fetch_offset, 1, max_bytes, {}, isolation};
    FetchOutcome out;
    out.high_watermark = answer.high_watermark;
    out.log_start_offset = answer.log_start_offset;
    out.next_offset = fetch_offset;
    if (!answer.records || answer.records->empty()) return out;

    out.bytes = answer.records->size();
    auto owner = std::make_shared<const protocol::Bytes>(std::move(*answer.records));
    records::DecodeOptions options;
    options.min_offset = fetch_offset;  // drops older records of a compressed batch
    auto result = records::decode_records(owner, std::span<const std::uint8_t>(*owner), options);
    AbortedFilter aborted(isolation, answer.aborted_transactions);
    std::size_t count = 0;
    for (const records::DecodedBatch& batch : result.batches) count += batch.records.size();
    out.messages.reserve(count);
    for (const records::DecodedBatch& batch : result.batches) {
        out.next_offset = std::max(out.next_offset, batch.info.last_offset + 1);
        if (!aborted.keep(batch)) continue;
        for (const records::RecordView& r : batch.records) {
            Message& m = out.messages.emplace_back();
            m.topic = topic;
            m.partition = partition;
            m.offset = r.offset;
            m.high_watermark = answer.high_watermark;
            m.timestamp_ms = r.timestamp;
            m.key = copy_of(batch.key(r));
            m.value = copy_of(batch.value(r));
            if (r.header_count != 0) {
                for (const records::HeaderView& h : batch.headers(r)) {
                    m.headers.push_back({std::string(h.key), copy_of(h.value)});
                }
            }
        }
    }
    if (!result.ok()) {
        out.decode_error = Error(result.error.code, "corrupt record batch in " + where(where_params, out.next_offset) +
                                                        ": " + result.error.message);
    } else if (result.batches.empty() && result.truncated_tail) {
        // Only a partial batch came back: it is bigger than max_bytes (old
        // brokers cut it instead of returning it whole, KIP-74).
        out.decode_error = Error(client_errc::frame_too_large, "record batch at " + where(where_params, fetch_offset) +
                                                                   " is larger than max_bytes " +
                                                                   std::to_string(max_bytes));
    }
    return out;
}

asio::awaitable<Result<std::vector<PartitionFetchResult>>> fetch_partitions(net::Connection& connection,
                                                                            const MultiFetchParams& params) {
    // Topic ids are used only when every topic has one (v13+ has no names).
    std::vector<std::optional<protocol::Uuid>> ids;
    bool all_ids = !params.partitions.empty();
    for (const auto& p : params.partitions) {
        ids.push_back(parse_topic_id(p.topic_id));
        all_ids = all_ids && ids.back().has_value();
    }
    auto version = fetch_version(connection, all_ids);
    if (!version) co_return std::move(version).error();

    protocol::FetchRequest request;
    request.max_wait_ms = static_cast<std::int32_t>(params.max_wait.count());
    request.min_bytes = params.min_bytes;
    request.max_bytes = params.max_bytes;
    request.isolation_level = static_cast<std::int8_t>(params.isolation);
    for (std::size_t i = 0; i < params.partitions.size(); ++i) {
        const auto& p = params.partitions[i];
        if (request.topics.empty() || request.topics.back().topic != p.topic) {
            protocol::FetchRequest::Topic topic;
            topic.topic = p.topic;
            if (all_ids) topic.topic_id = *ids[i];
            request.topics.push_back(std::move(topic));
        }
        protocol::FetchRequest::Partition part;
        part.partition = p.partition;
        part.fetch_offset = p.offset;
        part.partition_max_bytes = params.partition_max_bytes;
        request.topics.back().partitions.push_back(part);
    }

    // send_at, not send: without topic ids we must stay at v12. The broker
    // may hold the request for max_wait before answering.
    const auto timeout = connection.options().request_timeout + params.max_wait;
    auto decoded = co_await connection.send_at(request, *version, timeout);
    if (!decoded) co_return std::move(decoded).error();
    if (decoded->error_code != 0) {
        co_return Error(protocol::make_kafka_error_code(decoded->error_code),
                        "Fetch from broker " + connection.address().to_string() + ": " +
                            protocol::kafka_error_name(decoded->error_code));
    }

    std::vector<PartitionFetchResult> results;
    results.reserve(params.partitions.size());
    for (std::size_t i = 0; i < params.partitions.size(); ++i) {
        const auto& asked = params.partitions[i];
        protocol::FetchResponse::Partition* found = nullptr;
        for (auto& t : decoded->topics) {
            const bool same_topic = all_ids ? t.topic_id == *ids[i] : t.topic == asked.topic;
            if (!same_topic) continue;
            for (auto& p : t.partitions) {
                if (p.partition_index == asked.partition) found = &p;
            }
        }
        const FetchParams where_params{asked.topic, {}, asked.partition, asked.offset, 1, 0, {}, params.isolation};
        PartitionFetchResult r{asked.topic, asked.partition, asked.offset, FetchOutcome{}};
        if (!found) {
            r.outcome = Error(client_errc::decode_failed, "Fetch answer from broker " +
                                                              connection.address().to_string() + " lacks " +
                                                              asked.topic + "/" + std::to_string(asked.partition));
        } else if (found->error_code != 0) {
            r.outcome = Error(protocol::make_kafka_error_code(found->error_code),
                              protocol::kafka_error_name(found->error_code) + ": fetch of " +
                                  where(where_params, asked.offset) + " (broker " + connection.address().to_string() +
                                  ")");
        } else {
            r.outcome = decode_fetched_partition(asked.topic, asked.partition, asked.offset, params.partition_max_bytes,
                                         params.isolation, *found);
        }
        results.push_back(std::move(r));
    }
    co_return results;
}

asio::awaitable<Result<FetchOutcome>> fetch_partition(net::Connection& connection, const FetchParams& params) {
    MultiFetchParams multi;
    MultiFetchParams::Partition p;
    p.topic = params.topic;
    p.topic_id = params.topic_id;
    p.partition = params.partition;
    p.offset = params.offset;
    multi.partitions.push_back(std::move(p));
    multi.min_bytes = params.min_bytes;
    multi.max_bytes = params.max_bytes;
    multi.partition_max_bytes = params.max_bytes;
    multi.max_wait = params.max_wait;
    multi.isolation = params.isolation;
    auto results = co_await fetch_partitions(connection, multi);
    if (!results) {
        const auto& e = results.error();
        if (e.code.category() == protocol::kafka_category()) {
            co_return Error(e.code, "Fetch of " + where(params, params.offset) + ": " +
                                        protocol::kafka_error_name(static_cast<std::int16_t>(e.code.value())));
        }
        co_return std::move(results).error();
    }
    co_return std::move(results->front().outcome);
}

}  // namespace kafkascope::consumer
