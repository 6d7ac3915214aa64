#include "browser/message_table_model.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QTimer>
#include <QScopeGuard>
#include <QLocale>
#include <algorithm>
#include <limits>

#include "browse/text_encoding.h"

namespace kafkascope::ui {

QString previewText(std::optional<browse::ByteSpan> bytes, int maxChars) {
    if (!bytes) return QStringLiteral("(null)");
    if (bytes->empty()) return {};
    // Cut the bytes before decoding, so a multi-MB value costs no more than
    // a short one; a UTF-8 sequence cut at the end only loses that character.
    const std::size_t cut = std::min<std::size_t>(bytes->size(), static_cast<std::size_t>(maxChars) * 4);
    const auto head = bytes->first(cut);
    QString text;
    if (browse::is_valid_utf8(head) || (cut < bytes->size() && browse::is_valid_utf8(head.first(cut > 3 ? cut - 3 : cut)))) {
        text = QString::fromUtf8(reinterpret_cast<const char*>(head.data()), static_cast<qsizetype>(head.size()));
    } else {
        const auto shown = head.first(std::min<std::size_t>(head.size(), static_cast<std::size_t>(maxChars) / 3));
        text = QStringLiteral("0x") +
               QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(shown.data()),
                                              static_cast<qsizetype>(shown.size()))
                                       .toHex(' '));
    }
    text.replace(QLatin1Char('\n'), QChar(0x21B5)).replace(QLatin1Char('\r'), QLatin1Char(' '));
    if (text.size() > maxChars || cut < bytes->size()) text = text.left(maxChars) + QChar(0x2026);
    return text;
}

QString timestampText(std::int64_t ms, records::TimestampType type) {
    const QString when = ms < 0 ? QStringLiteral("-")
                                : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                                      .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    return when + (type == records::TimestampType::log_append_time ? QStringLiteral(" (log append)")
                                                                   : QStringLiteral(" (create)"));
}

MessageTableModel::MessageTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MessageTableModel::setStore(std::shared_ptr<const browse::MessageStore> store, browse::OrderBy order) {
    beginResetModel();
    m_store = std::move(store);
    m_order = browse::ViewOrder(order);
    m_taken = 0;
    m_pending.clear();
    m_pendingCount = 0;
    m_ready.clear();
    m_lateRows.clear();
    m_newest.clear();
    m_loading.clear();
    m_loadingStoreRows = 0;
    m_filter.reset();
    m_filtered.clear();
    m_filterRunning = false;
    endResetModel();
    appendAvailable();
}

void MessageTableModel::appendAvailable() {
    // With a slice already queued, new rows wait for it: several wake-ups
    // in one pass of the event loop must not take a slice each (they did,
    // and three slices back to back stalled the UI for 40-80 ms).
    if (!m_sliceScheduled) takeSlice();
}

void MessageTableModel::takeSlice() {
    m_sliceScheduled = false;
    if (!m_store) return;
    QElapsedTimer clock;
    clock.start();
    // Scope guard: records how long this batch took, whichever way it returns.
    const auto record = qScopeGuard([&] { m_longestAppendNs = std::max(m_longestAppendNs, clock.nsecsElapsed()); });
    const std::size_t available = std::min(m_store->size(), m_taken + kRowsPerSlice);
    for (std::size_t i = m_taken; i < available; ++i) {
        const browse::MessageRow& r = m_store->row(i);
        auto [it, inserted] = m_newest.try_emplace(r.partition, r.timestamp);
        if (!inserted) it->second = std::max(it->second, r.timestamp);
        m_pending[r.partition].push_back(static_cast<std::uint32_t>(i));
        ++m_pendingCount;
    }
    m_taken = std::max(m_taken, available);
    const std::vector<std::uint32_t> released = releasable();
    m_ready.insert(m_ready.end(), released.begin(), released.end());
    const std::vector<std::uint32_t> rows = nextSlice();
    if (!rows.empty()) addRows(rows);
    if ((m_taken < m_store->size() || !m_ready.empty()) && !m_sliceScheduled) {
        m_sliceScheduled = true;
        QTimer::singleShot(0, this, &MessageTableModel::takeSlice);
    }
}

