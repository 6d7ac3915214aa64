#pragma once
// BrowseBridge: one topic browse (engine/browse BrowseSession) for the
// browser pane, plus the pane's producer-side actions (re-produce selected
// messages, import JSON Lines).
//
// Threads: lives on the UI thread. The session's listener runs on the engine
// thread and only (a) stores the newest status under a mutex and (b) posts a
// wake-up to the UI thread if none is pending, so however fast fetches come
// in, the UI drains one batch per event-loop turn (Wireshark's coalesced
// append). Rows themselves are read straight from the MessageStore, which is
// safe from any thread (engine/browse/message_store.h).
//
// Invariants:
//  * the session is closed on EngineBridge::engineAboutToChange and on open();
//  * every session has a generation; a wake-up of an older one is dropped;
//  * the Relay is cleared in the destructor, so a late engine callback posts
//    nothing.

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include "browse/browse_session.h"
#include "producer/writer_config.h"

namespace kafkascope::producer {
class Writer;
}

namespace kafkascope::ui {

class EngineBridge;

class BrowseBridge : public QObject {
    Q_OBJECT

public:
    explicit BrowseBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~BrowseBridge() override;

    // Closes any current browse and starts a new one. Returns "" or why not.
    QString open(browse::BrowseConfig config);
    void loadForward(std::size_t messages);
    void loadBackward(std::size_t perPartition);
    void cancel();
    void close();

    bool isOpen() const { return m_session != nullptr; }
    std::shared_ptr<const browse::MessageStore> store() const { return m_store; }
    const browse::BrowseStatus& status() const { return m_status; }
    QString topic() const { return m_topic; }
    quint64 generation() const { return m_generation; }

    // Writes messages to `topic` through a fresh Writer on the engine thread;
    // `done` runs on the UI thread with (written, first error or "").
    using WriteDone = std::function<void(qint64 written, const QString& error)>;
    void produce(const QString& topic, std::vector<producer::Message> messages, WriteDone done);

Q_SIGNALS:
    void opened(quint64 generation);
    // New rows may be in the store and/or the status changed (one per
    // event-loop turn at most).
    void updated(quint64 generation);

private:
    struct Relay;
    void onWake(quint64 generation);
    void dropWriter(const producer::Writer* writer);

    EngineBridge& m_engine;
    std::shared_ptr<Relay> m_relay;
    std::shared_ptr<browse::BrowseSession> m_session;
    std::shared_ptr<const browse::MessageStore> m_store;
    browse::BrowseStatus m_status;
    QString m_topic;
    quint64 m_generation = 0;
    std::vector<std::shared_ptr<producer::Writer>> m_writers;
};

}  // namespace kafkascope::ui
