#pragma once
// The messages of one read window, as a table: offset, timestamp, key,
// value preview, headers. Keeps the messages as they came (bytes) and
// formats strings only in data(); rows arrive in batches, one
// beginInsertRows per batch.

#include <QAbstractTableModel>
#include <vector>

#include "consumer/message.h"

namespace kafkascope::ui {

class MessageWindowModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Offset, Timestamp, Key, Value, Headers, ColumnCount };
    static constexpr int kPreviewChars = 200;

    using QAbstractTableModel::QAbstractTableModel;

    void clear();
    void append(const std::vector<consumer::Message>& batch);
    const consumer::Message& message(int row) const { return m_messages[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<consumer::Message> m_messages;
};

}  // namespace kafkascope::ui
