#pragma once
// The before / after table of an offset reset (admin::ResetResult rows):
// partition, committed now, the new offset, log start and end, and the lag
// the group will have afterwards. A note says when the asked position was
// clamped to the log, or why a partition cannot be reset.

#include <QAbstractTableModel>
#include <vector>

#include "admin/offset_reset_plan.h"

namespace kafkascope::ui {

class ResetPreviewModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Partition, Current, New, LogStart, LogEnd, ResultingLag, Note, ColumnCount };

    explicit ResetPreviewModel(QObject* parent = nullptr);

    void setRows(std::vector<admin::ResetRow> rows);
    const std::vector<admin::ResetRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<admin::ResetRow> m_rows;
};

// The lag after the reset: log end - new offset; -1 when either is unknown.
qint64 resultingLag(const admin::ResetRow& row);

}  // namespace kafkascope::ui
