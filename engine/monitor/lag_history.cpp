#include "monitor/lag_history.h"

#include <algorithm>

namespace kafkascope::monitor {

LagHistory::LagHistory(std::size_t capacity) : buffer_(std::max<std::size_t>(capacity, 2)) {}

void LagHistory::push(const LagSample& s) {
    buffer_[head_] = s;
    head_ = (head_ + 1) % buffer_.size();
    size_ = std::min(size_ + 1, buffer_.size());
}

const LagSample& LagHistory::at(std::size_t i) const {
    const std::size_t oldest = (head_ + buffer_.size() - size_) % buffer_.size();
    return buffer_[(oldest + i) % buffer_.size()];
}

std::vector<LagSample> LagHistory::last(std::size_t n) const {
    n = std::min(n, size_);
    std::vector<LagSample> out;
    out.reserve(n);
    for (std::size_t i = size_ - n; i < size_; ++i) out.push_back(at(i));
    return out;
}

}  // namespace kafkascope::monitor
