#include "widgets/headers_table.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>

namespace kafkascope::ui {

HeadersTable::HeadersTable(QWidget* parent) : QWidget(parent) {
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("headersTable"));
    m_table->setHorizontalHeaderLabels({tr("Header key"), tr("Value")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto* add = new QToolButton(this);
    add->setText(tr("+"));
    add->setToolTip(tr("Add a header"));
    auto* remove = new QToolButton(this);
    remove->setText(tr("−"));
    remove->setToolTip(tr("Remove the selected headers"));
    connect(add, &QToolButton::clicked, this, [this] { addHeader(); });
    connect(remove, &QToolButton::clicked, this, &HeadersTable::removeSelected);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
}

void HeadersTable::addHeader(const QString& key, const QString& value) {
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(key));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    if (key.isEmpty()) m_table->editItem(m_table->item(row, 0));
}

void HeadersTable::removeSelected() {
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::vector<int> numbers;
    for (const QModelIndex& index : rows) numbers.push_back(index.row());
    std::sort(numbers.rbegin(), numbers.rend());
    for (int row : numbers) m_table->removeRow(row);
}

std::vector<std::pair<QString, QString>> HeadersTable::headers() const {
    std::vector<std::pair<QString, QString>> result;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QTableWidgetItem* key = m_table->item(row, 0);
        const QTableWidgetItem* value = m_table->item(row, 1);
        if (!key || key->text().isEmpty()) continue;
        result.emplace_back(key->text(), value ? value->text() : QString());
    }
    return result;
}

}  // namespace kafkascope::ui
