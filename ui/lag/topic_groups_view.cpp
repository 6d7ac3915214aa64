#include "lag/topic_groups_view.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QStringList>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include "lag/topic_groups_model.h"

namespace kafkascope::ui {

TopicGroupsView::TopicGroupsView(QWidget* parent) : QWidget(parent) { build(); }

TopicGroupsView::TopicGroupsView(EngineBridge& bridge, QWidget* parent) : QWidget(parent) {
    m_queries = new TopicGroupsBridge(bridge, this);
    connect(m_queries, &TopicGroupsBridge::topicGroupsReady, this, &TopicGroupsView::onAnswer);
    connect(m_queries, &TopicGroupsBridge::requestsDropped, this, [this] {
        // A new connection: what the old cluster said no longer holds.
        m_pendingId = 0;
        m_queried.reset();
        m_queryError.clear();
        update();
    });
    build();
}

void TopicGroupsView::build() {
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

    auto* titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    if (m_queries) {
        auto* refresh = new QToolButton(this);
        refresh->setObjectName(QStringLiteral("topicGroupsRefresh"));
        refresh->setText(tr("Refresh"));
        refresh->setToolTip(tr("Ask the cluster again which groups have committed offsets on this topic"));
        connect(refresh, &QToolButton::clicked, this, &TopicGroupsView::refresh);
        titleRow->addWidget(refresh);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(titleRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_hint);

    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        Q_EMIT groupActivated(m_model->index(index.row(), TopicGroupsModel::Group).data().toString());
    });
    update();
}

void TopicGroupsView::setTopic(const QString& topic) {
    if (topic != m_topic) {
        // A partition of the same topic keeps the answer; another topic drops it.
        m_topic = topic;
        m_pendingId = 0;
        m_queried.reset();
        m_queryError.clear();
        query();
    }
    update();
}

void TopicGroupsView::setSnapshot(const LagSnapshotPtr& snapshot) {
    m_snapshot = snapshot;
    update();
}

void TopicGroupsView::refresh() {
    query();
    update();
}

void TopicGroupsView::query() {
    if (!m_queries || m_topic.isEmpty()) return;
    m_queryError.clear();
    m_pendingId = m_queries->request(m_topic);  // 0 without an engine: the monitor alone
}

void TopicGroupsView::onAnswer(quint64 id, const TopicGroupsResultPtr& result, const QString& error) {
    if (id == 0 || id != m_pendingId) return;  // for a topic no longer selected, or superseded
    m_pendingId = 0;
    m_queried = result;
    m_queryError = error;
    update();
}

QString TopicGroupsView::queryHint() const {
    if (!m_queries || m_topic.isEmpty()) return {};
    if (m_pendingId != 0 && !m_queried) return tr("Asking the cluster which groups read %1…").arg(m_topic);
    if (!m_queryError.isEmpty()) return tr("Could not look up the groups reading %1: %2").arg(m_topic, m_queryError);
    if (!m_queried) return {};
    QStringList lines;
    const auto& failures = m_queried->failures;
    if (!failures.empty()) {
        QString line = tr("%1 of %2 broker(s) could not list their groups, so groups they coordinate are missing: %3")
                           .arg(failures.size())
                           .arg(m_queried->brokers_asked)
                           .arg(QString::fromStdString(failures.front().error.message));
        if (failures.size() > 1) line += tr(" (and %1 more)").arg(failures.size() - 1);
        lines << line;
    }
    const auto& unreadable = m_queried->group_failures;
    if (!unreadable.empty()) {
        lines << tr("The offsets of %1 group(s) could not be read: %2")
                     .arg(unreadable.size())
                     .arg(QString::fromStdString(unreadable.front().error.message));
    }
    if (failures.empty() && unreadable.empty() && m_queried->groups.empty()) {
        lines << tr("No group has committed offsets on %1 (%2 group(s) listed).")
                     .arg(m_topic)
                     .arg(m_queried->groups_listed);
    }
    return lines.join(QLatin1Char('\n'));
}

QString TopicGroupsView::monitorHint() const {
    if (m_topic.isEmpty()) return {};
    int liveRows = 0;
    for (int row = 0; row < m_model->rowCount(); ++row) liveRows += m_model->isLive(row) ? 1 : 0;
    if (m_snapshot) {
        if (liveRows > 0) return {};
        return tr("None of the %1 watched group(s) has offsets on %2.").arg(m_snapshot->groups.size()).arg(m_topic);
    }
    // Without the monitor, point to it only when the cluster's answer is not enough.
    const bool answered = m_queried && m_queried->failures.empty() && m_queried->group_failures.empty();
    if (answered || (m_queries && m_pendingId != 0)) return {};
    return tr("No lag data yet: watch groups in the Lag tab (leave the list empty for every group the "
              "cluster lists) to see which read this topic.");
}

void TopicGroupsView::update() {
    m_model->setSources(m_snapshot, m_queried, m_topic);
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
    QStringList lines;
    for (const QString& line : {queryHint(), monitorHint()}) {
        if (!line.isEmpty()) lines << line;
    }
    const QString hint = lines.join(QLatin1Char('\n'));
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

QString TopicGroupsView::hintText() const { return m_hint->text(); }

QString TopicGroupsView::titleText() const { return m_title->text(); }

}  // namespace kafkascope::ui
