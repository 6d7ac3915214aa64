#pragma once
// ClusterPane: the cluster tree (brokers; topics -> partitions) with a topic
// filter, a Refresh button and an auto-refresh interval. It feeds the
// bridge's snapshots into its ClusterTreeModel and keeps expanded topics and
// the selection across model resets. Under the tree, a selected topic shows
// the groups that read it with their lag (TopicGroupsView: asked of the
// engine on selection, merged with the lag monitor's snapshots, which the
// main window feeds it).

#include <QSet>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTreeView;

namespace kafkascope::ui {

class ClusterFilterProxyModel;
class ClusterTreeModel;
class EngineBridge;
class TopicGroupsView;

class ClusterPane : public QWidget {
    Q_OBJECT

public:
    static constexpr int kDefaultAutoRefreshSeconds = 10;

    explicit ClusterPane(EngineBridge& bridge, QWidget* parent = nullptr);

    ClusterTreeModel* model() const { return m_model; }
    ClusterFilterProxyModel* proxyModel() const { return m_proxy; }
    QTreeView* view() const { return m_view; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    TopicGroupsView* topicGroupsView() const { return m_topicGroups; }

    // 0 turns auto-refresh off.
    void setAutoRefreshSeconds(int seconds);
    int autoRefreshSeconds() const { return m_autoRefreshSeconds; }

Q_SIGNALS:
    void brokerSelected(int nodeId);
    void topicSelected(const QString& topic, int partition);  // partition -1: the topic itself
    void selectionCleared();
    void autoRefreshSecondsChanged(int seconds);
    // "Browse messages" (context menu or double-click) on a topic or partition row.
    void browseRequested(const QString& topic, int partition);  // partition -1: all

private:
    QWidget* buildToolbar();
    void onAutoRefreshTick();
    void onCurrentChanged(const QModelIndex& current);
    void rememberViewState();
    void restoreViewState();
    void updateSummary();

    EngineBridge& m_bridge;
    ClusterTreeModel* m_model = nullptr;
    ClusterFilterProxyModel* m_proxy = nullptr;
    QTreeView* m_view = nullptr;
    QLineEdit* m_filterEdit = nullptr;
    QComboBox* m_intervalCombo = nullptr;
    QToolButton* m_refreshButton = nullptr;
    QLabel* m_summaryLabel = nullptr;
    TopicGroupsView* m_topicGroups = nullptr;  // shown while a topic or partition is selected
    QTimer m_autoRefreshTimer;
    QTimer m_filterDelay;
    int m_autoRefreshSeconds = kDefaultAutoRefreshSeconds;

    // View state carried across resets.
    QSet<QString> m_expandedTopics;
    bool m_brokersExpanded = true;
    bool m_topicsExpanded = true;
    QString m_selectedTopic;
    int m_selectedBroker = -1;
    int m_selectedPartition = -1;
};

}  // namespace kafkascope::ui
