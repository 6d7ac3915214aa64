#pragma once
// GroupReaderBridge: the consumer-group pane's way to the engine. It owns
// one consumer::GroupReader (kafka-go's Reader with a GroupID) made from the
// EngineBridge's engine, runs a fetch loop against it, commits, and sends
// messages the user marked as failed to a dead-letter topic with a
// producer::Writer.
//
// Threads: lives on the UI thread. The fetch loop runs on the engine thread:
// each fetch_message callback appends the message to a mutex-guarded
// pending list and issues the next fetch_message at once. The UI gets the
// messages in batches: the first message of an empty list posts one wake-up
// that starts a kFlushIntervalMs single-shot timer, and a list reaching
// kBatchMessages posts one immediate drain; so at most two posts per batch,
// never one per message. Other engine callbacks (events, commit and close
// results, delivery reports) go through a Relay (a mutex-guarded pointer
// back to the bridge, cleared in the destructor), as in ProducerBridge.
//
// Invariants:
//  * every join starts a new session id; anything posted by an older
//    session (messages, events, results) is dropped;
//  * back-pressure: when kMaxPending messages wait for the UI, the loop
//    stops fetching (the GroupReader's queue then fills and it stops
//    fetching from the brokers) and the next drain resumes it;
//  * partitions() and stats() are read by a kRefreshIntervalMs timer from
//    the reader's snapshots (a short lock, no network);
//  * leave() and engineAboutToChange call GroupReader::close(), which is
//    asynchronous: the UI thread never waits. On engine change the reader
//    and the dead-letter writer are dropped before the engine goes;
//  * the fetch loop holds the reader weakly, so a waiting fetch never keeps
//    a dropped reader alive.

#include <QObject>
#include <QString>
#include <QTimer>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "consumer/group_reader_config.h"
#include "consumer/message.h"
#include "consumer/reader_stats.h"
#include "producer/writer_config.h"

namespace kafkascope::consumer {
class GroupReader;
}
namespace kafkascope::producer {
class Writer;
}

namespace kafkascope::ui {

class EngineBridge;

// One hand-over of received messages (its own type, so its metatype does
// not clash with other bridges' message vectors).
struct ReceivedMessages {
    std::vector<consumer::Message> messages;
};
using ReceivedBatch = std::shared_ptr<const ReceivedMessages>;
using AssignedPartitionsSnapshot = std::shared_ptr<const std::vector<consumer::AssignedPartition>>;
using ReaderStatsSnapshot = std::shared_ptr<const consumer::ReaderStats>;

// What one dead-letter send did: one report per message, in the order the
// messages were given, next to the caller's tag for each.
struct DeadLetterOutcome {
    std::string topic;
    std::vector<quint64> tags;
    std::vector<producer::DeliveryReport> reports;
};
using DeadLetterResult = std::shared_ptr<const DeadLetterOutcome>;

class GroupReaderBridge : public QObject {
    Q_OBJECT

public:
    static constexpr int kFlushIntervalMs = 50;
    static constexpr std::size_t kBatchMessages = 500;
    static constexpr std::size_t kMaxPending = 20'000;
    static constexpr int kRefreshIntervalMs = 1000;

    enum class State { Idle, Running, Leaving };
    Q_ENUM(State)

    explicit GroupReaderBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~GroupReaderBridge() override;

    // Creates the reader and starts fetching (the reader joins the group on
    // its first fetch). A running reader is closed first, in the
    // background. False (and refused() says why) without an engine or with
    // a config the engine rejects.
    bool join(const consumer::GroupReaderConfig& config);
    // Commits what was recorded (commit_interval > 0), leaves the group.
    // Asynchronous: stateChanged(Idle) follows once the reader closed.
    void leave();
    State state() const { return m_state; }
    const consumer::GroupReaderConfig& config() const { return m_config; }
    quint64 session() const { return m_session; }

    // Commits offset + 1 of the highest of `messages` per partition (only
    // topic, partition and offset are read). Partitions the member no
    // longer owns are left out and named in the result. With
    // commit_interval > 0 the engine only records the offsets and commits
    // them at the next interval. Returns the commit id, or 0 (refused()).
    quint64 commit(const std::vector<consumer::Message>& messages);
    // Every message fetched so far in this session, per owned partition.
    quint64 commitAllFetched();
    // Marks every batch received from now on for commit (one commit in
    // flight at a time; later batches are merged into the next one).
    void setAutoCommit(bool on);
    bool autoCommit() const { return m_autoCommit; }

