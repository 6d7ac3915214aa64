#include "models/api_versions_model.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPalette>

namespace kafkascope::ui {
namespace {

QString range(std::int16_t min, std::int16_t max) {
    if (min < 0 || max < 0) return QStringLiteral("—");
    if (min == max) return QString::number(min);
    return QStringLiteral("%1 – %2").arg(min).arg(max);
}

}  // namespace

ApiVersionsModel::ApiVersionsModel(QObject* parent) : QAbstractTableModel(parent) {}

void ApiVersionsModel::setRows(std::vector<ApiVersionRow> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int ApiVersionsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ApiVersionsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ApiVersionsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn: return tr("API");
        case KeyColumn: return tr("Key");
        case OursColumn: return tr("Ours");
        case BrokerColumn: return tr("Broker");
        case ChosenColumn: return tr("Used");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case OursColumn: return tr("Versions Kafkascope implements");
        case BrokerColumn: return tr("Versions the broker advertises in ApiVersions");
        case ChosenColumn: return tr("Highest version both sides support");
        default: return {};
        }
    }
    return {};
}

QVariant ApiVersionsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const ApiVersionRow& row = m_rows[static_cast<std::size_t>(index.row())];
    const bool weUse = row.our_max >= 0;
    const bool brokerHas = row.broker_max >= 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return QString::fromStdString(row.name);
        case KeyColumn: return row.api_key;
        case OursColumn: return range(row.our_min, row.our_max);
        case BrokerColumn: return range(row.broker_min, row.broker_max);
        case ChosenColumn:
            if (row.chosen >= 0) return QStringLiteral("v%1").arg(row.chosen);
            if (weUse && brokerHas) return tr("no common version");
            if (weUse) return tr("broker lacks it");
            return {};
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case NameColumn: return QString::fromStdString(row.name);
        case OursColumn: return row.our_max;
        case BrokerColumn: return row.broker_max;
        case ChosenColumn: return row.chosen;
        default: return row.api_key;
        }
    case Qt::TextAlignmentRole:
        if (index.column() == NameColumn) return {};
        return QVariant::fromValue(Qt::Alignment(Qt::AlignCenter));
    case Qt::ForegroundRole:
        if (weUse && row.chosen < 0) return QBrush(QColor(0xc0, 0x39, 0x2b));
        if (!weUse) return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
        return {};
    case Qt::FontRole:
        if (weUse && index.column() == ChosenColumn) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (!weUse) return tr("Kafkascope does not use this API");
        return {};
    default: return {};
    }
}

}  // namespace kafkascope::ui
