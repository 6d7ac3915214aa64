#include "models/cluster_filter_proxy_model.h"

#include "models/cluster_tree_model.h"

namespace kafkascope::ui {

using Kind = ClusterTreeModel::NodeKind;

ClusterFilterProxyModel::ClusterFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent) {
    setRecursiveFilteringEnabled(true);
    setAutoAcceptChildRows(true);
    setSortRole(ClusterTreeModel::SortRole);
    setFilterRole(ClusterTreeModel::TopicNameRole);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void ClusterFilterProxyModel::setTopicFilter(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed == m_topicFilter) return;
    m_topicFilter = trimmed;
    invalidateRowsFilter();
}

bool ClusterFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    switch (ClusterTreeModel::kindOf(index)) {
    case Kind::BrokersGroup: return true;  // and, through autoAcceptChildRows, every broker
    case Kind::TopicsGroup: return m_topicFilter.isEmpty();  // else shown through matching topics
    case Kind::Topic:
        return m_topicFilter.isEmpty() ||
               index.data(ClusterTreeModel::TopicNameRole).toString().contains(m_topicFilter, Qt::CaseInsensitive);
    case Kind::Broker:
    case Kind::Partition: return false;  // shown with their accepted parent
    }
    return false;
}

bool ClusterFilterProxyModel::lessThan(const QModelIndex& left, const QModelIndex& right) const {
    const Kind kind = ClusterTreeModel::kindOf(left);
    if (kind == Kind::BrokersGroup || kind == Kind::TopicsGroup) {
        // Brokers above Topics whichever way the user sorts.
        return sortOrder() == Qt::AscendingOrder ? left.row() < right.row() : left.row() > right.row();
    }
    const QVariant a = left.data(ClusterTreeModel::SortRole);
    const QVariant b = right.data(ClusterTreeModel::SortRole);
    const auto order = QVariant::compare(a, b);
    if (order == QPartialOrdering::Less) return true;
    if (order == QPartialOrdering::Greater) return false;
    return left.row() < right.row();  // stable: source order breaks ties
}

}  // namespace kafkascope::ui
