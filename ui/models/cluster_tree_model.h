#pragma once
// ClusterTreeModel: brokers and topics -> partitions of one cluster.
//
//   Brokers (n)            id, host:port, rack, controller
//     Broker 1
//   Topics (n)             partition count, message total
//     orders
//       Partition 0        leader, replicas, ISR, first/last offset, messages
//
// The model keeps the engine's immutable snapshot (no per-row objects) and
// formats strings only in data(), for the rows a view asks about. Updates
// that keep the tree's shape emit a few ranged dataChanged signals (or one
// layoutChanged when too many topics changed); a new shape resets the model.

#include <QAbstractItemModel>
#include <string>
#include <unordered_map>
#include <vector>

#include "bridge/engine_types.h"

namespace kafkascope::ui {

class ClusterTreeModel : public QAbstractItemModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        DetailsColumn,
        LeaderColumn,
        ReplicasColumn,
        IsrColumn,
        FirstOffsetColumn,
        LastOffsetColumn,
        MessagesColumn,
        ColumnCount
    };
    enum class NodeKind { BrokersGroup, TopicsGroup, Broker, Topic, Partition };
    enum Role {
        KindRole = Qt::UserRole + 1,  // NodeKind as int
        SortRole,                     // numbers for numeric columns
        BrokerIdRole,                 // Broker rows
        TopicNameRole,                // Topic and Partition rows
        PartitionRole,                // Partition rows
        PartitionCountRole,           // Topic rows
        MessageCountRole,             // Topic and Partition rows; -1 while unknown
    };

    // Above this many changed topics one update emits a single layoutChanged
    // instead of per-topic dataChanged signals.
    static constexpr int kMaxFineGrainedTopicChanges = 128;

    explicit ClusterTreeModel(QObject* parent = nullptr);

    void setMetadata(const MetadataSnapshot& metadata);
    void setOffsets(const std::vector<PartitionOffsets>& offsets);
    void clear();

    const ClusterMetadata* metadata() const { return m_metadata.get(); }
    QModelIndex brokersIndex() const;
    QModelIndex topicsIndex() const;
    QModelIndex topicIndex(const QString& name) const;
    static NodeKind kindOf(const QModelIndex& index);

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct OffsetCell {
        qint64 first = -1;
        qint64 last = -1;
        std::string error;  // set when this partition's lookup failed
        bool known() const { return first >= 0 && last >= 0; }
        qint64 count() const { return known() && last >= first ? last - first : -1; }
        friend bool operator==(const OffsetCell&, const OffsetCell&) = default;
    };
    struct TopicOffsets {
        std::vector<OffsetCell> partitions;  // aligned with TopicInfo::partitions
        qint64 total = -1;                   // -1 until any partition is known
    };

    bool sameShape(const ClusterMetadata& next) const;
    void rebuildLookups();
    void remapOffsets(std::vector<TopicOffsets> previous, const ClusterMetadata* previousMetadata);
    void recomputeTotal(TopicOffsets& topic) const;
    void announceTopicChanges(const std::vector<int>& topicRows, int firstColumn, int lastColumn);
    int partitionSlot(int topicRow, std::int32_t partition) const;

    QVariant brokerData(const BrokerInfo& broker, int column, int role) const;
    QVariant topicData(int row, int column, int role) const;
    QVariant partitionData(int topicRow, int row, int column, int role) const;
    QVariant groupData(int row, int column, int role) const;

    MetadataSnapshot m_metadata;
    std::vector<TopicOffsets> m_offsets;              // one per topic row
    std::unordered_map<std::string, int> m_topicRows;  // name -> row
    std::unordered_map<std::int32_t, int> m_leaderCounts;  // broker id -> partitions led
};

}  // namespace kafkascope::ui
