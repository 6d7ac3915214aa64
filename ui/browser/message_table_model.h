#pragma once
// MessageTableModel: the browser's virtualised table over a MessageStore.
// Each row is a 4-byte store index (ViewOrder); strings are built only in
// data(), so only visible rows are ever formatted (Wireshark's packet list).
//
// Rows arrive through appendAvailable(), called once per bridge wake-up
// with whatever the store gained: appended at the end with one
// beginInsertRows when they sort after the last row, else merged in with one
// layoutChanged. One call takes at most kRowsPerSlice rows and queues the
// rest for the next turn of the event loop, oldest first, so a starved UI
// thread catching up on 100,000 rows never stalls for all of them at once;
// while a slice is queued, wake-ups take nothing, so one pass of the event
// loop never takes two slices.
//
// Filtering: setFilterRows() switches to a filtered list that a worker
// streams in (addFilterRows(), one insert per chunk); rows arriving while a
// filter job runs wait in a queue and are tested here once the job is done.

#include <QAbstractTableModel>
#include <deque>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <utility>
#include <optional>
#include <vector>

#include "browse/message_filter.h"
#include "browse/message_store.h"
#include "browse/view_order.h"

namespace kafkascope::ui {

class MessageTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { PartitionColumn, OffsetColumn, TimestampColumn, KeyColumn, ValueColumn, HeadersColumn,
                  SizeColumn, ColumnCount };
    enum Role { StoreRowRole = Qt::UserRole + 1 };
    static constexpr int kPreviewChars = 200;
    static constexpr std::size_t kRowsPerSlice = 20'000;

    explicit MessageTableModel(QObject* parent = nullptr);

    // A new store (new browse): resets the model.
    void setStore(std::shared_ptr<const browse::MessageStore> store, browse::OrderBy order);
    std::shared_ptr<const browse::MessageStore> store() const { return m_store; }
    // Takes rows the store gained since the last call. In time order, rows
    // newer than the merge frontier (the smallest newest-timestamp among the
    // partitions still loading, see setLoadingPartitions) wait, so that rows
    // of a lagging partition do not land far back in the table.
    void appendAvailable();
    // A partition still loading, and the newest timestamp its load has
    // looked at (kept or not: a scan keeps few rows, and without this a
    // partition with no match yet would hold every other partition back).
    struct LoadingPartition {
        std::int32_t partition = 0;
        std::int64_t examinedTimestamp = std::numeric_limits<std::int64_t>::min();
    };
    // `storeRows`: the store's size when those timestamps were read; they
    // count only once the model has taken that many rows (the engine reads
    // ahead of the slices this model takes).
    void setLoadingPartitions(std::vector<LoadingPartition> partitions, std::size_t storeRows = 0) {
        m_loading = std::move(partitions);
        m_loadingStoreRows = storeRows;
    }

    // Filtering. startFilter resets to an empty filtered view and returns the
    // rows (in view order) the worker must test; addFilterRows appends its
    // matches. Rows arriving meanwhile wait: takeLateRows hands them to the
    // worker for another run, whose matches mergeFilterRows merges in;
    // finishFilter ends the job (rows still waiting are then tested here).
    std::vector<std::uint32_t> startFilter(std::shared_ptr<const browse::MessageFilter> filter);
    void addFilterRows(const std::vector<std::uint32_t>& rows);
    std::vector<std::uint32_t> takeLateRows() { return std::exchange(m_lateRows, {}); }
    void mergeFilterRows(std::vector<std::uint32_t> rows) { mergeIntoFiltered(std::move(rows)); }
    void finishFilter();
    void clearFilter();
    bool isFiltered() const { return m_filter != nullptr; }
    bool filterRunning() const { return m_filterRunning; }

    std::size_t loadedCount() const { return m_taken; }
    std::size_t heldBackCount() const { return m_pendingCount + m_ready.size(); }
    // The longest appendAvailable() so far, in ms (UI-thread cost of a batch).
    qint64 longestAppendMs() const { return m_longestAppendNs / 1'000'000; }
    // Store row of a view row, or -1.
    qint64 storeRow(int row) const;
    const std::vector<std::uint32_t>& visibleRows() const { return m_filter ? m_filtered : m_order.rows(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void mergeIntoFiltered(std::vector<std::uint32_t> rows);
    // Runs `change` (which reorders the visible rows) inside a layout change
    // that keeps persistent indexes on their store rows.
    void relayout(const std::function<void()>& change);
    std::vector<std::uint32_t> releasable();
    void takeSlice();  // appendAvailable's work, and the queued continuation
    std::vector<std::uint32_t> nextSlice();  // at most kRowsPerSlice of m_ready, oldest first
    void addRows(const std::vector<std::uint32_t>& rows);

    std::shared_ptr<const browse::MessageStore> m_store;
    browse::ViewOrder m_order;
    std::size_t m_taken = 0;  // store rows already in m_order
    std::vector<std::uint32_t> m_ready;  // released rows waiting for a slice
    bool m_sliceScheduled = false;
    std::shared_ptr<const browse::MessageFilter> m_filter;
    std::vector<std::uint32_t> m_filtered;
    bool m_filterRunning = false;
    std::vector<std::uint32_t> m_lateRows;  // added to the order while a filter job ran
    // Taken from the store, not yet shown (past the frontier), per partition
    // in arrival order: a release pops fronts instead of rescanning them all.
    std::map<std::int32_t, std::deque<std::uint32_t>> m_pending;
    std::size_t m_pendingCount = 0;
    std::vector<LoadingPartition> m_loading;
    std::size_t m_loadingStoreRows = 0;
    std::map<std::int32_t, std::int64_t> m_newest;  // newest timestamp taken per partition
    qint64 m_longestAppendNs = 0;
};

// Display helpers shared with the detail view.
QString previewText(std::optional<browse::ByteSpan> bytes, int maxChars);
QString timestampText(std::int64_t ms, records::TimestampType type);

}  // namespace kafkascope::ui
