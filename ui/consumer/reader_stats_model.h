#pragma once
// GroupReader's ReaderStats as a two-column table (name, value), every
// field kafka-go shows plus the rates between two updates. The rows never
// change; an update is one ranged dataChanged.

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QString>
#include <optional>
#include <vector>

#include "consumer/reader_stats.h"

namespace kafkascope::ui {

class ReaderStatsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Name, Value, ColumnCount };

    explicit ReaderStatsModel(QObject* parent = nullptr);

    void setStats(const consumer::ReaderStats& stats);
    void clear();
    const std::optional<consumer::ReaderStats>& stats() const { return m_stats; }
    // The value shown for the row called `name` (tests, tooltips).
    QString valueOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Field {
        QString name;
        QString hint;
        QString (*format)(const consumer::ReaderStats& s, double messagesPerSecond, double bytesPerSecond);
    };

    std::vector<Field> m_fields;
    std::optional<consumer::ReaderStats> m_stats;
    std::optional<consumer::ReaderStats> m_previous;
    QElapsedTimer m_sincePrevious;
    double m_messagesPerSecond = 0;
    double m_bytesPerSecond = 0;
};

}  // namespace kafkascope::ui
