#include "partition_offsets/message_window_model.h"

#include <QDateTime>
#include <QStringList>

namespace kafkascope::ui {
namespace {

// Text for bytes: null shown as such, long values cut to a preview.
QString preview(const std::optional<protocol::Bytes>& bytes, int limit) {
    if (!bytes) return QStringLiteral("(null)");
    const auto size = static_cast<qsizetype>(std::min<std::size_t>(bytes->size(), static_cast<std::size_t>(limit) * 4));
    QString text = QString::fromUtf8(reinterpret_cast<const char*>(bytes->data()), size);
    if (text.size() > limit || bytes->size() > static_cast<std::size_t>(size)) {
        text = text.left(limit) + QStringLiteral("…");
    }
    return text;
}

}  // namespace

void MessageWindowModel::clear() {
    beginResetModel();
    m_messages.clear();
    endResetModel();
}

void MessageWindowModel::append(const std::vector<consumer::Message>& batch) {
    if (batch.empty()) return;
    const int first = static_cast<int>(m_messages.size());
    beginInsertRows({}, first, first + static_cast<int>(batch.size()) - 1);
    m_messages.insert(m_messages.end(), batch.begin(), batch.end());
    endInsertRows();
}

int MessageWindowModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_messages.size());
}

int MessageWindowModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant MessageWindowModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const consumer::Message& m = message(index.row());
    if (role == Qt::TextAlignmentRole && index.column() == Offset) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const int limit = role == Qt::ToolTipRole ? 4000 : kPreviewChars;
    switch (index.column()) {
        case Offset: return QString::number(m.offset);
        case Timestamp:
            return QDateTime::fromMSecsSinceEpoch(m.timestamp_ms, Qt::UTC)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case Key: return preview(m.key, limit);
        case Value: return preview(m.value, limit);
        case Headers: {
            QStringList parts;
            for (const auto& h : m.headers) {
                parts << QString::fromStdString(h.key) + QLatin1Char('=') + preview(h.value, 80);
            }
            return parts.join(QStringLiteral(", "));
        }
        default: return {};
    }
}

QVariant MessageWindowModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Offset: return tr("Offset");
        case Timestamp: return tr("Timestamp (UTC)");
        case Key: return tr("Key");
        case Value: return tr("Value");
        case Headers: return tr("Headers");
        default: return {};
    }
}

}  // namespace kafkascope::ui
