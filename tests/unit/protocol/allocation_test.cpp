// A hostile element count must not make the decoder allocate memory in
// proportion to count x sizeof(element): counts are only bounded by the
// bytes left (one byte per element at least), and a decoded struct is far
// larger than one byte, so reserving the claimed count up front would turn a
// 1 MB frame into a 100 MB allocation. This executable replaces operator new
// to watch the largest single allocation.

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <new>

#include "protocol/frame.h"
#include "protocol/messages/list_offsets.h"
#include "protocol/messages/metadata.h"
#include "unit_test.h"

namespace {
std::atomic<std::size_t> g_largest{0};
}

void* operator new(std::size_t n) {
    std::size_t seen = g_largest.load();
    while (n > seen && !g_largest.compare_exchange_weak(seen, n)) {
    }
    if (void* p = std::malloc(n ? n : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

using namespace kafkascope::protocol;

namespace {

// Largest single allocation while decoding `body` as `Message` at `version`.
template <class Message>
std::size_t largest_allocation(const Bytes& body, std::int16_t version) {
    g_largest = 0;
    auto r = decode_body<Message>(body, version);
    EXPECT_FALSE(r.ok());
    return g_largest.load();
}

// A count close to the frame size, then bytes that fail the first element.
Bytes hostile_frame(std::size_t size, int count_width) {
    Bytes b(size, 0xff);
    const auto count = static_cast<std::uint32_t>(size - 16);
    if (count_width == 4) {
        for (int i = 0; i < 4; ++i) b[i] = static_cast<std::uint8_t>(count >> (24 - 8 * i));
    } else {  // compact: uvarint of count + 1, after a 4-byte throttle time
        std::uint32_t v = count + 1;
        std::size_t at = 4;
        for (; v >= 0x80; v >>= 7) b[at++] = static_cast<std::uint8_t>(v | 0x80);
        b[at] = static_cast<std::uint8_t>(v);
    }
    return b;
}

}  // namespace

TEST_CASE(hostile_counts_do_not_amplify_allocations) {
    const std::size_t size = 1 << 20;
    // Metadata v0: brokers array first. Allow 4x the frame for the frame
    // copy and error strings; sizeof(Broker) x count would be ~80x.
    EXPECT_TRUE(largest_allocation<MetadataResponse>(hostile_frame(size, 4), 0) < 4 * size);
    // Metadata v9 (flexible): throttle time, then a compact brokers array.
    EXPECT_TRUE(largest_allocation<MetadataResponse>(hostile_frame(size, 5), 9) < 4 * size);
    // ListOffsets v0 request-side shape: topics array first (v0 response has
    // no throttle time).
    EXPECT_TRUE(largest_allocation<ListOffsetsResponse>(hostile_frame(size, 4), 0) < 4 * size);
}
