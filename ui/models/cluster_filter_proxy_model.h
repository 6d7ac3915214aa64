#pragma once
// Filters ClusterTreeModel by topic name, recursively: a topic that matches
// brings its partitions (autoAcceptChildRows) and the Topics group (recursive
// filtering); the Brokers group and its rows always show. Sorting keeps the
// two groups in their own order and compares numbers as numbers.

#include <QSortFilterProxyModel>

namespace kafkascope::ui {

class ClusterFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit ClusterFilterProxyModel(QObject* parent = nullptr);

    // Case-insensitive substring of the topic name; empty shows everything.
    void setTopicFilter(const QString& text);
    QString topicFilter() const { return m_topicFilter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_topicFilter;
};

}  // namespace kafkascope::ui
