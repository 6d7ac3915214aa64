#include "consumer/consumer_group_pane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTime>
#include <QVBoxLayout>
#include <algorithm>

#include "bridge/engine_bridge.h"
#include "consumer/assigned_partitions_model.h"
#include "consumer/group_messages_model.h"
#include "consumer/group_settings_form.h"
#include "consumer/reader_stats_model.h"

namespace kafkascope::ui {
namespace {

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    // Fixed row heights: the view never measures rows, so appending
    // thousands of rows a second costs only the rows on screen.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

QString kindName(consumer::GroupEvent::Kind kind) { return QString::fromUtf8(consumer::to_string(kind)); }

}  // namespace

ConsumerGroupPane::ConsumerGroupPane(EngineBridge& bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    m_reader = new GroupReaderBridge(m_bridge, this);
    m_messages = new GroupMessagesModel(this);
    m_partitions = new AssignedPartitionsModel(this);
    m_stats = new ReaderStatsModel(this);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildSettings());
    auto* right = new QSplitter(Qt::Vertical, splitter);
    right->addWidget(buildMessages());
    right->addWidget(buildDetails());
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 900});
    splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(splitter);

    connect(m_reader, &GroupReaderBridge::stateChanged, this, &ConsumerGroupPane::onStateChanged);
    connect(m_reader, &GroupReaderBridge::messagesReceived, this,
            [this](const ReceivedBatch& batch) { onMessages(batch->messages); });
    connect(m_reader, &GroupReaderBridge::partitionsUpdated, this,
            [this](const AssignedPartitionsSnapshot& partitions) { onPartitions(*partitions); });
    connect(m_reader, &GroupReaderBridge::statsUpdated, this,
            [this](const ReaderStatsSnapshot& stats) { m_stats->setStats(*stats); });
    connect(m_reader, &GroupReaderBridge::groupEvent, this, &ConsumerGroupPane::onEvent);
    connect(m_reader, &GroupReaderBridge::fetchFailed, this,
            [this](const QString& message) { appendLog(tr("fetch"), message, true); });
    connect(m_reader, &GroupReaderBridge::commitFinished, this,
            [this](quint64, bool automatic, const QString& offsets, const QString& note, const QString& error) {
                onCommitFinished(automatic, offsets, note, error);
            });
    connect(m_reader, &GroupReaderBridge::deadLetterFinished, this,
            [this](quint64, const DeadLetterResult& result) { onDeadLetter(*result); });
    connect(m_reader, &GroupReaderBridge::left, this, [this](const QString& error) {
        if (error.isEmpty()) showMessage(tr("Left the group."), false);
        else showMessage(tr("Left the group, with an error: %1").arg(error), true);
    });
    connect(m_reader, &GroupReaderBridge::refused, this, [this](const QString& reason) { showMessage(reason, true); });
    connect(&m_bridge, &EngineBridge::metadataReady, this,
            [this](quint64, const MetadataSnapshot& metadata) { onMetadata(metadata); });
    connect(m_form, &GroupSettingsForm::changed, this, [this] {
        if (m_store) m_form->save(*m_store, settingsGroup());
    });
    onStateChanged(GroupReaderBridge::State::Idle);
    updateSummary();
}

ConsumerGroupPane::~ConsumerGroupPane() = default;

QWidget* ConsumerGroupPane::buildSettings() {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 4, 0);

    auto* buttons = new QHBoxLayout;
    m_join = new QPushButton(tr("Join group"), box);
    m_join->setObjectName(QStringLiteral("joinButton"));
    m_join->setDefault(true);
    m_leave = new QPushButton(tr("Leave"), box);
    m_leave->setObjectName(QStringLiteral("leaveButton"));
    m_leave->setToolTip(tr("Commits what was recorded, leaves the group (asynchronous)."));
    buttons->addWidget(m_join);
    buttons->addWidget(m_leave);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_state = new QLabel(box);
    m_state->setObjectName(QStringLiteral("groupState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);

    m_form = new GroupSettingsForm(box);
    auto* scroll = new QScrollArea(box);
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);

    connect(m_join, &QPushButton::clicked, this, [this] { join(); });
    connect(m_leave, &QPushButton::clicked, this, &ConsumerGroupPane::leave);
    return box;
}

