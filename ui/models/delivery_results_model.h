#pragma once
// DeliveryResultsModel: one row per produced message (#, partition, offset,
// timestamp, latency, error). Rows are compact records; display strings are
// built only in data(). Reports arrive a chunk at a time and each chunk is
// one beginInsertRows, never one per message. Error texts are interned: a
// failed batch repeats one message for every row.

#include <QAbstractTableModel>
#include <QHash>
#include <QStringList>
#include <vector>

#include "producer/writer_config.h"

namespace kafkascope::ui {

class DeliveryResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { IndexColumn, PartitionColumn, OffsetColumn, TimestampColumn, LatencyColumn, ErrorColumn, ColumnCount };
    // Raw values for tests and sorting: qint64 (or the error text).
    static constexpr int RawRole = Qt::UserRole + 1;

    explicit DeliveryResultsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void appendReports(const std::vector<producer::DeliveryReport>& reports);
    void clear();

private:
    struct Row {
        qint64 index;
        qint64 offset;
        qint64 timestampMs;
        qint64 latencyUs;
        qint32 partition;
        qint32 error;  // into m_errors, -1 = none
    };
    std::vector<Row> m_rows;
    QStringList m_errors;
    QHash<QString, int> m_errorIds;
};

}  // namespace kafkascope::ui
