#include "models/cluster_tree_model.h"

#include <algorithm>

namespace kafkascope::ui {
namespace {

// internalId of an index names its parent: top-level groups, children of
// the Brokers group, children of the Topics group, or (kFirstPartitionParent
// + topic row) for the partitions of one topic.
constexpr quintptr kGroupParent = 0;
constexpr quintptr kBrokerParent = 1;
constexpr quintptr kTopicParent = 2;
constexpr quintptr kFirstPartitionParent = 3;
constexpr int kBrokersGroupRow = 0;
constexpr int kTopicsGroupRow = 1;

bool samePartitionState(const PartitionInfo& a, const PartitionInfo& b) {
    return a.leader == b.leader && a.leader_epoch == b.leader_epoch && a.replicas == b.replicas &&
           a.isr == b.isr && a.offline_replicas == b.offline_replicas && a.error_code == b.error_code;
}

bool sameBroker(const BrokerInfo& a, const BrokerInfo& b) {
    return a.node_id == b.node_id && a.host == b.host && a.port == b.port && a.rack == b.rack &&
           a.is_controller == b.is_controller;
}

}  // namespace

ClusterTreeModel::ClusterTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

ClusterTreeModel::NodeKind ClusterTreeModel::kindOf(const QModelIndex& index) {
    switch (index.internalId()) {
    case kGroupParent: return index.row() == kBrokersGroupRow ? NodeKind::BrokersGroup : NodeKind::TopicsGroup;
    case kBrokerParent: return NodeKind::Broker;
    case kTopicParent: return NodeKind::Topic;
    default: return NodeKind::Partition;
    }
}

QModelIndex ClusterTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, kGroupParent);
    switch (kindOf(parent)) {
    case NodeKind::BrokersGroup: return createIndex(row, column, kBrokerParent);
    case NodeKind::TopicsGroup: return createIndex(row, column, kTopicParent);
    case NodeKind::Topic:
        return createIndex(row, column, kFirstPartitionParent + static_cast<quintptr>(parent.row()));
    default: return {};
    }
}

QModelIndex ClusterTreeModel::parent(const QModelIndex& child) const {
    if (!child.isValid()) return {};
    const quintptr id = child.internalId();
    if (id == kGroupParent) return {};
    if (id == kBrokerParent) return createIndex(kBrokersGroupRow, 0, kGroupParent);
    if (id == kTopicParent) return createIndex(kTopicsGroupRow, 0, kGroupParent);
    return createIndex(static_cast<int>(id - kFirstPartitionParent), 0, kTopicParent);
}

int ClusterTreeModel::rowCount(const QModelIndex& parent) const {
    if (!m_metadata) return 0;
    if (!parent.isValid()) return 2;
    if (parent.column() != 0) return 0;
    switch (kindOf(parent)) {
    case NodeKind::BrokersGroup: return static_cast<int>(m_metadata->brokers.size());
    case NodeKind::TopicsGroup: return static_cast<int>(m_metadata->topics.size());
    case NodeKind::Topic:
        return static_cast<int>(m_metadata->topics[static_cast<std::size_t>(parent.row())].partitions.size());
    default: return 0;
    }
}

int ClusterTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

Qt::ItemFlags ClusterTreeModel::flags(const QModelIndex& index) const {
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags result = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const NodeKind kind = kindOf(index);
    if (kind == NodeKind::Broker || kind == NodeKind::Partition) result |= Qt::ItemNeverHasChildren;
    return result;
}

QModelIndex ClusterTreeModel::brokersIndex() const {
    return m_metadata ? createIndex(kBrokersGroupRow, 0, kGroupParent) : QModelIndex();
}

QModelIndex ClusterTreeModel::topicsIndex() const {
    return m_metadata ? createIndex(kTopicsGroupRow, 0, kGroupParent) : QModelIndex();
}

QModelIndex ClusterTreeModel::topicIndex(const QString& name) const {
    const auto it = m_topicRows.find(name.toStdString());
    return it == m_topicRows.end() ? QModelIndex() : createIndex(it->second, 0, kTopicParent);
}

