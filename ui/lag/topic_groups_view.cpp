#include "lag/topic_groups_view.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

#include "lag/topic_groups_model.h"

namespace kafkascope::ui {

TopicGroupsView::TopicGroupsView(QWidget* parent) : QWidget(parent) {
    m_model = new TopicGroupsModel(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("topicGroupsTitle"));
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("topicGroupsHint"));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_hint);

    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT groupActivated(m_model->index(index.row(), TopicGroupsModel::Group).data().toString());
    });
    update();
}

void TopicGroupsView::setTopic(const QString& topic) {
    m_topic = topic;
    update();
}

void TopicGroupsView::setSnapshot(const LagSnapshotPtr& snapshot) {
    m_snapshot = snapshot;
    update();
}

void TopicGroupsView::update() {
    m_model->setTopic(m_snapshot, m_topic);
    if (m_topic.isEmpty()) {
        m_title->setText(tr("Groups reading the selected topic"));
    } else if (m_snapshot) {
        m_title->setText(tr("Groups reading %1 (poll %2 at %3)")
                             .arg(m_topic)
                             .arg(m_snapshot->cycle)
                             .arg(QDateTime::fromMSecsSinceEpoch(m_snapshot->time_ms).toString(QStringLiteral("HH:mm:ss"))));
    } else {
        m_title->setText(tr("Groups reading %1").arg(m_topic));
    }
    QString hint;
    if (!m_snapshot) {
        hint = tr("No lag data yet: watch groups in the Lag tab (leave the list empty for every group the "
                  "cluster lists) to see which read this topic.");
    } else if (!m_topic.isEmpty() && m_model->rowCount() == 0) {
        hint = tr("None of the %1 watched group(s) has offsets on %2.").arg(m_snapshot->groups.size()).arg(m_topic);
    }
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

QString TopicGroupsView::hintText() const { return m_hint->text(); }

QString TopicGroupsView::titleText() const { return m_title->text(); }

}  // namespace kafkascope::ui
