#pragma once
// ConsumerGroupPane: join a consumer group with every GroupReader knob, watch
// the messages arrive live, commit them (selected rows, everything fetched,
// or automatically), mark messages whose handling failed and send them to a
// dead-letter topic, and follow the assigned partitions (committed offset,
// position, high watermark, lag, time lag), the reader's stats and the
// group's events (joins, rebalances, commits, errors).
//
// Nothing here waits on the network: GroupReaderBridge runs the reader on
// the engine thread and hands messages over in batches; leave() closes the
// reader in the background.

#include <QWidget>

#include "bridge/engine_types.h"
#include "bridge/group_reader_bridge.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSettings;
class QTableView;
class QTabWidget;

namespace kafkascope::ui {

class AssignedPartitionsModel;
class EngineBridge;
class GroupMessagesModel;
class GroupSettingsForm;
class ReaderStatsModel;

class ConsumerGroupPane : public QWidget {
    Q_OBJECT

public:
    explicit ConsumerGroupPane(EngineBridge& bridge, QWidget* parent = nullptr);
    ~ConsumerGroupPane() override;

    // Each returns false (and says why in the pane) when nothing was done.
    bool join();
    void leave();
    bool commitSelected();
    bool commitAllFetched();
    void setAutoCommit(bool on);
    // Marks the selected rows as failed (their handling did not work).
    int markSelectedFailed();
    // Sends every row marked failed to the dead-letter topic in the field.
    bool sendFailedToDeadLetter();
    // Read-only connections: commits, auto-commit and dead-letter sends are
    // disabled and refused (reading the group still works).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    // Restores the form from `settings` (group "consumer/group") and saves
    // every change there from now on.
    void setSettings(QSettings* settings);
    static QString settingsGroup();

    GroupReaderBridge* readerBridge() const { return m_reader; }
    GroupSettingsForm* settingsForm() const { return m_form; }
    GroupMessagesModel* messagesModel() const { return m_messages; }
    AssignedPartitionsModel* partitionsModel() const { return m_partitions; }
    ReaderStatsModel* statsModel() const { return m_stats; }
    QTableView* messagesView() const { return m_messagesView; }
    QString statusText() const;
    QString eventLogText() const;

private:
    QWidget* buildSettings();
    QWidget* buildMessages();
    QWidget* buildDetails();
    void onStateChanged(GroupReaderBridge::State state);
    void onMessages(const std::vector<consumer::Message>& batch);
    void onPartitions(const std::vector<consumer::AssignedPartition>& partitions);
    void onEvent(const consumer::GroupEvent& event);
    void onCommitFinished(bool automatic, const QString& offsets, const QString& note, const QString& error);
    void onDeadLetter(const DeadLetterOutcome& outcome);
    void onMetadata(const MetadataSnapshot& metadata);
    void appendLog(const QString& kind, const QString& text, bool isError = false);
    void showMessage(const QString& text, bool isError);
    void updateSummary();
    void updateButtons();
    std::vector<int> selectedRows() const;

    EngineBridge& m_bridge;
    GroupReaderBridge* m_reader = nullptr;
    QSettings* m_store = nullptr;
    GroupSettingsForm* m_form = nullptr;
    GroupMessagesModel* m_messages = nullptr;
    AssignedPartitionsModel* m_partitions = nullptr;
    ReaderStatsModel* m_stats = nullptr;

    QPushButton* m_join = nullptr;
    QPushButton* m_leave = nullptr;
    QLabel* m_state = nullptr;
    QTableView* m_messagesView = nullptr;
    QPushButton* m_commitSelected = nullptr;
    QPushButton* m_commitAll = nullptr;
    QCheckBox* m_autoCommit = nullptr;
    QCheckBox* m_follow = nullptr;
    QPushButton* m_clear = nullptr;
    QPushButton* m_markFailed = nullptr;
    QComboBox* m_deadLetterTopic = nullptr;
    QPushButton* m_sendDeadLetter = nullptr;
    bool m_readOnly = false;
    QLabel* m_summary = nullptr;
    QLabel* m_status = nullptr;
    QTabWidget* m_detailTabs = nullptr;
    QTableView* m_partitionsView = nullptr;
    QTableView* m_statsView = nullptr;
    QPlainTextEdit* m_log = nullptr;
};

}  // namespace kafkascope::ui