void ClusterTreeModel::clear() {
    beginResetModel();
    m_metadata.reset();
    m_offsets.clear();
    rebuildLookups();
    endResetModel();
}

bool ClusterTreeModel::sameShape(const ClusterMetadata& next) const {
    if (!m_metadata) return false;
    const ClusterMetadata& current = *m_metadata;
    if (current.brokers.size() != next.brokers.size() || current.topics.size() != next.topics.size())
        return false;
    for (std::size_t i = 0; i < next.brokers.size(); ++i) {
        if (current.brokers[i].node_id != next.brokers[i].node_id) return false;
    }
    for (std::size_t i = 0; i < next.topics.size(); ++i) {
        const TopicInfo& a = current.topics[i];
        const TopicInfo& b = next.topics[i];
        if (a.name != b.name || a.partitions.size() != b.partitions.size()) return false;
        for (std::size_t p = 0; p < a.partitions.size(); ++p) {
            if (a.partitions[p].partition != b.partitions[p].partition) return false;
        }
    }
    return true;
}

void ClusterTreeModel::setMetadata(const MetadataSnapshot& metadata) {
    if (!metadata) {
        clear();
        return;
    }
    if (!sameShape(*metadata)) {
        beginResetModel();
        MetadataSnapshot previous = std::exchange(m_metadata, metadata);
        rebuildLookups();
        remapOffsets(std::move(m_offsets), previous.get());
        endResetModel();
        return;
    }

    // Same shape: swap the snapshot and tell views which rows changed.
    const MetadataSnapshot previous = std::exchange(m_metadata, metadata);
    rebuildLookups();
    const auto& oldBrokers = previous->brokers;
    const auto& newBrokers = m_metadata->brokers;
    std::vector<int> changed;
    for (std::size_t t = 0; t < m_metadata->topics.size(); ++t) {
        const auto& a = previous->topics[t];
        const auto& b = m_metadata->topics[t];
        if (a.is_internal != b.is_internal || a.error_code != b.error_code ||
            !std::equal(a.partitions.begin(), a.partitions.end(), b.partitions.begin(), samePartitionState)) {
            changed.push_back(static_cast<int>(t));
        }
    }
    // Broker rows show how many partitions each leads, so leader moves count too.
    const QModelIndex group = brokersIndex();
    if ((!changed.empty() || !std::equal(oldBrokers.begin(), oldBrokers.end(), newBrokers.begin(), sameBroker)) &&
        rowCount(group) > 0) {
        Q_EMIT dataChanged(index(0, 0, group), index(rowCount(group) - 1, ColumnCount - 1, group));
    }
    announceTopicChanges(changed, NameColumn, ColumnCount - 1);
}

void ClusterTreeModel::setOffsets(const std::vector<PartitionOffsets>& offsets) {
    if (!m_metadata) return;
    std::vector<char> touched(m_offsets.size(), 0);
    for (const PartitionOffsets& entry : offsets) {
        const auto it = m_topicRows.find(entry.topic);
        if (it == m_topicRows.end()) continue;  // a topic the metadata does not list (yet)
        const int slot = partitionSlot(it->second, entry.partition);
        if (slot < 0) continue;
        OffsetCell cell{entry.first, entry.last, entry.error ? entry.error.message : std::string()};
        if (entry.error && cell.error.empty()) cell.error = entry.error.code.message();
        OffsetCell& current = m_offsets[static_cast<std::size_t>(it->second)].partitions[static_cast<std::size_t>(slot)];
        if (current == cell) continue;
        current = std::move(cell);
        touched[static_cast<std::size_t>(it->second)] = 1;
    }
    std::vector<int> changed;
    for (std::size_t t = 0; t < touched.size(); ++t) {
        if (!touched[t]) continue;
        recomputeTotal(m_offsets[t]);
        changed.push_back(static_cast<int>(t));
    }
    announceTopicChanges(changed, DetailsColumn, ColumnCount - 1);
}