    // Sends copies of `messages` (deadLetterMessage(): original headers
    // plus the origin header) to `topic`; `tags` (one per message) come
    // back with the reports. Returns the send id, or 0 (refused()).
    quint64 sendToDeadLetter(const QString& topic, const std::vector<consumer::Message>& messages,
                             std::vector<quint64> tags);

    // Reads the reader's snapshots now (the timer does it every second).
    void refreshNow();
    // The last partitions snapshot read (empty before the first).
    AssignedPartitionsSnapshot partitions() const { return m_partitions; }
    // Highest offset received per (topic, partition) in this session.
    const std::map<std::pair<std::string, std::int32_t>, std::int64_t>& fetchedHighest() const { return m_fetched; }
    qint64 receivedCount() const { return m_received; }

Q_SIGNALS:
    void stateChanged(kafkascope::ui::GroupReaderBridge::State state);
    void messagesReceived(const kafkascope::ui::ReceivedBatch& batch);
    void groupEvent(const kafkascope::consumer::GroupEvent& event);
    // A fetch_message that failed with something other than end-of-stream.
    void fetchFailed(const QString& message);
    void partitionsUpdated(const kafkascope::ui::AssignedPartitionsSnapshot& partitions);
    void statsUpdated(const kafkascope::ui::ReaderStatsSnapshot& stats);
    // `offsets` reads "topic/partition@offset, ..."; `note` names skipped
    // partitions or says the offsets were only recorded; `error` is empty
    // on success.
    void commitFinished(quint64 id, bool automatic, const QString& offsets, const QString& note,
                        const QString& error);
    void deadLetterFinished(quint64 id, const kafkascope::ui::DeadLetterResult& result);
    // close() finished; `error` is empty when the final commit and the
    // LeaveGroup worked.
    void left(const QString& error);
    void refused(const QString& reason);

private:
    struct Relay;
    struct FetchLoop;
    using PartitionKey = std::pair<std::string, std::int32_t>;

    void setState(State state);
    void closeReader(bool emitState);
    void onEngineAboutToChange();
    // Posted by the fetch loop.
    void scheduleDrain(quint64 session);
    void drain(quint64 session);
    void onLoopEnded(quint64 session);
    void onClosed(quint64 session, const QString& error);
    quint64 sendCommit(std::map<PartitionKey, std::int64_t> highest, bool automatic);
    void onCommitDone(quint64 session, quint64 id, bool automatic, const QString& offsets, const QString& note,
                      const QString& error);
    void commitAutoPending();
    void dropWriter();

    EngineBridge& m_engine;
    std::shared_ptr<Relay> m_relay;
    State m_state = State::Idle;
    consumer::GroupReaderConfig m_config;
    quint64 m_session = 0;
    std::shared_ptr<consumer::GroupReader> m_reader;
    std::shared_ptr<FetchLoop> m_loop;
    QTimer m_drainTimer;
    QTimer m_refreshTimer;
    std::map<PartitionKey, std::int64_t> m_fetched;
    qint64 m_received = 0;
    AssignedPartitionsSnapshot m_partitions;

    bool m_autoCommit = false;
    bool m_autoInFlight = false;
    std::map<PartitionKey, std::int64_t> m_autoPending;
    quint64 m_lastCommitId = 0;

    std::shared_ptr<producer::Writer> m_writer;
    quint64 m_writerGeneration = 0;
    quint64 m_lastDeadLetterId = 0;
};

}  // namespace kafkascope::ui

Q_DECLARE_METATYPE(kafkascope::ui::ReceivedBatch)
Q_DECLARE_METATYPE(kafkascope::ui::AssignedPartitionsSnapshot)
Q_DECLARE_METATYPE(kafkascope::ui::ReaderStatsSnapshot)
Q_DECLARE_METATYPE(kafkascope::ui::DeadLetterResult)
Q_DECLARE_METATYPE(kafkascope::consumer::GroupEvent)
