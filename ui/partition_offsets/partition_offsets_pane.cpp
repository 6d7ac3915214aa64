#include "partition_offsets/partition_offsets_pane.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>

#include "bridge/engine_bridge.h"
#include "partition_offsets/message_window_model.h"

namespace kafkascope::ui {
namespace {

QString offsetText(qint64 offset) { return offset < 0 ? QStringLiteral("—") : QString::number(offset); }

// "1700000000000" (ms since 1970) or an ISO date-time ("2026-11-24T08:00:00Z";
// without a zone it is UTC). -1 when neither.
qint64 parseTimestamp(const QString& text) {
    bool ok = false;
    const qint64 ms = text.trimmed().toLongLong(&ok);
    if (ok) return ms >= 0 ? ms : -1;
    QDateTime when = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!when.isValid()) return -1;
    if (when.timeSpec() == Qt::LocalTime) when.setTimeSpec(Qt::UTC);
    return when.toMSecsSinceEpoch();
}

}  // namespace

PartitionOffsetsPane::PartitionOffsetsPane(EngineBridge& engine, QWidget* parent)
    : QWidget(parent), m_engine(engine) {
    m_bridge = new PartitionReaderBridge(engine, this);
    m_model = new MessageWindowModel(this);

    auto* top = new QHBoxLayout;
    top->addWidget(buildPartitionBox(), 1);
    top->addWidget(buildSeekBox(), 1);
    top->addWidget(buildCommitBox(), 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(top);
    layout->addWidget(buildReadBox(), 1);
    layout->addWidget(m_status);

    connect(&m_engine, &EngineBridge::metadataReady, this,
            [this](quint64, const MetadataSnapshot& metadata) { onMetadata(metadata); });
    connect(m_bridge, &PartitionReaderBridge::positionsReady, this,
            [this](quint64, const PartitionPositions& p) {
                m_first = p.first;
                m_firstLabel->setText(offsetText(p.first));
                m_lastLabel->setText(offsetText(p.last));
                if (!p.groupAsked) {
                    m_committedLabel->setText(tr("(no group chosen)"));
                } else if (!p.committedError.isEmpty()) {
                    m_committedLabel->setText(tr("unknown"));
                    showStatus(tr("Committed offset: %1").arg(p.committedError), true);
                } else {
                    m_committedLabel->setText(p.committed < 0 ? tr("none committed") : QString::number(p.committed));
                }
                if (m_position < 0) setPosition(p.first);
            });
    connect(m_bridge, &PartitionReaderBridge::seekResolved, this,
            [this](quint64, qint64 offset, const QString& note) {
                setPosition(offset, note);
                showStatus(tr("Seek resolved to offset %1.").arg(offset), false);
            });
    connect(m_bridge, &PartitionReaderBridge::windowStarted, this, [this](quint64, qint64 offset, qint64 end) {
        m_readStatus->setText(tr("Reading from offset %1 (last offset %2)…").arg(offset).arg(end));
    });
    connect(m_bridge, &PartitionReaderBridge::windowBatch, this,
            [this](quint64, const MessageWindow& batch) { m_model->append(batch->messages); });
    connect(m_bridge, &PartitionReaderBridge::windowFinished, this,
            [this](quint64, qint64 read, const QString& note) {
                m_readButton->setEnabled(true);
                QString text = tr("Read %n message(s).", nullptr, static_cast<int>(read));
                if (!note.isEmpty()) text += QLatin1Char(' ') + note;
                m_readStatus->setText(text);
                if (m_model->rowCount() > 0) {
                    setPosition(m_model->message(m_model->rowCount() - 1).offset + 1);
                }
            });
    connect(m_bridge, &PartitionReaderBridge::committed, this, [this](quint64, qint64 offset) {
        m_commitStatus->setText(tr("Committed %1 for group %2.").arg(offset).arg(m_group->text().trimmed()));
        refreshPositions();
    });
    connect(m_bridge, &PartitionReaderBridge::requestFailed, this,
            [this](quint64, const QString& what, const QString& message) {
                if (what == tr("Read")) m_readButton->setEnabled(true);
                if (what == tr("Commit")) m_commitStatus->setText(message);
                showStatus(tr("%1 failed: %2").arg(what, message), true);
            });
}

QWidget* PartitionOffsetsPane::buildPartitionBox() {
    auto* box = new QGroupBox(tr("Partition"), this);
    m_topic = new QComboBox(box);
    m_topic->setObjectName(QStringLiteral("topicCombo"));
    m_topic->setEditable(true);
    m_topic->setInsertPolicy(QComboBox::NoInsert);
    m_partition = new QSpinBox(box);
    m_partition->setObjectName(QStringLiteral("partitionSpin"));
    m_partition->setRange(0, 0);
    m_group = new QLineEdit(box);
    m_group->setObjectName(QStringLiteral("groupEdit"));
    m_group->setPlaceholderText(tr("optional: show and commit its offset"));
    auto* refresh = new QPushButton(tr("Show offsets"), box);
    refresh->setObjectName(QStringLiteral("refreshButton"));
    m_firstLabel = new QLabel(QStringLiteral("—"), box);
    m_firstLabel->setObjectName(QStringLiteral("firstLabel"));
    m_lastLabel = new QLabel(QStringLiteral("—"), box);
    m_lastLabel->setObjectName(QStringLiteral("lastLabel"));
    m_committedLabel = new QLabel(QStringLiteral("—"), box);
    m_committedLabel->setObjectName(QStringLiteral("committedLabel"));
    for (QLabel* l : {m_firstLabel, m_lastLabel, m_committedLabel}) l->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout(box);
    form->addRow(tr("Topic"), m_topic);
    form->addRow(tr("Partition"), m_partition);
    form->addRow(tr("Group"), m_group);
    form->addRow(refresh);
    form->addRow(tr("First offset"), m_firstLabel);
    form->addRow(tr("Last offset"), m_lastLabel);
    form->addRow(tr("Committed"), m_committedLabel);

    connect(m_topic, &QComboBox::currentTextChanged, this, &PartitionOffsetsPane::onTopicChanged);
    connect(m_partition, &QSpinBox::valueChanged, this, [this] {
        m_position = -1;
        refreshPositions();
    });
    connect(refresh, &QPushButton::clicked, this, &PartitionOffsetsPane::refreshPositions);
    connect(m_group, &QLineEdit::returnPressed, this, &PartitionOffsetsPane::refreshPositions);
    return box;
}

QWidget* PartitionOffsetsPane::buildSeekBox() {
    auto* box = new QGroupBox(tr("Seek"), this);
    m_seekMode = new QComboBox(box);
    m_seekMode->setObjectName(QStringLiteral("seekModeCombo"));
    m_seekMode->addItem(tr("start: first + N"), static_cast<int>(SeekMode::Start));
    m_seekMode->addItem(tr("absolute: N"), static_cast<int>(SeekMode::Absolute));
    m_seekMode->addItem(tr("end: last − N"), static_cast<int>(SeekMode::End));
    m_seekMode->addItem(tr("current: position + N"), static_cast<int>(SeekMode::Current));
    m_seekMode->addItem(tr("timestamp: first message at or after"), static_cast<int>(SeekMode::Timestamp));
    m_seekValue = new QLineEdit(QStringLiteral("0"), box);
    m_seekValue->setObjectName(QStringLiteral("seekValueEdit"));
    m_seekValue->setToolTip(tr("An offset delta (may be negative for current), or for timestamp: ms since 1970 "
                               "or an ISO date-time such as 2026-11-24T08:00:00Z"));
    auto* seekButton = new QPushButton(tr("Seek"), box);
    seekButton->setObjectName(QStringLiteral("seekButton"));
    m_positionLabel = new QLabel(QStringLiteral("—"), box);
    m_positionLabel->setObjectName(QStringLiteral("positionLabel"));
    m_positionLabel->setWordWrap(true);
    m_positionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout(box);
    form->addRow(tr("Whence"), m_seekMode);
    form->addRow(tr("N / time"), m_seekValue);
    form->addRow(seekButton);
    form->addRow(tr("Position"), m_positionLabel);
    connect(seekButton, &QPushButton::clicked, this, &PartitionOffsetsPane::seek);
    connect(m_seekValue, &QLineEdit::returnPressed, this, &PartitionOffsetsPane::seek);
    return box;
}

QWidget* PartitionOffsetsPane::buildCommitBox() {
    auto* box = new QGroupBox(tr("Commit for the group"), this);
    m_commitOffset = new QLineEdit(box);
    m_commitOffset->setObjectName(QStringLiteral("commitOffsetEdit"));
    m_commitOffset->setPlaceholderText(tr("next offset to read"));
    auto* commitButton = new QPushButton(tr("Commit"), box);
    m_commitButton = commitButton;
    commitButton->setObjectName(QStringLiteral("commitButton"));
    m_commitStatus = new QLabel(box);
    m_commitStatus->setObjectName(QStringLiteral("commitStatusLabel"));
    m_commitStatus->setWordWrap(true);
    auto* hint = new QLabel(tr("Kafka accepts a commit from outside the group only while the group has no "
                               "active members."),
                            box);
    hint->setWordWrap(true);
    auto* form = new QFormLayout(box);
    form->addRow(tr("Offset"), m_commitOffset);
    form->addRow(commitButton);
    form->addRow(m_commitStatus);
    form->addRow(hint);
    connect(commitButton, &QPushButton::clicked, this, &PartitionOffsetsPane::commit);
    return box;
}

QWidget* PartitionOffsetsPane::buildReadBox() {
    auto* box = new QGroupBox(tr("Read a window (no group joined, nothing committed)"), this);
    m_count = new QSpinBox(box);
    m_count->setObjectName(QStringLiteral("countSpin"));
    m_count->setRange(1, PartitionReaderBridge::kMaxWindow);
    m_count->setValue(100);
    m_readButton = new QPushButton(tr("Read from position"), box);
    m_readButton->setObjectName(QStringLiteral("readButton"));
    m_readStatus = new QLabel(box);
    m_readStatus->setObjectName(QStringLiteral("readStatusLabel"));
    m_table = new QTableView(box);
    m_table->setObjectName(QStringLiteral("messagesTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Messages"), box));
    row->addWidget(m_count);
    row->addWidget(m_readButton);
    row->addWidget(m_readStatus, 1);
    auto* layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_table, 1);
    connect(m_readButton, &QPushButton::clicked, this, &PartitionOffsetsPane::read);
    return box;
}

