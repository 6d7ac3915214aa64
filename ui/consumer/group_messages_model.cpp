#include "consumer/group_messages_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QStringList>
#include <algorithm>

namespace kafkascope::ui {
namespace {

// Length of the valid UTF-8 prefix of `data[0, n)`; a multi-byte sequence
// cut off by `n` (when n < size) ends the prefix instead of failing it.
// Returns -1 when the bytes are not UTF-8.
qsizetype validUtf8Prefix(const std::uint8_t* data, std::size_t n, std::size_t size) {
    std::size_t i = 0;
    while (i < n) {
        const std::uint8_t c = data[i];
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0) return -1;
        if (i + len > n) return n < size ? static_cast<qsizetype>(i) : -1;
        for (std::size_t k = 1; k < len; ++k) {
            if ((data[i + k] & 0xC0) != 0x80) return -1;
        }
        i += len;
    }
    return static_cast<qsizetype>(i);
}

}  // namespace

GroupMessagesModel::GroupMessagesModel(QObject* parent) : QAbstractTableModel(parent) {}

QString GroupMessagesModel::preview(const std::optional<protocol::Bytes>& bytes, int maxChars) {
    if (!bytes) return QStringLiteral("(null)");
    if (bytes->empty()) return QStringLiteral("(empty)");
    const std::size_t limit = std::min(bytes->size(), static_cast<std::size_t>(maxChars) * 4);
    const qsizetype valid = validUtf8Prefix(bytes->data(), limit, bytes->size());
    QString text;
    bool cut = limit < bytes->size();
    if (valid >= 0) {
        text = QString::fromUtf8(reinterpret_cast<const char*>(bytes->data()), valid);
        for (QChar& c : text) {
            if (c.category() == QChar::Other_Control) c = QChar(0x00B7);  // keep one line per row
        }
    } else {
        const std::size_t hexBytes = std::min(bytes->size(), static_cast<std::size_t>(maxChars) / 2);
        text = QStringLiteral("0x") + QString::fromLatin1(QByteArray(reinterpret_cast<const char*>(bytes->data()),
                                                                     static_cast<qsizetype>(hexBytes))
                                                              .toHex());
        cut = hexBytes < bytes->size();
    }
    if (text.size() > maxChars) {
        text.truncate(maxChars);
        cut = true;
    }
    if (cut) text += QChar(0x2026);
    return text;
}

quint16 GroupMessagesModel::topicIndex(const std::string& topic) {
    auto it = m_topicIndex.find(topic);
    if (it != m_topicIndex.end()) return it->second;
    const auto index = static_cast<quint16>(std::min<std::size_t>(m_topics.size(), 0xFFFF));
    if (m_topics.size() < 0xFFFF) m_topics.push_back(topic);
    m_topicIndex.emplace(topic, index);
    return index;
}

void GroupMessagesModel::append(const std::vector<consumer::Message>& batch) {
    if (batch.empty()) return;
    // Only the newest m_maxRows of this batch can be kept anyway.
    const std::size_t keep = std::min(batch.size(), static_cast<std::size_t>(m_maxRows));
    const std::size_t skip = batch.size() - keep;
    m_nextSerial += skip;
    m_dropped += static_cast<qint64>(skip);
    const std::size_t over = m_rows.size() + keep > static_cast<std::size_t>(m_maxRows)
                                 ? m_rows.size() + keep - static_cast<std::size_t>(m_maxRows)
                                 : 0;
    dropFront(over);

    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(keep) - 1);
    for (std::size_t i = skip; i < batch.size(); ++i) {
        const consumer::Message& m = batch[i];
        Row row;
        row.serial = m_nextSerial++;
        row.offset = m.offset;
        row.timestamp_ms = m.timestamp_ms;
        row.partition = m.partition;
        row.topic = topicIndex(m.topic);
        row.key = m.key;
        row.value = m.value;
        row.headers = m.headers;
        m_rows.push_back(std::move(row));
    }
    endInsertRows();
}

void GroupMessagesModel::dropFront(std::size_t count) {
    count = std::min(count, m_rows.size());
    if (count == 0) return;
    beginRemoveRows({}, 0, static_cast<int>(count) - 1);
    for (std::size_t i = 0; i < count; ++i) {
        if (!m_notes.isEmpty()) m_notes.remove(m_rows.front().serial);
        m_rows.pop_front();
    }
    m_dropped += static_cast<qint64>(count);
    endRemoveRows();
}

void GroupMessagesModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_notes.clear();
    m_committed.clear();
    m_dropped = 0;
    endResetModel();
}

void GroupMessagesModel::setMaxRows(int rows) {
    m_maxRows = std::max(1, rows);
    if (m_rows.size() > static_cast<std::size_t>(m_maxRows)) dropFront(m_rows.size() - static_cast<std::size_t>(m_maxRows));
}

