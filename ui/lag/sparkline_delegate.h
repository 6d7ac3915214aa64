#pragma once
// Paints a small line of a row's recent values (LagGroupsModel::TrendRole)
// in the groups table's Trend column.

#include <QStyledItemDelegate>

namespace kafkascope::ui {

class SparklineDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit SparklineDelegate(int role, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_role;
};

}  // namespace kafkascope::ui
