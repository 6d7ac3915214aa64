#include "lag/sparkline_delegate.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>

namespace kafkascope::ui {

SparklineDelegate::SparklineDelegate(int role, QObject* parent) : QStyledItemDelegate(parent), m_role(role) {}

void SparklineDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    QStyledItemDelegate::paint(painter, option, index);
    const QList<qint64> values = index.data(m_role).value<QList<qint64>>();
    if (values.size() < 2) return;
    // The newest 60 polls (5 min at 5 s), scaled to the cell.
    const qsizetype first = std::max<qsizetype>(0, values.size() - 60);
    qint64 top = 1;
    for (qsizetype i = first; i < values.size(); ++i) top = std::max(top, values[i]);
    const QRectF r = QRectF(option.rect).adjusted(4, 4, -4, -4);
    const qsizetype n = values.size() - first;
    QPainterPath path;
    for (qsizetype i = 0; i < n; ++i) {
        const double x = r.left() + r.width() * static_cast<double>(i) / static_cast<double>(n - 1);
        const double y = r.bottom() - r.height() * static_cast<double>(values[first + i]) / static_cast<double>(top);
        i == 0 ? path.moveTo(x, y) : path.lineTo(x, y);
    }
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(QPen(option.palette.color(QPalette::Highlight), 1.5));
    painter->drawPath(path);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(120, 22));
}

}  // namespace kafkascope::ui
