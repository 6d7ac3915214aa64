#include "consumer/assigned_partitions_model.h"

#include <QBrush>
#include <QColor>

namespace kafkascope::ui {
namespace {

QVariant offsetCell(std::int64_t value) {
    if (value < 0) return QStringLiteral("-");
    return QVariant::fromValue<qlonglong>(value);
}

bool sameShape(const std::vector<consumer::AssignedPartition>& a, const std::vector<consumer::AssignedPartition>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].topic != b[i].topic || a[i].partition != b[i].partition) return false;
    }
    return true;
}

}  // namespace

void AssignedPartitionsModel::setPartitions(const std::vector<consumer::AssignedPartition>& partitions) {
    if (sameShape(m_partitions, partitions)) {
        m_partitions = partitions;
        if (!m_partitions.empty()) Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_partitions = partitions;
    endResetModel();
}

void AssignedPartitionsModel::clear() { setPartitions({}); }

qint64 AssignedPartitionsModel::totalLag() const {
    qint64 total = -1;
    for (const auto& p : m_partitions) {
        if (p.lag < 0) continue;
        total = std::max<qint64>(total, 0) + p.lag;
    }
    return total;
}

QString AssignedPartitionsModel::formatDuration(qint64 ms) {
    if (ms < 0) return QStringLiteral("-");
    if (ms < 1000) return tr("%1 ms").arg(ms);
    if (ms < 60'000) return tr("%1 s").arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    if (ms < 3'600'000) return tr("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60);
    return tr("%1 h %2 min").arg(ms / 3'600'000).arg((ms / 60'000) % 60);
}

int AssignedPartitionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_partitions.size());
}

int AssignedPartitionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AssignedPartitionsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const auto& p = m_partitions[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Topic: return QString::fromStdString(p.topic);
            case Partition: return p.partition;
            case Leader: return p.leader < 0 ? QVariant(QStringLiteral("-")) : QVariant(p.leader);
            case Committed: return offsetCell(p.committed);
            case Position: return offsetCell(p.delivered >= 0 ? p.delivered : p.position);
            case HighWatermark: return offsetCell(p.high_watermark);
            case Lag: return offsetCell(p.lag);
            case TimeLag: return formatDuration(p.time_lag_ms);
            case Error: return QString::fromStdString(p.error);
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
            case Committed: return tr("Offset stored for the group (the next one to read after a restart)");
            case Position: return tr("Next offset handed to the application (fetched up to %1)").arg(p.position);
            case HighWatermark: return tr("High watermark of the last fetch");
            case Lag: return tr("High watermark minus position");
            case TimeLag: return tr("Now minus the timestamp of the last message handed out, while lag > 0");
            case Error: return QString::fromStdString(p.error);
            default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Topic && index.column() != Error) {
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    }
    if (role == Qt::ForegroundRole) {
        if (index.column() == Lag && p.lag > 0) return QBrush(QColor(0xe0, 0x8a, 0x1b));
        if (index.column() == Error && !p.error.empty()) return QBrush(QColor(0xc0, 0x39, 0x2b));
    }
    return {};
}

QVariant AssignedPartitionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Topic: return tr("Topic");
        case Partition: return tr("Partition");
        case Leader: return tr("Leader");
        case Committed: return tr("Committed");
        case Position: return tr("Position");
        case HighWatermark: return tr("High watermark");
        case Lag: return tr("Lag");
        case TimeLag: return tr("Time lag");
        case Error: return tr("Error");
    }
    return {};
}

}  // namespace kafkascope::ui