void PartitionOffsetsPane::onMetadata(const MetadataSnapshot& metadata) {
    m_metadata = metadata;
    QStringList names;
    for (const TopicInfo& t : metadata->topics) {
        if (!t.is_internal) names << QString::fromStdString(t.name);
    }
    names.sort();
    const QString current = m_topic->currentText();
    QStringList existing;
    for (int i = 0; i < m_topic->count(); ++i) existing << m_topic->itemText(i);
    if (existing == names) return;
    const QSignalBlocker block(m_topic);
    m_topic->clear();
    m_topic->addItems(names);
    m_topic->setCurrentText(current.isEmpty() && !names.isEmpty() ? names.front() : current);
    if (m_topic->currentText() != current) onTopicChanged();
}

void PartitionOffsetsPane::onTopicChanged() {
    int partitions = 1;
    if (m_metadata) {
        if (const TopicInfo* t = m_metadata->find_topic(topic().toStdString())) {
            partitions = std::max<int>(1, static_cast<int>(t->partitions.size()));
        }
    }
    {
        const QSignalBlocker block(m_partition);
        m_partition->setRange(0, partitions - 1);
    }
    m_position = -1;
    m_model->clear();
    refreshPositions();
}

QString PartitionOffsetsPane::topic() const { return m_topic->currentText().trimmed(); }
int PartitionOffsetsPane::partition() const { return m_partition->value(); }

