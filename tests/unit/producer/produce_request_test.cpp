// The writer's own Produce request encoder (producer/produce_request.h) keeps
// record batches out of line as slices. Spliced back together, its bytes must
// equal the generic protocol encoder's for every version it sends (classic
// v3-v8, flexible v9-v12), and the generic decoder must read the batches back.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "producer/produce_request.h"
#include "protocol/frame.h"
#include "protocol/messages/produce.h"
#include "unit_test.h"

using namespace kafkascope;
using namespace kafkascope::producer;

namespace {

std::shared_ptr<const protocol::Bytes> blob(std::size_t size, std::uint8_t seed) {
    protocol::Bytes b(size);
    for (std::size_t i = 0; i < size; ++i) b[i] = static_cast<std::uint8_t>(seed + i * 7);
    return std::make_shared<const protocol::Bytes>(std::move(b));
}

protocol::Bytes splice(const ProduceRequestParts& parts) {
    protocol::Bytes out;
    std::size_t from = 0;
    for (const auto& s : parts.slices) {
        out.insert(out.end(), parts.request.begin() + static_cast<std::ptrdiff_t>(from),
                   parts.request.begin() + static_cast<std::ptrdiff_t>(s.at));
        out.insert(out.end(), s.bytes->begin(), s.bytes->end());
        from = s.at;
    }
    out.insert(out.end(), parts.request.begin() + static_cast<std::ptrdiff_t>(from), parts.request.end());
    return out;
}

}  // namespace

TEST_CASE(spliced_request_equals_the_generic_encoding_at_every_version) {
    // Two topics, three partitions, batch sizes on both sides of the 1- and
    // 2-byte varint boundaries (flexible lengths are uvarints).
    std::vector<ProduceTopicData> topics{
        {"orders", {{0, blob(126, 1)}, {2, blob(127, 2)}}},
        {"a-much-longer-topic-name.with.dots", {{5, blob(20'000, 3)}}},
    };
    for (std::int16_t version = kMinProduceVersion; version <= kMaxProduceVersion; ++version) {
        const ProduceRequestParts parts = encode_produce_request(version, "bench-client", -1, 1234, topics);
        EXPECT_EQ(parts.slices.size(), 3u);

        protocol::ProduceRequest generic;
        generic.acks = -1;
        generic.timeout_ms = 1234;
        for (const auto& t : topics) {
            protocol::ProduceRequest::Topic gt;
            gt.name = t.name;
            for (const auto& p : t.partitions) {
                protocol::ProduceRequest::Partition gp;
                gp.index = p.index;
                gp.records = *p.records;
                gt.partitions.push_back(std::move(gp));
            }
            generic.topics.push_back(std::move(gt));
        }
        auto expected = protocol::encode_request(generic, version, "bench-client");
        ASSERT_TRUE(expected.ok());
        const protocol::Bytes spliced = splice(parts);
        if (spliced != *expected) {
            ::kafkascope::test::report_failure(__FILE__, __LINE__,
                                               "Produce v" + std::to_string(version) + " differs from the generic encoding");
        }
        EXPECT_TRUE(spliced == *expected);
    }
}

TEST_CASE(an_empty_request_has_no_slices) {
    const ProduceRequestParts parts = encode_produce_request(9, "c", 1, 10, {});
    EXPECT_TRUE(parts.slices.empty());
    protocol::ProduceRequest generic;
    generic.acks = 1;
    generic.timeout_ms = 10;
    auto expected = protocol::encode_request(generic, 9, "c");
    ASSERT_TRUE(expected.ok());
    EXPECT_TRUE(parts.request == *expected);
}
