// ClusterTreeModel::data(): every display string is built here, on demand,
// only for the rows a view asks about.
#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <QStringList>

#include "models/cluster_tree_model.h"
#include "style/icons.h"

namespace kafkascope::ui {
namespace {

const QColor kProblemColor(0xc0, 0x39, 0x2b);
const QColor kWarningColor(0xb3, 0x6b, 0x00);

QString joinIds(const std::vector<std::int32_t>& ids) {
    QStringList parts;
    parts.reserve(static_cast<qsizetype>(ids.size()));
    for (std::int32_t id : ids) parts.append(QString::number(id));
    return parts.join(QStringLiteral(", "));
}

QString number(qint64 value) { return value < 0 ? QString() : QLocale().toString(value); }

// "1 partition" / "12 partitions"; the UI ships no translations yet.
QString counted(qint64 n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

bool isNumericColumn(int column) { return column >= ClusterTreeModel::FirstOffsetColumn; }

bool isReplicaColumn(int column) {
    return column >= ClusterTreeModel::LeaderColumn && column <= ClusterTreeModel::IsrColumn;
}

QVariant alignmentFor(int column) {
    if (isNumericColumn(column)) return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    if (isReplicaColumn(column)) return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    return {};
}

}  // namespace

QVariant ClusterTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("Name");
        case DetailsColumn: return tr("Details");
        case LeaderColumn: return tr("Leader");
        case ReplicasColumn: return tr("Replicas");
        case IsrColumn: return tr("ISR");
        case FirstOffsetColumn: return tr("First offset");
        case LastOffsetColumn: return tr("Last offset");
        case MessagesColumn: return tr("Messages");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case LeaderColumn: return tr("Partition leader; on a broker row, how many partitions it leads");
        case IsrColumn: return tr("In-sync replicas");
        case FirstOffsetColumn: return tr("Log start offset (earliest)");
        case LastOffsetColumn: return tr("High watermark: the offset the next message gets");
        case MessagesColumn: return tr("Last offset minus first offset (fewer after compaction)");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole) return alignmentFor(section);
    return {};
}

QVariant ClusterTreeModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_metadata) return {};
    const NodeKind kind = kindOf(index);
    if (role == KindRole) return static_cast<int>(kind);
    if (role == Qt::TextAlignmentRole) return alignmentFor(index.column());
    switch (kind) {
    case NodeKind::BrokersGroup:
    case NodeKind::TopicsGroup: return groupData(index.row(), index.column(), role);
    case NodeKind::Broker:
        return brokerData(m_metadata->brokers[static_cast<std::size_t>(index.row())], index.column(), role);
    case NodeKind::Topic: return topicData(index.row(), index.column(), role);
    case NodeKind::Partition:
        return partitionData(static_cast<int>(index.internalId() - 3), index.row(), index.column(), role);
    }
    return {};
}

QVariant ClusterTreeModel::groupData(int row, int column, int role) const {
    const bool brokers = row == 0;
    const auto count = static_cast<qint64>(brokers ? m_metadata->brokers.size() : m_metadata->topics.size());
    if (column != NameColumn) return {};
    switch (role) {
    case Qt::DisplayRole:
        return brokers ? tr("Brokers (%1)").arg(QLocale().toString(count))
                       : tr("Topics (%1)").arg(QLocale().toString(count));
    case SortRole: return row;
    case Qt::DecorationRole: return brokers ? icons::broker() : icons::topic();
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    default: return {};
    }
}

QVariant ClusterTreeModel::brokerData(const BrokerInfo& broker, int column, int role) const {
    const auto led = m_leaderCounts.find(broker.node_id);
    const int leads = led == m_leaderCounts.end() ? 0 : led->second;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return tr("Broker %1").arg(broker.node_id);
        case DetailsColumn: {
            QStringList parts{QString::fromStdString(broker.address())};
            if (broker.rack) parts.append(tr("rack %1").arg(QString::fromStdString(*broker.rack)));
            if (broker.is_controller) parts.append(tr("controller"));
            return parts.join(QStringLiteral(" · "));
        }
        case LeaderColumn: return leads;  // on a broker row: how many partitions it leads
        default: return {};
        }
    case SortRole:
        if (column == NameColumn) return broker.node_id;
        return brokerData(broker, column, Qt::DisplayRole);
    case Qt::DecorationRole: return column == NameColumn ? QVariant(icons::broker(broker.is_controller)) : QVariant();
    case Qt::FontRole:
        if (broker.is_controller) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return tr("Broker %1 at %2%3%4; leader of %5")
            .arg(broker.node_id)
            .arg(QString::fromStdString(broker.address()),
                 broker.rack ? tr(", rack %1").arg(QString::fromStdString(*broker.rack)) : QString(),
                 broker.is_controller ? tr(" (controller)") : QString(),
                 counted(leads, tr("1 partition"), tr("%1 partitions")));
    case BrokerIdRole: return broker.node_id;
    default: return {};
    }
}