std::vector<std::uint32_t> MessageTableModel::nextSlice() {
    std::vector<std::uint32_t> out;
    if (m_ready.size() <= kRowsPerSlice) {
        out.swap(m_ready);
        return out;
    }
    // The oldest in view order go first, so each slice lands after the last.
    const auto cut = m_ready.begin() + static_cast<std::ptrdiff_t>(kRowsPerSlice);
    std::nth_element(m_ready.begin(), cut, m_ready.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return m_order.less(*m_store, a, b); });
    out.assign(m_ready.begin(), cut);
    m_ready.erase(m_ready.begin(), cut);
    return out;
}

std::vector<std::uint32_t> MessageTableModel::releasable() {
    std::vector<std::uint32_t> out;
    const bool everything = m_order.order_by() != browse::OrderBy::time || m_loading.empty();
    std::int64_t frontier = std::numeric_limits<std::int64_t>::max();
    if (!everything) {
        const bool examinedCounts = m_taken >= m_loadingStoreRows;
        for (const LoadingPartition& p : m_loading) {
            const auto it = m_newest.find(p.partition);
            const std::int64_t taken = it == m_newest.end() ? std::numeric_limits<std::int64_t>::min() : it->second;
            frontier = std::min(frontier, examinedCounts ? std::max(taken, p.examinedTimestamp) : taken);
        }
    }
    // A partition's rows go in arrival order up to the first one past the
    // frontier; one with an older create time behind it waits with it (and
    // is merged in when it comes).
    for (auto& entry : m_pending) {
        std::deque<std::uint32_t>& rows = entry.second;
        while (!rows.empty() && (everything || m_store->row(rows.front()).timestamp <= frontier)) {
            out.push_back(rows.front());
            rows.pop_front();
        }
    }
    m_pendingCount -= out.size();
    return out;
}

void MessageTableModel::addRows(const std::vector<std::uint32_t>& added) {
    if (m_filter) {
        // The order is kept up to date either way; the filtered view takes
        // the new rows now, or after the running job.
        m_order.add_rows(*m_store, added);
        if (m_filterRunning) {
            m_lateRows.insert(m_lateRows.end(), added.begin(), added.end());
            return;
        }
        std::vector<std::uint32_t> rows;
        for (std::uint32_t i : added) {
            if (m_filter->matches(m_store->ref(i))) rows.push_back(i);
        }
        mergeIntoFiltered(std::move(rows));
        return;
    }
    const int before = static_cast<int>(m_order.size());
    // Where the earliest new row goes, found before m_order changes so the
    // view is told first.
    std::uint32_t smallest = added.front();
    for (std::uint32_t i : added) {
        if (m_order.less(*m_store, i, smallest)) smallest = i;
    }
    const auto& rows = m_order.rows();
    const int from = static_cast<int>(std::upper_bound(rows.begin(), rows.end(), smallest, [&](std::uint32_t a, std::uint32_t b) {
                                          return m_order.less(*m_store, a, b);
                                      }) - rows.begin());
    const int count = static_cast<int>(added.size());
    const QModelIndexList persistent = persistentIndexList();
    const bool tailHasPersistent = std::any_of(persistent.begin(), persistent.end(),
                                               [&](const QModelIndex& i) { return i.row() >= from; });
    if (from == before) {
        beginInsertRows({}, before, before + count - 1);
        m_order.add_rows(*m_store, added);
        endInsertRows();
        return;
    }
    if (!tailHasPersistent) {
        // The new rows interleave with a tail nobody holds on to: the tail
        // [from, before) is removed and comes back merged with the new rows.
        // Costs what the tail holds, where a layout change makes the view
        // re-query everything.
        beginRemoveRows({}, from, before - 1);
        m_order.truncate(static_cast<std::size_t>(from));
        endRemoveRows();
        beginInsertRows({}, from, before + count - 1);
        m_order.restore_tail_and_add(*m_store, added);
        endInsertRows();
        return;
    }
    relayout([&] { m_order.add_rows(*m_store, added); });
}

