#pragma once
// The group detail's members: state, protocol and coordinator on one line,
// then each member with its assigned partitions, from DescribeGroups
// (asked through GroupAdminBridge when the group is chosen, or on Refresh).
// Where the group cannot be described — a broker without DescribeGroups, a
// coordinator down — the engine's message stands in place of the table.

#include <QString>
#include <QWidget>

#include "bridge/group_admin_bridge.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace kafkascope::ui {

class EngineBridge;
class LagMembersModel;

class GroupMembersView : public QWidget {
    Q_OBJECT

public:
    explicit GroupMembersView(EngineBridge& bridge, QWidget* parent = nullptr);

    // Describes `group` (nothing for an empty name); a reply for a group no
    // longer shown is dropped.
    void showGroup(const QString& group);
    void refresh() { showGroup(m_group); }
    QString group() const { return m_group; }
    // Shows a description as DescribeGroups returned it.
    void setDescription(const admin::GroupDescription& description);

    LagMembersModel* model() const { return m_model; }
    bool isShowingMessage() const;
    QString messageText() const;
    QString summaryText() const;
    bool isBusy() const { return m_pending != 0; }

private:
    void onDescribed(quint64 id, const GroupDescriptionsPtr& groups, const QString& error);
    void showMessage(const QString& text);

    GroupAdminBridge* m_admin = nullptr;
    QString m_group;
    quint64 m_pending = 0;
    LagMembersModel* m_model = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_refresh = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_message = nullptr;
};

}  // namespace kafkascope::ui
