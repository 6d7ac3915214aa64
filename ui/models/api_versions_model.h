#pragma once
// One broker's ApiVersions answer next to ours: one row per API either side
// knows (ApiVersionRow), strings formatted in data().

#include <QAbstractTableModel>
#include <vector>

#include "cluster/cluster_types.h"

namespace kafkascope::ui {

class ApiVersionsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, KeyColumn, OursColumn, BrokerColumn, ChosenColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit ApiVersionsModel(QObject* parent = nullptr);

    void setRows(std::vector<ApiVersionRow> rows);
    const std::vector<ApiVersionRow>& rows() const { return m_rows; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<ApiVersionRow> m_rows;
};

}  // namespace kafkascope::ui
