#include "browse/view_order.h"

#include <algorithm>
#include <tuple>

namespace kafkascope::browse {

bool ViewOrder::less(const MessageStore& store, std::uint32_t a, std::uint32_t b) const noexcept {
    const MessageRow& x = store.row(a);
    const MessageRow& y = store.row(b);
    if (by_ == OrderBy::time) {
        return std::tie(x.timestamp, x.partition, x.offset) < std::tie(y.timestamp, y.partition, y.offset);
    }
    return std::tie(x.partition, x.offset) < std::tie(y.partition, y.offset);
}

bool ViewOrder::add(const MessageStore& store, std::size_t first, std::size_t last) {
    std::vector<std::uint32_t> rows;
    rows.reserve(last > first ? last - first : 0);
    for (std::size_t i = first; i < last; ++i) rows.push_back(static_cast<std::uint32_t>(i));
    return add_rows(store, rows);
}

namespace {

// A row's sort key, read from the store once: sorting a batch of new rows
// then compares plain integers instead of unpacking two store rows per
// comparison.
struct SortKey {
    std::int64_t first;
    std::int64_t second;
    std::int64_t third;
    std::uint32_t row;
    bool operator<(const SortKey& o) const noexcept {
        return std::tie(first, second, third) < std::tie(o.first, o.second, o.third);
    }
};

SortKey key_of(const MessageStore& store, OrderBy by, std::uint32_t row) {
    const MessageRow r = store.row(row);
    if (by == OrderBy::time) return {r.timestamp, r.partition, r.offset, row};
    return {r.partition, r.offset, 0, row};
}

}  // namespace

bool ViewOrder::add_rows(const MessageStore& store, const std::vector<std::uint32_t>& added) {
    if (added.empty()) return true;
    const std::size_t old_size = rows_.size();
    // Rows of one partition arrive in offset order; sorting still pays when
    // partitions interleave, and is skipped on sorted input.
    std::vector<SortKey> keys;
    keys.reserve(added.size());
    bool sorted = true;
    for (std::uint32_t row : added) {
        keys.push_back(key_of(store, by_, row));
        if (keys.size() > 1 && keys.back() < keys[keys.size() - 2]) sorted = false;
    }
    if (!sorted) std::stable_sort(keys.begin(), keys.end());
    for (const SortKey& k : keys) rows_.push_back(k.row);
    auto cmp = [&](std::uint32_t a, std::uint32_t b) { return less(store, a, b); };
    const auto mid = rows_.begin() + static_cast<std::ptrdiff_t>(old_size);
    if (old_size == 0 || !cmp(*mid, *(mid - 1))) return true;
    // Only the tail from where the first new row goes takes part: new rows
    // usually land near the end, so a merge costs what they displace.
    const auto from = std::upper_bound(rows_.begin(), mid, *mid, cmp);
    std::inplace_merge(from, mid, rows_.end(), cmp);
    return false;
}

void ViewOrder::truncate(std::size_t position) {
    position = std::min(position, rows_.size());
    hidden_tail_.assign(rows_.begin() + static_cast<std::ptrdiff_t>(position), rows_.end());
    rows_.resize(position);
}

void ViewOrder::restore_tail_and_add(const MessageStore& store, const std::vector<std::uint32_t>& rows) {
    rows_.insert(rows_.end(), hidden_tail_.begin(), hidden_tail_.end());
    // Released, not just cleared: a tail can be a large part of the rows,
    // and its capacity would stay resident for the life of the view.
    std::vector<std::uint32_t>().swap(hidden_tail_);
    add_rows(store, rows);
}

}  // namespace kafkascope::browse
