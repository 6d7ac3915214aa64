#pragma once
// HeadersTable: an editable key/value table with Add and Remove buttons, for
// the record headers of a produced message. Rows with an empty key are
// ignored.

#include <QWidget>
#include <utility>
#include <vector>

class QTableWidget;

namespace kafkascope::ui {

class HeadersTable : public QWidget {
    Q_OBJECT

public:
    explicit HeadersTable(QWidget* parent = nullptr);

    void addHeader(const QString& key = {}, const QString& value = {});
    void removeSelected();
    std::vector<std::pair<QString, QString>> headers() const;
    QTableWidget* table() const { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

}  // namespace kafkascope::ui
