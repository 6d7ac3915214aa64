#pragma once
// "Groups reading this topic", under the cluster tree: for the selected
// topic, the groups of the lag monitor's newest snapshot that have offsets
// on it, with their lag on that topic. The lag dashboard's monitor is the
// one source (no second poller): without a snapshot, or when no watched
// group reads the topic, a line says so and how to get the data. A
// double-click asks for the group's detail in the Lag tab.

#include <QString>
#include <QWidget>

#include "bridge/lag_bridge.h"

class QLabel;
class QTableView;

namespace kafkascope::ui {

class TopicGroupsModel;

class TopicGroupsView : public QWidget {
    Q_OBJECT

public:
    explicit TopicGroupsView(QWidget* parent = nullptr);

    void setTopic(const QString& topic);  // empty: nothing selected
    void setSnapshot(const LagSnapshotPtr& snapshot);

    TopicGroupsModel* model() const { return m_model; }
    QString hintText() const;
    QString titleText() const;

Q_SIGNALS:
    void groupActivated(const QString& group);

private:
    void update();

    QString m_topic;
    LagSnapshotPtr m_snapshot;
    TopicGroupsModel* m_model = nullptr;
    QLabel* m_title = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_hint = nullptr;
};

}  // namespace kafkascope::ui
