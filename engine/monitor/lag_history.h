#pragma once
// A fixed-size ring buffer of one partition's (time, end offset, committed
// offset) samples, oldest first. At the default 5 s interval the default
// capacity (721) spans one hour. Pure code: no clock, no I/O.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kafkascope::monitor {

struct LagSample {
    std::int64_t time_ms = 0;     // wall clock, ms since the epoch
    std::int64_t end = -1;        // log end offset (high watermark); -1 unknown
    std::int64_t committed = -1;  // the group's committed offset; -1 none

    std::int64_t lag() const { return end >= 0 && committed >= 0 ? (end > committed ? end - committed : 0) : -1; }
    bool operator==(const LagSample&) const = default;
};

class LagHistory {
public:
    static constexpr std::size_t kDefaultCapacity = 721;  // one hour at 5 s, both ends included

    explicit LagHistory(std::size_t capacity = kDefaultCapacity);

    void push(const LagSample& s);
    std::size_t size() const { return size_; }
    std::size_t capacity() const { return buffer_.size(); }
    bool empty() const { return size_ == 0; }
    // i = 0 is the oldest kept sample.
    const LagSample& at(std::size_t i) const;
    const LagSample& back() const { return at(size_ - 1); }
    // The newest n samples (or all), oldest first.
    std::vector<LagSample> last(std::size_t n) const;

private:
    std::vector<LagSample> buffer_;
    std::size_t head_ = 0;  // where the next sample goes
    std::size_t size_ = 0;
};

}  // namespace kafkascope::monitor