void GroupMessagesModel::setCommitted(const std::string& topic, std::int32_t partition, std::int64_t offset) {
    if (offset < 0) return;
    auto [it, inserted] = m_committed.emplace(std::pair{topicIndex(topic), partition}, offset);
    if (!inserted) {
        if (offset <= it->second) return;
        it->second = offset;
    }
    // One ranged signal; the view repaints only the rows on screen.
    if (!m_rows.empty()) Q_EMIT dataChanged(index(0, State), index(rowCount() - 1, State), {Qt::DisplayRole});
}

std::int64_t GroupMessagesModel::committed(const std::string& topic, std::int32_t partition) const {
    auto t = m_topicIndex.find(topic);
    if (t == m_topicIndex.end()) return -1;
    auto it = m_committed.find({t->second, partition});
    return it == m_committed.end() ? -1 : it->second;
}

quint64 GroupMessagesModel::serial(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].serial : 0;
}

int GroupMessagesModel::rowOfSerial(quint64 serial) const {
    // Serials increase with the row; binary search.
    auto it = std::lower_bound(m_rows.begin(), m_rows.end(), serial,
                               [](const Row& r, quint64 s) { return r.serial < s; });
    if (it == m_rows.end() || it->serial != serial) return -1;
    return static_cast<int>(it - m_rows.begin());
}

consumer::Message GroupMessagesModel::message(int row) const {
    consumer::Message m;
    if (row < 0 || row >= rowCount()) return m;
    const Row& r = m_rows[static_cast<std::size_t>(row)];
    m.topic = r.topic < m_topics.size() ? m_topics[r.topic] : std::string();
    m.partition = r.partition;
    m.offset = r.offset;
    m.timestamp_ms = r.timestamp_ms;
    m.key = r.key;
    m.value = r.value;
    m.headers = r.headers;
    return m;
}

GroupMessagesModel::RowState GroupMessagesModel::rowState(int row) const {
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].state : RowState::Received;
}

void GroupMessagesModel::setRowState(quint64 serial, RowState state, const QString& note) {
    const int row = rowOfSerial(serial);
    if (row < 0) return;
    m_rows[static_cast<std::size_t>(row)].state = state;
    if (note.isEmpty()) m_notes.remove(serial);
    else m_notes.insert(serial, note);
    const QModelIndex cell = index(row, State);
    Q_EMIT dataChanged(cell, cell);
}

std::vector<quint64> GroupMessagesModel::serialsInState(RowState state) const {
    std::vector<quint64> out;
    for (const Row& r : m_rows) {
        if (r.state == state) out.push_back(r.serial);
    }
    return out;
}

int GroupMessagesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int GroupMessagesModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString GroupMessagesModel::stateText(const Row& row) const {
    switch (row.state) {
        case RowState::Failed: return tr("failed");
        case RowState::DeadLetterSending: return tr("sending to dead letter…");
        case RowState::DeadLettered: return tr("dead-lettered");
        case RowState::DeadLetterFailed: return tr("dead-letter error");
        case RowState::Received: break;
    }
    auto it = m_committed.find({row.topic, row.partition});
    return it != m_committed.end() && row.offset < it->second ? tr("committed") : QString();
}

QVariant GroupMessagesModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == SerialRole) return QVariant::fromValue<qulonglong>(r.serial);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Topic: return r.topic < m_topics.size() ? QString::fromStdString(m_topics[r.topic]) : QString();
            case Partition: return r.partition;
            case Offset: return QVariant::fromValue<qlonglong>(r.offset);
            case Key: return preview(r.key, 60);
            case Value: return preview(r.value, kPreviewChars);
            case Timestamp:
                return QDateTime::fromMSecsSinceEpoch(r.timestamp_ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
            case Headers: return static_cast<int>(r.headers.size());
            case State: return stateText(r);
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
            case Value: return preview(r.value, 2000);
            case Key: return preview(r.key, 500);
            case Headers: {
                QStringList lines;
                for (const auto& h : r.headers) lines << QString::fromStdString(h.key) + QStringLiteral(" = ") + preview(h.value, 200);
                return lines.join(QLatin1Char('\n'));
            }
            case State: {
                auto it = m_notes.find(r.serial);
                return it == m_notes.end() ? QVariant() : QVariant(*it);
            }
            case Timestamp: return QVariant::fromValue<qlonglong>(r.timestamp_ms);
            default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
            case Partition:
            case Offset:
            case Headers: return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
            default: return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == State) {
        switch (r.state) {
            case RowState::Failed:
            case RowState::DeadLetterFailed: return QBrush(QColor(0xc0, 0x39, 0x2b));
            case RowState::DeadLetterSending:
            case RowState::DeadLettered: return QBrush(QColor(0xe0, 0x8a, 0x1b));
            case RowState::Received: return QBrush(QColor(0x2e, 0x9e, 0x5b));
        }
    }
    return {};
}

QVariant GroupMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Topic: return tr("Topic");
        case Partition: return tr("Partition");
        case Offset: return tr("Offset");
        case Key: return tr("Key");
        case Value: return tr("Value");
        case Timestamp: return tr("Timestamp");
        case Headers: return tr("Headers");
        case State: return tr("State");
    }
    return {};
}

}  // namespace kafkascope::ui
