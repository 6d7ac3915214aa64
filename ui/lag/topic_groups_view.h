#pragma once
// "Groups reading this topic", under the cluster tree: for the selected
// topic, every group with committed offsets on it and its lag there. When
// the topic is selected the view asks the engine (TopicGroupsBridge: queued,
// never blocking; an answer for a topic no longer selected is dropped), and
// it merges in the groups of the lag monitor's newest snapshot, whose live
// numbers win for the groups it watches. When the query fails, or some
// brokers cannot list their groups (the sandbox has no ListGroups), the line
// under the table says why and the monitor's groups still show. A
// double-click asks for the group's detail in the Lag tab.

#include <QString>
#include <QWidget>

#include "bridge/lag_bridge.h"
#include "bridge/topic_groups_bridge.h"

class QLabel;
class QTableView;

namespace kafkascope::ui {

class EngineBridge;
class TopicGroupsModel;

class TopicGroupsView : public QWidget {
    Q_OBJECT

public:
    // Monitor snapshots only (no engine queries).
    explicit TopicGroupsView(QWidget* parent = nullptr);
    // Also asks `bridge`'s engine each time a topic is selected.
    explicit TopicGroupsView(EngineBridge& bridge, QWidget* parent = nullptr);

    void setTopic(const QString& topic);  // empty: nothing selected
    void setSnapshot(const LagSnapshotPtr& snapshot);
    // Asks the engine again for the current topic.
    void refresh();

    TopicGroupsModel* model() const { return m_model; }
    QString hintText() const;
    QString titleText() const;
    bool isQuerying() const { return m_pendingId != 0; }

Q_SIGNALS:
    void groupActivated(const QString& group);

private:
    void build();
    void query();
    void onAnswer(quint64 id, const TopicGroupsResultPtr& result, const QString& error);
    QString queryHint() const;
    QString monitorHint() const;
    void update();

    TopicGroupsBridge* m_queries = nullptr;  // null: monitor only
    QString m_topic;
    LagSnapshotPtr m_snapshot;
    quint64 m_pendingId = 0;         // the query for m_topic in flight, 0 none
    TopicGroupsResultPtr m_queried;  // the engine's answer for m_topic
    QString m_queryError;            // or why there is none
    TopicGroupsModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_hint = nullptr;
};

}  // namespace kafkascope::ui