QWidget* ConsumerGroupPane::buildMessages() {
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* commitRow = new QHBoxLayout;
    m_commitSelected = new QPushButton(tr("Commit selected"), box);
    m_commitSelected->setObjectName(QStringLiteral("commitSelectedButton"));
    m_commitSelected->setToolTip(tr("Commits offset + 1 of the highest selected message of each partition."));
    m_commitAll = new QPushButton(tr("Commit all fetched"), box);
    m_commitAll->setObjectName(QStringLiteral("commitAllButton"));
    m_commitAll->setToolTip(tr("Commits everything received so far, per partition this member owns."));
    m_autoCommit = new QCheckBox(tr("Auto-commit received"), box);
    m_autoCommit->setObjectName(QStringLiteral("autoCommitCheck"));
    m_autoCommit->setToolTip(tr("Marks every received message for commit. With a commit interval > 0 the marks "
                                "are committed every interval (kafka-go's auto commit); with 0 each batch is "
                                "committed at once."));
    m_follow = new QCheckBox(tr("Follow"), box);
    m_follow->setObjectName(QStringLiteral("followCheck"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Keep the newest message in view."));
    m_clear = new QPushButton(tr("Clear"), box);
    m_clear->setObjectName(QStringLiteral("clearButton"));
    commitRow->addWidget(m_commitSelected);
    commitRow->addWidget(m_commitAll);
    commitRow->addWidget(m_autoCommit);
    commitRow->addStretch();
    commitRow->addWidget(m_follow);
    commitRow->addWidget(m_clear);
    layout->addLayout(commitRow);

    m_messagesView = makeTable(m_messages, QStringLiteral("messagesView"), box);
    m_messagesView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    auto* header = m_messagesView->horizontalHeader();
    header->resizeSection(GroupMessagesModel::Topic, 120);
    header->resizeSection(GroupMessagesModel::Partition, 70);
    header->resizeSection(GroupMessagesModel::Offset, 80);
    header->resizeSection(GroupMessagesModel::Key, 120);
    header->resizeSection(GroupMessagesModel::Value, 320);
    header->resizeSection(GroupMessagesModel::Timestamp, 170);
    header->resizeSection(GroupMessagesModel::Headers, 64);
    header->setStretchLastSection(true);
    layout->addWidget(m_messagesView, 1);

    auto* deadLetterRow = new QHBoxLayout;
    m_markFailed = new QPushButton(tr("Mark failed"), box);
    m_markFailed->setObjectName(QStringLiteral("markFailedButton"));
    m_markFailed->setToolTip(tr("Marks the selected messages as failed (their handling did not work)."));
    m_deadLetterTopic = new QComboBox(box);
    m_deadLetterTopic->setObjectName(QStringLiteral("deadLetterTopic"));
    m_deadLetterTopic->setEditable(true);
    m_deadLetterTopic->setInsertPolicy(QComboBox::NoInsert);
    m_deadLetterTopic->setMinimumContentsLength(16);
    m_deadLetterTopic->setToolTip(tr("An existing topic; copies keep key, value and headers and get a header "
                                     "x-dead-letter-origin = topic/partition/offset."));
    m_sendDeadLetter = new QPushButton(tr("Send failed to dead-letter topic"), box);
    m_sendDeadLetter->setObjectName(QStringLiteral("sendDeadLetterButton"));
    deadLetterRow->addWidget(m_markFailed);
    deadLetterRow->addWidget(new QLabel(tr("Dead-letter topic:"), box));
    deadLetterRow->addWidget(m_deadLetterTopic, 1);
    deadLetterRow->addWidget(m_sendDeadLetter);
    layout->addLayout(deadLetterRow);

    m_summary = new QLabel(box);
    m_summary->setObjectName(QStringLiteral("groupSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);
    m_status = new QLabel(box);
    m_status->setObjectName(QStringLiteral("groupStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);

    connect(m_commitSelected, &QPushButton::clicked, this, [this] { commitSelected(); });
    connect(m_commitAll, &QPushButton::clicked, this, [this] { commitAllFetched(); });
    connect(m_autoCommit, &QCheckBox::toggled, this, &ConsumerGroupPane::setAutoCommit);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        m_messages->clear();
        updateSummary();
    });
    connect(m_markFailed, &QPushButton::clicked, this, [this] { markSelectedFailed(); });
    connect(m_sendDeadLetter, &QPushButton::clicked, this, [this] { sendFailedToDeadLetter(); });
    connect(m_messagesView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ConsumerGroupPane::updateButtons);
    return box;
}

QWidget* ConsumerGroupPane::buildDetails() {
    m_detailTabs = new QTabWidget(this);
    m_detailTabs->setDocumentMode(true);
    m_partitionsView = makeTable(m_partitions, QStringLiteral("partitionsView"), m_detailTabs);
    m_partitionsView->horizontalHeader()->setStretchLastSection(true);
    m_statsView = makeTable(m_stats, QStringLiteral("statsView"), m_detailTabs);
    m_statsView->horizontalHeader()->resizeSection(ReaderStatsModel::Name, 160);
    m_statsView->horizontalHeader()->setStretchLastSection(true);
    m_log = new QPlainTextEdit(m_detailTabs);
    m_log->setObjectName(QStringLiteral("eventLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);  // the oldest lines go first
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_detailTabs->addTab(m_partitionsView, tr("Partitions"));
    m_detailTabs->addTab(m_statsView, tr("Reader stats"));
    m_detailTabs->addTab(m_log, tr("Events"));
    return m_detailTabs;
}

QString ConsumerGroupPane::settingsGroup() { return QStringLiteral("consumer/group"); }

void ConsumerGroupPane::setSettings(QSettings* settings) {
    m_store = nullptr;  // restoring emits changed(): do not write back half-restored values
    if (settings) m_form->restore(*settings, settingsGroup());
    m_store = settings;
}

bool ConsumerGroupPane::join() {
    QString problem;
    const consumer::GroupReaderConfig config = m_form->config(&problem);
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        return false;
    }
    if (!m_reader->join(config)) return false;  // refused() said why
    m_messages->clear();
    m_partitions->clear();
    m_stats->clear();
    QStringList topics;
    for (const auto& t : config.topics) topics << QString::fromStdString(t);
    appendLog(tr("join"), tr("joining group %1 for %2 (the first join can take a few seconds)")
                              .arg(QString::fromStdString(config.group_id), topics.join(QStringLiteral(", "))));
    showMessage(tr("Joining group %1…").arg(QString::fromStdString(config.group_id)), false);
    m_reader->setAutoCommit(m_autoCommit->isChecked());
    updateSummary();
    return true;
}

void ConsumerGroupPane::leave() {
    if (m_reader->state() != GroupReaderBridge::State::Running) return;
    m_reader->leave();
    showMessage(tr("Leaving the group…"), false);
}

std::vector<int> ConsumerGroupPane::selectedRows() const {
    std::vector<int> rows;
    for (const QModelIndex& index : m_messagesView->selectionModel()->selectedRows()) rows.push_back(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void ConsumerGroupPane::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    if (readOnly) setAutoCommit(false);
    updateButtons();
}

bool ConsumerGroupPane::commitSelected() {
    if (m_readOnly) {
        showMessage(tr("This connection is read-only: nothing is committed."), true);
        return false;
    }
    const std::vector<int> rows = selectedRows();
    if (rows.empty()) {
        showMessage(tr("Select the messages to commit first."), true);
        return false;
    }
    std::vector<consumer::Message> marks;
    marks.reserve(rows.size());
    for (int row : rows) {
        consumer::Message m;
        const consumer::Message full = m_messages->message(row);
        m.topic = full.topic;
        m.partition = full.partition;
        m.offset = full.offset;
        marks.push_back(std::move(m));
    }
    return m_reader->commit(marks) != 0;
}

bool ConsumerGroupPane::commitAllFetched() {
    if (m_readOnly) {
        showMessage(tr("This connection is read-only: nothing is committed."), true);
        return false;
    }
    return m_reader->commitAllFetched() != 0;
}

void ConsumerGroupPane::setAutoCommit(bool on) {
    if (on && m_readOnly) on = false;  // read-only connections never commit
    if (m_autoCommit->isChecked() != on) m_autoCommit->setChecked(on);  // comes back here through toggled
    m_reader->setAutoCommit(on);
}

int ConsumerGroupPane::markSelectedFailed() {
    const std::vector<int> rows = selectedRows();
    if (rows.empty()) {
        showMessage(tr("Select the messages whose handling failed first."), true);
        return 0;
    }
    int marked = 0;
    for (int row : rows) {
        const auto state = m_messages->rowState(row);
        if (state == GroupMessagesModel::RowState::DeadLettered ||
            state == GroupMessagesModel::RowState::DeadLetterSending) {
            continue;
        }
        m_messages->setRowState(m_messages->serial(row), GroupMessagesModel::RowState::Failed);
        ++marked;
    }
    showMessage(tr("%n message(s) marked as failed.", nullptr, marked), false);
    updateButtons();
    return marked;
}

bool ConsumerGroupPane::sendFailedToDeadLetter() {
    if (m_readOnly) {
        showMessage(tr("This connection is read-only: nothing is sent to the dead-letter topic."), true);
        return false;
    }
    const QString topic = m_deadLetterTopic->currentText().trimmed();
    std::vector<quint64> serials = m_messages->serialsInState(GroupMessagesModel::RowState::Failed);
    std::vector<consumer::Message> copies;
    copies.reserve(serials.size());
    for (quint64 serial : serials) copies.push_back(m_messages->message(m_messages->rowOfSerial(serial)));
    const quint64 id = m_reader->sendToDeadLetter(topic, copies, serials);
    if (id == 0) return false;  // refused() said why
    // Not "failed" any more: a second click must not send them again.
    for (quint64 serial : serials) m_messages->setRowState(serial, GroupMessagesModel::RowState::DeadLetterSending);
    showMessage(tr("Sending %n message(s) to %1…", nullptr, static_cast<int>(copies.size())).arg(topic), false);
    return true;
}

void ConsumerGroupPane::onStateChanged(GroupReaderBridge::State state) {
    switch (state) {
        case GroupReaderBridge::State::Idle: m_state->setText(tr("Not in a group.")); break;
        case GroupReaderBridge::State::Running:
            m_state->setText(tr("Member of %1; reading.").arg(QString::fromStdString(m_reader->config().group_id)));
            break;
        case GroupReaderBridge::State::Leaving: m_state->setText(tr("Leaving…")); break;
    }
    if (state == GroupReaderBridge::State::Idle) m_partitions->clear();
    updateButtons();
}

void ConsumerGroupPane::updateButtons() {
    const bool running = m_reader->state() == GroupReaderBridge::State::Running;
    m_leave->setEnabled(running);
    const bool selected = m_messagesView->selectionModel()->hasSelection();
    m_commitSelected->setEnabled(running && selected && !m_readOnly);
    m_commitAll->setEnabled(running && !m_readOnly);
    m_autoCommit->setEnabled(!m_readOnly);
    m_sendDeadLetter->setEnabled(!m_readOnly);
    m_markFailed->setEnabled(selected);
}

void ConsumerGroupPane::onMessages(const std::vector<consumer::Message>& batch) {
    m_messages->append(batch);
    if (m_follow->isChecked()) m_messagesView->scrollToBottom();
    updateSummary();
}

void ConsumerGroupPane::onPartitions(const std::vector<consumer::AssignedPartition>& partitions) {
    m_partitions->setPartitions(partitions);
    for (const auto& p : partitions) m_messages->setCommitted(p.topic, p.partition, p.committed);
    updateSummary();
}

void ConsumerGroupPane::onEvent(const consumer::GroupEvent& event) {
    QString text = QString::fromStdString(event.text);
    if (event.kind == consumer::GroupEvent::Kind::joined) {
        QStringList parts;
        for (const auto& [topic, partitions] : event.assignment) {
            QStringList numbers;
            for (std::int32_t p : partitions) numbers << QString::number(p);
            parts << QStringLiteral("%1[%2]").arg(QString::fromStdString(topic), numbers.join(QLatin1Char(',')));
        }
        text = tr("generation %1, member %2%3, assignor %4, assigned %5")
                   .arg(event.generation_id)
                   .arg(QString::fromStdString(event.member_id), event.leader ? tr(" (leader)") : QString(),
                        QString::fromStdString(event.protocol),
                        parts.isEmpty() ? tr("nothing") : parts.join(QStringLiteral(" ")));
        m_state->setText(tr("Member of %1, generation %2.")
                             .arg(QString::fromStdString(m_reader->config().group_id))
                             .arg(event.generation_id));
    }
    const QString time = QDateTime::fromMSecsSinceEpoch(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                             event.when.time_since_epoch())
                                                             .count())
                             .toString(QStringLiteral("HH:mm:ss.zzz"));
    m_log->appendPlainText(QStringLiteral("%1  %2  %3").arg(time, kindName(event.kind).leftJustified(11), text));
    if (event.kind == consumer::GroupEvent::Kind::error) showMessage(text, true);
}

void ConsumerGroupPane::onCommitFinished(bool automatic, const QString& offsets, const QString& note,
                                         const QString& error) {
    const QString suffix = note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(note);
    if (!error.isEmpty()) {
        const QString text = tr("Commit failed: %1%2").arg(error, suffix);
        appendLog(tr("commit"), text, true);
        showMessage(text, true);
        return;
    }
    if (automatic) return;  // the reader's own "committed" event is in the log
    showMessage(tr("Committed %1%2").arg(offsets, suffix), false);
}

void ConsumerGroupPane::onDeadLetter(const DeadLetterOutcome& outcome) {
    int ok = 0, failed = 0;
    QString firstError;
    for (const auto& report : outcome.reports) {
        const quint64 serial = report.index < outcome.tags.size() ? outcome.tags[report.index] : 0;
        if (report.error) {
            ++failed;
            const QString error = QString::fromStdString(report.error.message);
            if (firstError.isEmpty()) firstError = error;
            m_messages->setRowState(serial, GroupMessagesModel::RowState::DeadLetterFailed, error);
        } else {
            ++ok;
            m_messages->setRowState(serial, GroupMessagesModel::RowState::DeadLettered,
                                    tr("copied to %1/%2@%3")
                                        .arg(QString::fromStdString(outcome.topic))
                                        .arg(report.partition)
                                        .arg(report.offset));
        }
    }
    const QString topic = QString::fromStdString(outcome.topic);
    const QString text = failed == 0 ? tr("%n message(s) sent to dead-letter topic %1.", nullptr, ok).arg(topic)
                                     : tr("Dead-letter topic %1: %2 sent, %3 failed: %4")
                                           .arg(topic)
                                           .arg(ok)
                                           .arg(failed)
                                           .arg(firstError);
    appendLog(tr("dead-letter"), text, failed > 0);
    showMessage(text, failed > 0);
}

void ConsumerGroupPane::onMetadata(const MetadataSnapshot& metadata) {
    if (!metadata) return;
    QStringList topics;
    for (const auto& t : metadata->topics) {
        if (!t.is_internal) topics << QString::fromStdString(t.name);
    }
    topics.sort();
    m_form->setKnownTopics(topics);
    const QString current = m_deadLetterTopic->currentText();
    m_deadLetterTopic->clear();
    m_deadLetterTopic->addItems(topics);
    m_deadLetterTopic->setCurrentText(current);
}

void ConsumerGroupPane::appendLog(const QString& kind, const QString& text, bool isError) {
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    m_log->appendPlainText(QStringLiteral("%1  %2  %3%4")
                               .arg(time, kind.leftJustified(11), isError ? tr("ERROR: ") : QString(), text));
}

void ConsumerGroupPane::showMessage(const QString& text, bool isError) {
    m_status->setText(text);
    m_status->setToolTip(text);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, isError ? QColor(0xc0, 0x39, 0x2b) : this->palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
}

void ConsumerGroupPane::updateSummary() {
    const QLocale locale;
    QString text = tr("%1 received · %2 shown").arg(locale.toString(m_reader->receivedCount()),
                                                    locale.toString(m_messages->rowCount()));
    if (m_messages->droppedRows() > 0) {
        text += tr(" (oldest %1 dropped; the table keeps the newest %2)")
                    .arg(locale.toString(m_messages->droppedRows()), locale.toString(m_messages->maxRows()));
    }
    const qint64 lag = m_partitions->totalLag();
    if (lag >= 0) text += tr(" · lag %1").arg(locale.toString(lag));
    m_summary->setText(text);
}

QString ConsumerGroupPane::statusText() const { return m_status->text(); }

QString ConsumerGroupPane::eventLogText() const { return m_log->toPlainText(); }

}  // namespace kafkascope::ui