void MessageTableModel::relayout(const std::function<void()>& change) {
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // Read after the signal: views turn their selections into persistent
    // indexes (one per selected row) while handling it.
    const QModelIndexList held = persistentIndexList();
    std::vector<std::uint32_t> storeRows;
    for (const QModelIndex& i : held) storeRows.push_back(visibleRows()[static_cast<std::size_t>(i.row())]);
    change();
    // Each held store row back at its new position (persistent indexes are
    // few: the current index and the selection; the rows stay sorted).
    const auto& rows = visibleRows();
    QModelIndexList to;
    for (std::size_t k = 0; k < storeRows.size(); ++k) {
        const auto it = std::lower_bound(rows.begin(), rows.end(), storeRows[k],
                                         [&](std::uint32_t a, std::uint32_t b) { return m_order.less(*m_store, a, b); });
        to.append(index(static_cast<int>(it - rows.begin()), held[static_cast<qsizetype>(k)].column()));
    }
    changePersistentIndexList(held, to);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void MessageTableModel::mergeIntoFiltered(std::vector<std::uint32_t> rows) {
    if (rows.empty()) return;
    auto less = [&](std::uint32_t a, std::uint32_t b) { return m_order.less(*m_store, a, b); };
    std::sort(rows.begin(), rows.end(), less);
    if (m_filtered.empty() || !less(rows.front(), m_filtered.back())) {
        const int before = static_cast<int>(m_filtered.size());
        beginInsertRows({}, before, before + static_cast<int>(rows.size()) - 1);
        m_filtered.insert(m_filtered.end(), rows.begin(), rows.end());
        endInsertRows();
        return;
    }
    // Older rows loaded while filtered: merged in; the current message and
    // the selection stay on their messages.
    relayout([&] {
        const auto mid = m_filtered.insert(m_filtered.end(), rows.begin(), rows.end());
        std::inplace_merge(m_filtered.begin(), mid, m_filtered.end(), less);
    });
}

std::vector<std::uint32_t> MessageTableModel::startFilter(std::shared_ptr<const browse::MessageFilter> filter) {
    beginResetModel();
    m_filter = std::move(filter);
    m_filtered.clear();
    m_filterRunning = true;
    m_lateRows.clear();
    endResetModel();
    return m_order.rows();
}

void MessageTableModel::addFilterRows(const std::vector<std::uint32_t>& rows) {
    if (!m_filter || rows.empty()) return;
    const int before = static_cast<int>(m_filtered.size());
    beginInsertRows({}, before, before + static_cast<int>(rows.size()) - 1);
    m_filtered.insert(m_filtered.end(), rows.begin(), rows.end());
    endInsertRows();
}

void MessageTableModel::finishFilter() {
    if (!m_filterRunning) return;
    m_filterRunning = false;
    // Rows that arrived during the job: test them now.
    std::vector<std::uint32_t> late;
    for (std::uint32_t i : m_lateRows) {
        if (m_filter->matches(m_store->ref(i))) late.push_back(i);
    }
    m_lateRows.clear();
    mergeIntoFiltered(std::move(late));
}

void MessageTableModel::clearFilter() {
    beginResetModel();
    m_filter.reset();
    m_filtered.clear();
    m_lateRows.clear();
    m_filterRunning = false;
    endResetModel();
}

qint64 MessageTableModel::storeRow(int row) const {
    const auto& rows = visibleRows();
    if (row < 0 || static_cast<std::size_t>(row) >= rows.size()) return -1;
    return rows[static_cast<std::size_t>(row)];
}

int MessageTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(visibleRows().size());
}

int MessageTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MessageTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const qint64 storeIndex = storeRow(index.row());
    if (storeIndex < 0) return {};
    if (role == StoreRowRole) return storeIndex;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
            case PartitionColumn: case OffsetColumn: case HeadersColumn: case SizeColumn:
                return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
            default: return {};
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const browse::MessageRef m = m_store->ref(static_cast<std::size_t>(storeIndex));
    switch (index.column()) {
        case PartitionColumn: return m.partition;
        case OffsetColumn: return QVariant::fromValue<qlonglong>(m.offset);
        case TimestampColumn: return timestampText(m.timestamp, m.timestamp_type);
        case KeyColumn: return previewText(m.key, role == Qt::ToolTipRole ? 1000 : kPreviewChars / 2);
        case ValueColumn: return previewText(m.value, role == Qt::ToolTipRole ? 1000 : kPreviewChars);
        case HeadersColumn: return static_cast<int>(m.header_count);
        case SizeColumn: return QLocale().formattedDataSize(static_cast<qint64>(m.size()), 1, QLocale::DataSizeTraditionalFormat);
        default: return {};
    }
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case PartitionColumn: return tr("Partition");
        case OffsetColumn: return tr("Offset");
        case TimestampColumn: return tr("Timestamp");
        case KeyColumn: return tr("Key");
        case ValueColumn: return tr("Value");
        case HeadersColumn: return tr("Headers");
        case SizeColumn: return tr("Size");
        default: return {};
    }
}

}  // namespace kafkascope::ui