QVariant ClusterTreeModel::topicData(int row, int column, int role) const {
    const TopicInfo& topic = m_metadata->topics[static_cast<std::size_t>(row)];
    const TopicOffsets& offsets = m_offsets[static_cast<std::size_t>(row)];
    const auto partitions = static_cast<int>(topic.partitions.size());
    int underReplicated = 0;
    int leaderless = 0;
    if (column == DetailsColumn || role == Qt::ForegroundRole) {
        for (const PartitionInfo& p : topic.partitions) {
            if (p.leader < 0) ++leaderless;
            else if (p.isr.size() < p.replicas.size()) ++underReplicated;
        }
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return QString::fromStdString(topic.name);
        case DetailsColumn: {
            QStringList parts{counted(partitions, tr("1 partition"), tr("%1 partitions"))};
            if (!topic.partitions.empty())
                parts.append(tr("RF %1").arg(topic.partitions.front().replicas.size()));
            if (topic.is_internal) parts.append(tr("internal"));
            if (topic.error_code != 0) parts.append(tr("error %1").arg(topic.error_code));
            if (leaderless > 0) parts.append(tr("%1 without leader").arg(leaderless));
            if (underReplicated > 0) parts.append(tr("%1 under-replicated").arg(underReplicated));
            return parts.join(QStringLiteral(" · "));
        }
        case MessagesColumn: return number(offsets.total);
        default: return {};
        }
    case SortRole:
        if (column == NameColumn) return QString::fromStdString(topic.name);
        if (column == DetailsColumn) return partitions;
        if (column == MessagesColumn) return offsets.total;
        return {};
    case Qt::DecorationRole: return column == NameColumn ? QVariant(icons::topic()) : QVariant();
    case Qt::ForegroundRole:
        if (topic.error_code != 0 || leaderless > 0) return QBrush(kProblemColor);
        if (underReplicated > 0 && column == DetailsColumn) return QBrush(kWarningColor);
        return {};
    case TopicNameRole: return QString::fromStdString(topic.name);
    case PartitionCountRole: return partitions;
    case MessageCountRole: return offsets.total;
    default: return {};
    }
}

QVariant ClusterTreeModel::partitionData(int topicRow, int row, int column, int role) const {
    const TopicInfo& topic = m_metadata->topics[static_cast<std::size_t>(topicRow)];
    const PartitionInfo& p = topic.partitions[static_cast<std::size_t>(row)];
    const OffsetCell& cell = m_offsets[static_cast<std::size_t>(topicRow)].partitions[static_cast<std::size_t>(row)];
    const bool underReplicated = p.isr.size() < p.replicas.size();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: return tr("Partition %1").arg(p.partition);
        case DetailsColumn:
            if (p.error_code != 0) return tr("error %1").arg(p.error_code);
            if (!cell.error.empty()) return tr("offsets unavailable");
            return {};
        case LeaderColumn: return p.leader < 0 ? tr("none") : QString::number(p.leader);
        case ReplicasColumn: return joinIds(p.replicas);
        case IsrColumn: return joinIds(p.isr);
        case FirstOffsetColumn: return number(cell.first);
        case LastOffsetColumn: return number(cell.last);
        case MessagesColumn: return number(cell.count());
        default: return {};
        }
    case SortRole:
        switch (column) {
        case NameColumn: return p.partition;
        case LeaderColumn: return p.leader;
        case FirstOffsetColumn: return cell.first;
        case LastOffsetColumn: return cell.last;
        case MessagesColumn: return cell.count();
        default: return partitionData(topicRow, row, column, Qt::DisplayRole);
        }
    case Qt::DecorationRole: return column == NameColumn ? QVariant(icons::partition()) : QVariant();
    case Qt::ForegroundRole:
        if (p.error_code != 0 || p.leader < 0 || (!cell.error.empty() && column == DetailsColumn))
            return QBrush(kProblemColor);
        if (underReplicated && column == IsrColumn) return QBrush(kWarningColor);
        return {};
    case Qt::ToolTipRole:
        if (!cell.error.empty()) return QString::fromStdString(cell.error);
        if (underReplicated) return tr("Under-replicated: %1 of %2 replicas in sync").arg(p.isr.size()).arg(p.replicas.size());
        return {};
    case TopicNameRole: return QString::fromStdString(topic.name);
    case PartitionRole: return p.partition;
    case MessageCountRole: return cell.count();
    default: return {};
    }
}

}  // namespace kafkascope::ui