void ClusterTreeModel::announceTopicChanges(const std::vector<int>& topicRows, int firstColumn, int lastColumn) {
    if (topicRows.empty()) return;
    if (static_cast<int>(topicRows.size()) > kMaxFineGrainedTopicChanges) {
        // Shape is unchanged, so no persistent index moves: one signal makes
        // every view and proxy re-read what it shows.
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::NoLayoutChangeHint);
        Q_EMIT layoutChanged({}, QAbstractItemModel::NoLayoutChangeHint);
        return;
    }
    const QModelIndex topics = topicsIndex();
    // One signal per run of adjacent topic rows, one per changed topic's partitions.
    std::size_t runStart = 0;
    for (std::size_t i = 1; i <= topicRows.size(); ++i) {
        if (i < topicRows.size() && topicRows[i] == topicRows[i - 1] + 1) continue;
        Q_EMIT dataChanged(index(topicRows[runStart], firstColumn, topics),
                           index(topicRows[i - 1], lastColumn, topics));
        runStart = i;
    }
    for (int row : topicRows) {
        const QModelIndex topic = index(row, 0, topics);
        const int partitions = rowCount(topic);
        if (partitions > 0) {
            Q_EMIT dataChanged(index(0, firstColumn, topic), index(partitions - 1, lastColumn, topic));
        }
    }
}

int ClusterTreeModel::partitionSlot(int topicRow, std::int32_t partition) const {
    const auto& partitions = m_metadata->topics[static_cast<std::size_t>(topicRow)].partitions;
    // Partitions are sorted and usually dense, so slot == partition id.
    if (partition >= 0 && static_cast<std::size_t>(partition) < partitions.size() &&
        partitions[static_cast<std::size_t>(partition)].partition == partition) {
        return partition;
    }
    const auto it = std::lower_bound(partitions.begin(), partitions.end(), partition,
                                     [](const PartitionInfo& p, std::int32_t id) { return p.partition < id; });
    if (it == partitions.end() || it->partition != partition) return -1;
    return static_cast<int>(it - partitions.begin());
}

void ClusterTreeModel::rebuildLookups() {
    m_topicRows.clear();
    m_leaderCounts.clear();
    if (!m_metadata) return;
    m_topicRows.reserve(m_metadata->topics.size());
    for (std::size_t t = 0; t < m_metadata->topics.size(); ++t) {
        m_topicRows.emplace(m_metadata->topics[t].name, static_cast<int>(t));
        for (const PartitionInfo& p : m_metadata->topics[t].partitions) {
            if (p.leader >= 0) ++m_leaderCounts[p.leader];
        }
    }
}

void ClusterTreeModel::remapOffsets(std::vector<TopicOffsets> previous, const ClusterMetadata* previousMetadata) {
    // Carry known offsets over to the new shape by topic name and partition id,
    // so a new topic does not blank every other topic's numbers.
    m_offsets.assign(m_metadata->topics.size(), {});
    for (std::size_t t = 0; t < m_metadata->topics.size(); ++t) {
        m_offsets[t].partitions.resize(m_metadata->topics[t].partitions.size());
    }
    if (!previousMetadata) return;
    for (std::size_t t = 0; t < previous.size() && t < previousMetadata->topics.size(); ++t) {
        const TopicInfo& old = previousMetadata->topics[t];
        const auto it = m_topicRows.find(old.name);
        if (it == m_topicRows.end()) continue;
        TopicOffsets& target = m_offsets[static_cast<std::size_t>(it->second)];
        for (std::size_t p = 0; p < old.partitions.size() && p < previous[t].partitions.size(); ++p) {
            const int slot = partitionSlot(it->second, old.partitions[p].partition);
            if (slot >= 0) target.partitions[static_cast<std::size_t>(slot)] = std::move(previous[t].partitions[p]);
        }
        recomputeTotal(target);
    }
}

void ClusterTreeModel::recomputeTotal(TopicOffsets& topic) const {
    qint64 total = -1;
    for (const OffsetCell& cell : topic.partitions) {
        const qint64 count = cell.count();
        if (count >= 0) total = (total < 0 ? 0 : total) + count;
    }
    topic.total = total;
}

}  // namespace kafkascope::ui
