#pragma once
// The partition-offset pane: pick a topic and partition (and optionally a
// group); see its first, last and committed offsets side by side; seek by
// start / absolute / end / current / timestamp and see the resulting offset
// before reading; read a window of N messages from there into a table
// (no group joined, nothing committed); commit a chosen offset for the
// group (refused by the coordinator while the group has active members,
// which the pane says in plain words).
//
// Everything goes through PartitionReaderBridge; the pane never waits.

#include <QWidget>

#include "bridge/engine_types.h"
#include "bridge/partition_reader_bridge.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace kafkascope::ui {

class EngineBridge;
class MessageWindowModel;

class PartitionOffsetsPane : public QWidget {
    Q_OBJECT

public:
    explicit PartitionOffsetsPane(EngineBridge& engine, QWidget* parent = nullptr);

    PartitionReaderBridge* bridge() const { return m_bridge; }
    MessageWindowModel* model() const { return m_model; }
    // The offset the next read starts from; -1 before any seek or offsets.
    qint64 position() const { return m_position; }

private:
    QWidget* buildPartitionBox();
    QWidget* buildSeekBox();
    QWidget* buildReadBox();
    QWidget* buildCommitBox();

    void onMetadata(const MetadataSnapshot& metadata);
    void onTopicChanged();
    void refreshPositions();
    void seek();
    void read();
    void commit();

public:
    // Read-only connections: the commit is disabled and refused.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

private:
    void setPosition(qint64 offset, const QString& note = {});
    void showStatus(const QString& text, bool isError);
    QString topic() const;
    int partition() const;

    EngineBridge& m_engine;
    PartitionReaderBridge* m_bridge = nullptr;
    MessageWindowModel* m_model = nullptr;
    MetadataSnapshot m_metadata;
    qint64 m_position = -1;
    qint64 m_first = -1;

    QComboBox* m_topic = nullptr;
    QSpinBox* m_partition = nullptr;
    QLineEdit* m_group = nullptr;
    QLabel* m_firstLabel = nullptr;
    QLabel* m_lastLabel = nullptr;
    QLabel* m_committedLabel = nullptr;
    QComboBox* m_seekMode = nullptr;
    QLineEdit* m_seekValue = nullptr;
    QLabel* m_positionLabel = nullptr;
    QSpinBox* m_count = nullptr;
    QPushButton* m_readButton = nullptr;
    QPushButton* m_commitButton = nullptr;
    bool m_readOnly = false;
    QLabel* m_readStatus = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_commitOffset = nullptr;
    QLabel* m_commitStatus = nullptr;
    QLabel* m_status = nullptr;
};

}  // namespace kafkascope::ui
