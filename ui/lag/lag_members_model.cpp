#include "lag/lag_members_model.h"

#include <QStringList>

namespace kafkascope::ui {

QString assignmentText(const std::vector<consumer::TopicPartitions>& assignment) {
    QStringList topics;
    for (const consumer::TopicPartitions& tp : assignment) {
        QStringList partitions;
        for (std::int32_t p : tp.partitions) partitions << QString::number(p);
        topics << QStringLiteral("%1: %2").arg(QString::fromStdString(tp.topic), partitions.join(QStringLiteral(", ")));
    }
    return topics.join(QStringLiteral("; "));
}

LagMembersModel::LagMembersModel(QObject* parent) : QAbstractTableModel(parent) {}

void LagMembersModel::setMembers(std::vector<admin::GroupMemberDescription> members) {
    beginResetModel();
    m_members = std::move(members);
    endResetModel();
}

int LagMembersModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_members.size());
}

int LagMembersModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LagMembersModel::data(const QModelIndex& index, int role) const {
    if (index.row() < 0 || index.row() >= rowCount()) return {};
    const admin::GroupMemberDescription& m = m_members[static_cast<std::size_t>(index.row())];
    if (role == Qt::ToolTipRole && index.column() == Assignment && !m.subscription.empty()) {
        QStringList topics;
        for (const std::string& t : m.subscription) topics << QString::fromStdString(t);
        return tr("subscribed to %1").arg(topics.join(QStringLiteral(", ")));
    }
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
        case Member: return QString::fromStdString(m.member_id);
        case ClientId: return QString::fromStdString(m.client_id);
        case Host: return QString::fromStdString(m.client_host);
        case InstanceId:
            return m.group_instance_id ? QString::fromStdString(*m.group_instance_id) : QStringLiteral("–");
        case Assignment:
            if (!m.decode_error.empty()) return tr("not decoded: %1").arg(QString::fromStdString(m.decode_error));
            return m.assignment.empty() ? tr("nothing assigned") : assignmentText(m.assignment);
        default: return {};
    }
}

QVariant LagMembersModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
        case Member: return tr("Member");
        case ClientId: return tr("Client id");
        case Host: return tr("Host");
        case InstanceId: return tr("Instance id");
        case Assignment: return tr("Assigned partitions");
        default: return {};
    }
}

}  // namespace kafkascope::ui
