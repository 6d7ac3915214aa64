#include "lag/reset_preview_model.h"

#include <QColor>

namespace kafkascope::ui {

qint64 resultingLag(const admin::ResetRow& row) {
    if (row.error || row.after < 0 || row.log_end < 0) return -1;
    return row.log_end > row.after ? row.log_end - row.after : 0;
}

ResetPreviewModel::ResetPreviewModel(QObject* parent) : QAbstractTableModel(parent) {}

void ResetPreviewModel::setRows(std::vector<admin::ResetRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ResetPreviewModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ResetPreviewModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ResetPreviewModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= rowCount()) return {};
    const admin::ResetRow& row = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::ForegroundRole && row.error) return QColor(0xc0, 0x39, 0x2b);
    if (role == Qt::TextAlignmentRole && index.column() != Note) return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    auto offset = [](qint64 v) { return v < 0 ? QStringLiteral("–") : QString::number(v); };
    switch (index.column()) {
        case Partition: return QString::number(row.partition);
        case Current: return row.before < 0 ? tr("none") : QString::number(row.before);
        case New: return row.error ? QStringLiteral("–") : offset(row.after);
        case LogStart: return offset(row.log_start);
        case LogEnd: return offset(row.log_end);
        case ResultingLag: return offset(resultingLag(row));
        case Note:
            if (row.error) return QString::fromStdString(row.error.message);
            if (row.clamped) return tr("clamped to the log [%1, %2]").arg(row.log_start).arg(row.log_end);
            return {};
        default: return {};
    }
}

QVariant ResetPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Partition: return tr("Partition");
        case Current: return tr("Committed now");
        case New: return tr("New offset");
        case LogStart: return tr("Log start");
        case LogEnd: return tr("Log end");
        case ResultingLag: return tr("Lag after");
        case Note: return tr("Note");
        default: return {};
    }
}

}  // namespace kafkascope::ui
