#pragma once
// A group's members as DescribeGroups reports them: member id, client id,
// host, static instance id and the partitions assigned to each (decoded
// from the consumer protocol; a decode failure is shown in its place).

#include <QAbstractTableModel>
#include <vector>

#include "admin/group_types.h"

namespace kafkascope::ui {

class LagMembersModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { Member, ClientId, Host, InstanceId, Assignment, ColumnCount };

    explicit LagMembersModel(QObject* parent = nullptr);

    void setMembers(std::vector<admin::GroupMemberDescription> members);
    void clear() { setMembers({}); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<admin::GroupMemberDescription> m_members;
};

// "orders: 0, 1, 2; audit: 0" — topics in the order given.
QString assignmentText(const std::vector<consumer::TopicPartitions>& assignment);

}  // namespace kafkascope::ui
