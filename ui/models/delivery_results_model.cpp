#include "models/delivery_results_model.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

namespace kafkascope::ui {

DeliveryResultsModel::DeliveryResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

int DeliveryResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DeliveryResultsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DeliveryResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    const QString error = row.error >= 0 ? m_errors.at(row.error) : QString();
    if (role == RawRole) {
        switch (index.column()) {
        case IndexColumn: return row.index;
        case PartitionColumn: return static_cast<qint64>(row.partition);
        case OffsetColumn: return row.offset;
        case TimestampColumn: return row.timestampMs;
        case LatencyColumn: return row.latencyUs;
        case ErrorColumn: return error;
        default: return {};
        }
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case IndexColumn: return row.index;
        case PartitionColumn: return row.partition >= 0 ? QVariant(row.partition) : QVariant(QStringLiteral("—"));
        case OffsetColumn: return row.offset >= 0 ? QVariant(row.offset) : QVariant(QStringLiteral("—"));
        case TimestampColumn:
            if (row.timestampMs < 0) return QStringLiteral("—");
            return QDateTime::fromMSecsSinceEpoch(row.timestampMs)
                .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
        case LatencyColumn: return QLocale().toString(static_cast<double>(row.latencyUs) / 1000.0, 'f', 2);
        case ErrorColumn: return error;
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != ErrorColumn && index.column() != TimestampColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && row.error >= 0) return QBrush(QColor(0xc0, 0x39, 0x2b));
    if (role == Qt::ToolTipRole && row.error >= 0) return error;
    return {};
}

QVariant DeliveryResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case IndexColumn: return tr("#");
    case PartitionColumn: return tr("Partition");
    case OffsetColumn: return tr("Offset");
    case TimestampColumn: return tr("Timestamp");
    case LatencyColumn: return tr("Latency (ms)");
    case ErrorColumn: return tr("Error");
    default: return {};
    }
}

void DeliveryResultsModel::appendReports(const std::vector<producer::DeliveryReport>& reports) {
    if (reports.empty()) return;
    const int first = static_cast<int>(m_rows.size());
    beginInsertRows({}, first, first + static_cast<int>(reports.size()) - 1);
    m_rows.reserve(m_rows.size() + reports.size());
    for (const auto& report : reports) {
        qint32 error = -1;
        if (report.error) {
            const QString text = report.error.message.empty() ? QString::fromStdString(report.error.code.message())
                                                              : QString::fromStdString(report.error.message);
            auto it = m_errorIds.constFind(text);
            if (it == m_errorIds.constEnd()) {
                it = m_errorIds.insert(text, static_cast<int>(m_errors.size()));
                m_errors.append(text);
            }
            error = it.value();
        }
        m_rows.push_back(Row{static_cast<qint64>(report.index), report.offset, report.timestamp_ms,
                             static_cast<qint64>(report.latency.count()), report.partition, error});
    }
    endInsertRows();
}

void DeliveryResultsModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_errors.clear();
    m_errorIds.clear();
    endResetModel();
}

}  // namespace kafkascope::ui
