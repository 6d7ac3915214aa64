#pragma once
// The order rows are shown in: by (timestamp, partition, offset) for the
// merged "all partitions" view, or by (partition, offset). Rows arrive in
// fetch order, partitions interleaved, and older ones arrive after a
// backward load, so each added range is sorted and merged in. Plain data,
// one owner thread (the model's); the filter worker gets a copy.

#include <cstdint>
#include <vector>

#include "browse/message_store.h"

namespace kafkascope::browse {

enum class OrderBy { time, partition_offset };

class ViewOrder {
public:
    explicit ViewOrder(OrderBy by = OrderBy::time) : by_(by) {}

    // Adds store rows [first, last). True when they all sort after the rows
    // already there (so a view can insert at the end); false when they were
    // merged in between (the view must re-lay out).
    bool add(const MessageStore& store, std::size_t first, std::size_t last);
    // The same for any set of store rows.
    bool add_rows(const MessageStore& store, const std::vector<std::uint32_t>& rows);
    void clear() { rows_.clear(); }
    // For views that announce a merge as "tail removed, tail + new rows
    // inserted": truncate() hides rows from `position` on (kept aside), and
    // restore_tail_and_add() brings them back merged with `rows`.
    void truncate(std::size_t position);
    void restore_tail_and_add(const MessageStore& store, const std::vector<std::uint32_t>& rows);

    std::size_t size() const noexcept { return rows_.size(); }
    std::uint32_t at(std::size_t position) const noexcept { return rows_[position]; }
    const std::vector<std::uint32_t>& rows() const noexcept { return rows_; }
    OrderBy order_by() const noexcept { return by_; }

    bool less(const MessageStore& store, std::uint32_t a, std::uint32_t b) const noexcept;

private:
    OrderBy by_;
    std::vector<std::uint32_t> rows_;
    std::vector<std::uint32_t> hidden_tail_;
};

}  // namespace kafkascope::browse
