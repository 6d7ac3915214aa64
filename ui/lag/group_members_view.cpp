#include "lag/group_members_view.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "bridge/engine_bridge.h"
#include "lag/lag_members_model.h"

namespace kafkascope::ui {

GroupMembersView::GroupMembersView(EngineBridge& bridge, QWidget* parent) : QWidget(parent) {
    m_admin = new GroupAdminBridge(bridge, this);
    connect(m_admin, &GroupAdminBridge::groupsDescribed, this, &GroupMembersView::onDescribed);
    // The old engine's reply never comes; the next showGroup() asks the new one.
    connect(&bridge, &EngineBridge::engineAboutToChange, this, [this] {
        m_pending = 0;
        m_group.clear();
        m_model->clear();
        m_summary->clear();
        showMessage(tr("No group selected."));
    });

    m_summary = new QLabel(this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_model = new LagMembersModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("membersMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_message);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_refresh, &QPushButton::clicked, this, &GroupMembersView::refresh);
    showMessage(tr("No group selected."));
}

void GroupMembersView::showGroup(const QString& group) {
    if (group != m_group) {
        m_model->clear();
        m_summary->clear();
    }
    m_group = group;
    m_pending = 0;
    if (group.isEmpty()) {
        showMessage(tr("No group selected."));
        return;
    }
    m_pending = m_admin->describeGroups({group});
    if (m_pending == 0) {
        showMessage(tr("Not connected to a cluster."));
    } else if (m_model->rowCount() == 0) {
        showMessage(tr("Describing %1…").arg(group));
    }
}

void GroupMembersView::onDescribed(quint64 id, const GroupDescriptionsPtr& groups, const QString& error) {
    if (id != m_pending) return;  // a group no longer shown, or a superseded refresh
    m_pending = 0;
    if (!error.isEmpty() || !groups || groups->empty()) {
        m_model->clear();
        showMessage(tr("Members unavailable: %1").arg(error.isEmpty() ? tr("no answer") : error));
        return;
    }
    const admin::GroupDescription& d = groups->front();
    if (d.error) {
        m_model->clear();
        m_summary->clear();
        showMessage(tr("Members unavailable: %1").arg(QString::fromStdString(d.error.message)));
        return;
    }
    setDescription(d);
}

void GroupMembersView::setDescription(const admin::GroupDescription& d) {
    QString summary = tr("State %1 · %2 member(s)")
                          .arg(d.state.empty() ? tr("unknown") : QString::fromStdString(d.state))
                          .arg(d.members.size());
    if (!d.protocol.empty()) summary += tr(" · assignor %1").arg(QString::fromStdString(d.protocol));
    if (!d.coordinator_address.empty()) {
        summary += tr(" · coordinator %1").arg(QString::fromStdString(d.coordinator_address));
    }
    m_summary->setText(summary);
    m_model->setMembers(d.members);
    if (d.members.empty()) {
        showMessage(tr("%1 has no active members.").arg(QString::fromStdString(d.group_id)));
    } else {
        m_stack->setCurrentWidget(m_table);
    }
}

void GroupMembersView::showMessage(const QString& text) {
    m_message->setText(text);
    m_stack->setCurrentWidget(m_message);
}

bool GroupMembersView::isShowingMessage() const { return m_stack->currentWidget() == m_message; }

QString GroupMembersView::messageText() const { return m_message->text(); }

QString GroupMembersView::summaryText() const { return m_summary->text(); }

}  // namespace kafkascope::ui
