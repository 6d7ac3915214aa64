#pragma once
// PartitionReaderBridge: the partition-offset pane's way to the engine. It
// asks for a partition's first / last / committed offsets, resolves a seek
// (start / absolute / end / current / timestamp) to an offset, reads a
// window of N messages with a PartitionReader (no group, nothing committed)
// and commits an offset for a group.
//
// Threads: lives on the UI thread. Engine callbacks run on the engine thread
// and only wrap their result in an immutable snapshot and post it through a
// Relay (a mutex-guarded pointer back to the bridge, cleared in the
// destructor), as ProducerBridge does. Nothing here waits on the network.
//
// Invariants:
//  * every request has an id; a reply that is not the newest of its kind is
//    dropped (the pane only shows the answer to the last question asked);
//  * one window read at a time; a new read or engineAboutToChange closes
//    the running one; messages reach the UI in batches of kWindowBatch;
//  * a window stops at N messages or at the high watermark the partition
//    had when it started, so it never waits for messages that may not come.

#include <QObject>
#include <QString>
#include <QTimer>
#include <memory>
#include <vector>

#include "consumer/message.h"

namespace kafkascope::ui {

class EngineBridge;

// One batch of a read window (its own type, so its metatype cannot clash
// with other bridges' message vectors).
struct WindowMessages {
    std::vector<consumer::Message> messages;
};
using MessageWindow = std::shared_ptr<const WindowMessages>;

struct PartitionPositions {
    qint64 first = -1;
    qint64 last = -1;        // high watermark
    qint64 committed = -1;   // -1: none committed, or no group asked
    bool groupAsked = false;
    QString committedError;  // the group part failed; first/last still valid
};

enum class SeekMode { Start, Absolute, End, Current, Timestamp };

class PartitionReaderBridge : public QObject {
    Q_OBJECT

public:
    static constexpr std::size_t kWindowBatch = 500;
    static constexpr int kMaxWindow = 100'000;

    explicit PartitionReaderBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~PartitionReaderBridge() override;

    // Each returns the request id, or 0 after emitting requestFailed (no
    // engine, bad input).
    quint64 requestPositions(const QString& topic, int partition, const QString& group);
    // `current` is the position kafka-go's SeekCurrent starts from.
    quint64 requestSeek(const QString& topic, int partition, SeekMode mode, qint64 value, qint64 current);
    quint64 readWindow(const QString& topic, int partition, qint64 offset, int count);
    quint64 commit(const QString& group, const QString& topic, int partition, qint64 offset);
    void cancelRead();
    bool isReading() const { return m_readId != 0; }

Q_SIGNALS:
    void positionsReady(quint64 id, const kafkascope::ui::PartitionPositions& positions);
    // `note` explains a special case (a timestamp later than every message).
    void seekResolved(quint64 id, qint64 offset, const QString& note);
    void windowStarted(quint64 id, qint64 offset, qint64 end);
    void windowBatch(quint64 id, const kafkascope::ui::MessageWindow& messages);
    // `note` says why it stopped when it was not N messages or the end.
    void windowFinished(quint64 id, qint64 read, const QString& note);
    void committed(quint64 id, qint64 offset);
    // `what` names the action ("Offsets", "Seek", "Read", "Commit").
    void requestFailed(quint64 id, const QString& what, const QString& message);

private:
    struct Relay;
    struct WindowJob;
    enum Kind { Positions, Seek, Read, Commit, KindCount };

    quint64 begin(Kind kind);
    bool isCurrent(Kind kind, quint64 id) const { return m_latest[kind] == id; }
    void fail(Kind kind, quint64 id, const QString& message);
    void onWindowBatch(quint64 id, const MessageWindow& messages, bool finished, qint64 read, const QString& note);
    void dropEngineObjects();

    EngineBridge& m_engine;
    std::shared_ptr<Relay> m_relay;
    quint64 m_lastId = 0;
    quint64 m_latest[KindCount] = {};
    quint64 m_readId = 0;
    std::shared_ptr<WindowJob> m_job;
    QTimer m_watchdog;  // a window that hears nothing for a while is closed
};

}  // namespace kafkascope::ui

Q_DECLARE_METATYPE(kafkascope::ui::MessageWindow)
Q_DECLARE_METATYPE(kafkascope::ui::PartitionPositions)