void PartitionOffsetsPane::refreshPositions() {
    if (topic().isEmpty()) return;
    m_firstLabel->setText(QStringLiteral("…"));
    m_lastLabel->setText(QStringLiteral("…"));
    m_committedLabel->setText(m_group->text().trimmed().isEmpty() ? tr("(no group chosen)") : QStringLiteral("…"));
    m_bridge->requestPositions(topic(), partition(), m_group->text());
}

void PartitionOffsetsPane::seek() {
    if (topic().isEmpty()) return showStatus(tr("Choose a topic first."), true);
    const auto mode = static_cast<SeekMode>(m_seekMode->currentData().toInt());
    qint64 value = 0;
    if (mode == SeekMode::Timestamp) {
        value = parseTimestamp(m_seekValue->text());
        if (value < 0) {
            return showStatus(tr("'%1' is not a time: give ms since 1970 or an ISO date-time.").arg(m_seekValue->text()),
                              true);
        }
    } else {
        bool ok = false;
        value = m_seekValue->text().trimmed().toLongLong(&ok);
        if (!ok) return showStatus(tr("'%1' is not a whole number.").arg(m_seekValue->text()), true);
    }
    const qint64 current = m_position >= 0 ? m_position : std::max<qint64>(0, m_first);
    m_positionLabel->setText(QStringLiteral("…"));
    m_bridge->requestSeek(topic(), partition(), mode, value, current);
}

void PartitionOffsetsPane::read() {
    if (topic().isEmpty()) return showStatus(tr("Choose a topic first."), true);
    const qint64 from = m_position >= 0 ? m_position : std::max<qint64>(0, m_first);
    m_model->clear();
    m_readButton->setEnabled(false);
    m_readStatus->setText(tr("Reading…"));
    if (m_bridge->readWindow(topic(), partition(), from, m_count->value()) == 0) m_readButton->setEnabled(true);
}

void PartitionOffsetsPane::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    m_commitButton->setEnabled(!readOnly);
    m_commitButton->setToolTip(readOnly ? tr("This connection is read-only.") : QString());
}

void PartitionOffsetsPane::commit() {
    if (m_readOnly) return showStatus(tr("This connection is read-only: nothing is committed."), true);
    bool ok = false;
    const qint64 offset = m_commitOffset->text().trimmed().toLongLong(&ok);
    if (!ok || offset < 0) return showStatus(tr("The offset to commit must be a number >= 0."), true);
    if (m_group->text().trimmed().isEmpty()) return showStatus(tr("Enter the group to commit for."), true);
    m_commitStatus->setText(tr("Committing…"));
    m_bridge->commit(m_group->text(), topic(), partition(), offset);
}

void PartitionOffsetsPane::setPosition(qint64 offset, const QString& note) {
    m_position = offset;
    m_positionLabel->setText(note.isEmpty() ? QString::number(offset)
                                            : QString::number(offset) + QStringLiteral(" — ") + note);
    m_commitOffset->setText(QString::number(offset));
}

void PartitionOffsetsPane::showStatus(const QString& text, bool isError) {
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #b3261e;") : QString());
}

}  // namespace kafkascope::ui
