#include "bridge/group_reader_bridge.h"

#include <QMetaObject>
#include <QStringList>
#include <algorithm>
#include <mutex>
#include <utility>

#include "bridge/engine_bridge.h"
#include "consumer/dead_letter.h"
#include "consumer/group_reader.h"
#include "consumer/partition_reader.h"
#include "engine.h"
#include "producer/writer.h"

namespace kafkascope::ui {

// The engine thread's way back: posts only while the bridge is alive (the
// destructor clears `target` under the mutex).
struct GroupReaderBridge::Relay {
    std::mutex mutex;
    GroupReaderBridge* target = nullptr;

    template <class F>
    void post(F&& f) {
        std::lock_guard lock(mutex);
        if (target) QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
    }
};

// The fetch loop of one session. onMessage runs on the engine thread (the
// reader calls it); take() runs on the UI thread; `mutex` guards what both
// touch.
struct GroupReaderBridge::FetchLoop : std::enable_shared_from_this<FetchLoop> {
    std::shared_ptr<Relay> relay;
    quint64 session = 0;
    std::weak_ptr<consumer::GroupReader> reader;

    std::mutex mutex;
    std::vector<consumer::Message> pending;
    bool wakePosted = false;    // a scheduleDrain is on its way to the UI
    bool urgentPosted = false;  // a drain (batch full) is on its way
    bool paused = false;        // stopped fetching until the UI drains

    void next() {
        if (auto r = reader.lock()) {
            r->fetch_message([self = shared_from_this()](Result<consumer::Message> m) { self->onMessage(std::move(m)); });
        }
    }

    void onMessage(Result<consumer::Message> m) {
        if (!m) {
            if (consumer::is_end_of_stream(m.error())) {
                relay->post([relay = relay, session = session] { relay->target->onLoopEnded(session); });
                return;
            }
            relay->post([relay = relay, session = session, text = QString::fromStdString(m.error().message)] {
                if (relay->target->m_session == session) Q_EMIT relay->target->fetchFailed(text);
            });
            next();  // the reader retries and rejoins on its own; keep asking
            return;
        }
        bool wake = false, urgent = false, more = true;
        {
            std::lock_guard lock(mutex);
            pending.push_back(std::move(m).value());
            if (!wakePosted) wake = wakePosted = true;
            if (pending.size() >= kBatchMessages && !urgentPosted) urgent = urgentPosted = true;
            if (pending.size() >= kMaxPending) {
                paused = true;
                more = false;
            }
        }
        if (wake) relay->post([relay = relay, session = session] { relay->target->scheduleDrain(session); });
        if (urgent) relay->post([relay = relay, session = session] { relay->target->drain(session); });
        if (more) next();
    }

    // UI thread: everything pending; `resume` says the loop paused and
    // must be restarted by the caller.
    std::vector<consumer::Message> take(bool& resume) {
        std::lock_guard lock(mutex);
        std::vector<consumer::Message> out;
        out.swap(pending);
        wakePosted = false;
        urgentPosted = false;
        resume = paused;
        paused = false;
        return out;
    }
};

namespace {

QString describe(const std::map<std::pair<std::string, std::int32_t>, std::int64_t>& offsets) {
    QStringList parts;
    for (const auto& [key, offset] : offsets) {
        parts << QStringLiteral("%1/%2@%3").arg(QString::fromStdString(key.first)).arg(key.second).arg(offset);
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace

GroupReaderBridge::GroupReaderBridge(EngineBridge& engine, QObject* parent)
    : QObject(parent), m_engine(engine), m_relay(std::make_shared<Relay>()) {
    m_relay->target = this;
    qRegisterMetaType<ReceivedBatch>();
    qRegisterMetaType<AssignedPartitionsSnapshot>();
    qRegisterMetaType<ReaderStatsSnapshot>();
    qRegisterMetaType<DeadLetterResult>();
    qRegisterMetaType<consumer::GroupEvent>();
    m_drainTimer.setSingleShot(true);
    m_drainTimer.setInterval(kFlushIntervalMs);
    connect(&m_drainTimer, &QTimer::timeout, this, [this] { drain(m_session); });
    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &GroupReaderBridge::refreshNow);
    connect(&m_engine, &EngineBridge::engineAboutToChange, this, &GroupReaderBridge::onEngineAboutToChange);
}

GroupReaderBridge::~GroupReaderBridge() {
    {
        std::lock_guard lock(m_relay->mutex);
        m_relay->target = nullptr;
    }
    closeReader(false);  // no signals from a dying object
    dropWriter();
}

void GroupReaderBridge::setState(State state) {
    if (m_state == state) return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

bool GroupReaderBridge::join(const consumer::GroupReaderConfig& config) {
    Engine* engine = m_engine.engine();
    if (!engine) {
        Q_EMIT refused(tr("Not connected to a cluster."));
        return false;
    }
    if (m_reader) closeReader(true);

    const quint64 session = ++m_session;
    auto onEvent = [relay = m_relay, session](const consumer::GroupEvent& event) {
        relay->post([relay, session, event] {
            GroupReaderBridge* self = relay->target;
            if (self->m_session != session) return;
            if (event.kind == consumer::GroupEvent::Kind::joined) {
                // Forget what was fetched from partitions this member lost, so
                // "commit all fetched" never moves their new owner back.
                std::erase_if(self->m_fetched, [&](const auto& entry) {
                    auto it = event.assignment.find(entry.first.first);
                    return it == event.assignment.end() ||
                           std::find(it->second.begin(), it->second.end(), entry.first.second) == it->second.end();
                });
                self->refreshNow();
            }
            Q_EMIT self->groupEvent(event);
        });
    };
    auto created = engine->create_group_reader(config, std::move(onEvent));
    if (!created) {
        Q_EMIT refused(QString::fromStdString(created.error().message));
        return false;
    }
    m_config = config;
    m_reader = std::move(created).value();
    m_loop = std::make_shared<FetchLoop>();
    m_loop->relay = m_relay;
    m_loop->session = session;
    m_loop->reader = m_reader;
    m_fetched.clear();
    m_received = 0;
    m_autoPending.clear();
    m_autoInFlight = false;
    m_partitions = std::make_shared<const std::vector<consumer::AssignedPartition>>();
    setState(State::Running);
    m_loop->next();  // the first fetch joins the group
    m_refreshTimer.start();
    refreshNow();
    return true;
}

void GroupReaderBridge::leave() {
    if (!m_reader || m_state != State::Running) return;
    setState(State::Leaving);
    const quint64 session = m_session;
    m_reader->close([relay = m_relay, session](Status s) {
        const QString error = s ? QString() : QString::fromStdString(s.error().message);
        relay->post([relay, session, error] { relay->target->onClosed(session, error); });
    });
}

void GroupReaderBridge::closeReader(bool emitState) {
    m_drainTimer.stop();
    m_refreshTimer.stop();
    if (m_reader) {
        // close() is asynchronous and keeps the reader alive until it is
        // done; when the engine goes, its destructor ends that work.
        if (m_state == State::Running) m_reader->close();
        m_reader.reset();
    }
    m_loop.reset();
    ++m_session;  // whatever the old session still posts is dropped
    m_autoInFlight = false;
    m_autoPending.clear();
    if (emitState) setState(State::Idle);
    else m_state = State::Idle;
}

void GroupReaderBridge::onEngineAboutToChange() {
    closeReader(true);
    dropWriter();
}

void GroupReaderBridge::scheduleDrain(quint64 session) {
    if (session != m_session) return;
    if (!m_drainTimer.isActive()) m_drainTimer.start();
}

void GroupReaderBridge::drain(quint64 session) {
    if (session != m_session || !m_loop) return;
    m_drainTimer.stop();
    bool resume = false;
    std::vector<consumer::Message> messages = m_loop->take(resume);
    if (!messages.empty()) {
        std::map<PartitionKey, std::int64_t> highest;
        for (const consumer::Message& m : messages) {
            auto& h = highest[{m.topic, m.partition}];
            h = std::max(h, m.offset);
        }
        for (const auto& [key, offset] : highest) {
            auto [it, inserted] = m_fetched.emplace(key, offset);
            if (!inserted) it->second = std::max(it->second, offset);
        }
        m_received += static_cast<qint64>(messages.size());
        if (m_autoCommit) {
            for (const auto& [key, offset] : highest) {
                auto [it, inserted] = m_autoPending.emplace(key, offset);
                if (!inserted) it->second = std::max(it->second, offset);
            }
            commitAutoPending();
        }
        auto batch = std::make_shared<ReceivedMessages>();
        batch->messages = std::move(messages);
        Q_EMIT messagesReceived(std::move(batch));
    }
    if (resume && m_state == State::Running) m_loop->next();
}

void GroupReaderBridge::onLoopEnded(quint64 session) {
    if (session != m_session) return;
    drain(session);  // what arrived before the end is still shown
}

void GroupReaderBridge::onClosed(quint64 session, const QString& error) {
    if (session != m_session) return;
    drain(session);
    refreshNow();
    m_refreshTimer.stop();
    m_reader.reset();
    m_loop.reset();
    m_autoInFlight = false;
    m_autoPending.clear();
    Q_EMIT left(error);
    setState(State::Idle);
}

void GroupReaderBridge::refreshNow() {
    if (!m_reader) return;
    // Snapshots under the reader's own short lock; no network.
    m_partitions = std::make_shared<const std::vector<consumer::AssignedPartition>>(m_reader->partitions());
    Q_EMIT partitionsUpdated(m_partitions);
    Q_EMIT statsUpdated(std::make_shared<const consumer::ReaderStats>(m_reader->stats()));
}

quint64 GroupReaderBridge::commit(const std::vector<consumer::Message>& messages) {
    if (!m_reader || m_state != State::Running) {
        Q_EMIT refused(tr("Join a group first: there is no reader to commit with."));
        return 0;
    }
    if (messages.empty()) {
        Q_EMIT refused(tr("Nothing to commit: select messages first."));
        return 0;
    }
    std::map<PartitionKey, std::int64_t> highest;
    for (const consumer::Message& m : messages) {
        auto [it, inserted] = highest.emplace(PartitionKey{m.topic, m.partition}, m.offset);
        if (!inserted) it->second = std::max(it->second, m.offset);
    }
    return sendCommit(std::move(highest), false);
}

quint64 GroupReaderBridge::commitAllFetched() {
    if (!m_reader || m_state != State::Running) {
        Q_EMIT refused(tr("Join a group first: there is no reader to commit with."));
        return 0;
    }
    drain(m_session);  // include what is waiting for the next flush
    if (m_fetched.empty()) {
        Q_EMIT refused(tr("Nothing fetched yet."));
        return 0;
    }
    return sendCommit(m_fetched, false);
}

void GroupReaderBridge::setAutoCommit(bool on) {
    m_autoCommit = on;
    if (!on) m_autoPending.clear();
}

void GroupReaderBridge::commitAutoPending() {
    if (m_autoInFlight || m_autoPending.empty() || !m_reader || m_state != State::Running) return;
    m_autoInFlight = true;
    auto offsets = std::exchange(m_autoPending, {});
    sendCommit(std::move(offsets), true);
}

quint64 GroupReaderBridge::sendCommit(std::map<PartitionKey, std::int64_t> highest, bool automatic) {
    // Partitions this member no longer owns would fail the whole commit
    // (the engine refuses them); leave them out and say so.
    refreshNow();
    std::vector<consumer::Message> marks;
    std::map<PartitionKey, std::int64_t> committed;  // offset + 1, as stored
    QStringList skipped;
    for (const auto& [key, offset] : highest) {
        const bool owned = std::any_of(m_partitions->begin(), m_partitions->end(), [&](const auto& p) {
            return p.topic == key.first && p.partition == key.second;
        });
        if (!owned) {
            skipped << QStringLiteral("%1/%2").arg(QString::fromStdString(key.first)).arg(key.second);
            continue;
        }
        consumer::Message m;
        m.topic = key.first;
        m.partition = key.second;
        m.offset = offset;
        marks.push_back(std::move(m));
        committed[key] = offset + 1;
    }
    const quint64 id = ++m_lastCommitId;
    QString note;
    if (!skipped.isEmpty()) note = tr("not assigned to this member any more: %1").arg(skipped.join(QStringLiteral(", ")));
    if (marks.empty()) {
        if (automatic) m_autoInFlight = false;
        Q_EMIT commitFinished(id, automatic, {}, note, tr("none of these partitions is assigned to this member"));
        return id;
    }
    if (m_config.commit_interval.count() > 0) {
        note = (note.isEmpty() ? QString() : note + QStringLiteral("; ")) +
               tr("recorded; committed within %1 ms (commit interval)").arg(m_config.commit_interval.count());
    }
    const quint64 session = m_session;
    m_reader->commit_messages(std::move(marks), [relay = m_relay, session, id, automatic,
                                                 offsets = describe(committed), note](Status s) {
        const QString error = s ? QString() : QString::fromStdString(s.error().message);
        relay->post([relay, session, id, automatic, offsets, note, error] {
            relay->target->onCommitDone(session, id, automatic, offsets, note, error);
        });
    });
    return id;
}

void GroupReaderBridge::onCommitDone(quint64 session, quint64 id, bool automatic, const QString& offsets,
                                     const QString& note, const QString& error) {
    if (session != m_session) return;
    if (error.isEmpty()) refreshNow();  // the committed column moves now, not in a second
    Q_EMIT commitFinished(id, automatic, offsets, note, error);
    if (automatic) {
        m_autoInFlight = false;
        if (m_autoCommit) commitAutoPending();
    }
}

quint64 GroupReaderBridge::sendToDeadLetter(const QString& topic, const std::vector<consumer::Message>& messages,
                                            std::vector<quint64> tags) {
    Engine* engine = m_engine.engine();
    if (!engine) {
        Q_EMIT refused(tr("Not connected to a cluster."));
        return 0;
    }
    if (const QString problem = topicNameProblem(topic); !problem.isEmpty()) {
        Q_EMIT refused(tr("Dead-letter topic: %1.").arg(problem));
        return 0;
    }
    if (messages.empty()) {
        Q_EMIT refused(tr("No failed messages to send."));
        return 0;
    }
    if (tags.size() != messages.size()) tags.resize(messages.size(), 0);
    if (!m_writer) {
        // One writer for every dead-letter topic: each message names its
        // topic. Defaults otherwise (acks all, synchronous flush).
        auto created = engine->create_writer(producer::WriterConfig{});
        if (!created) {
            Q_EMIT refused(QString::fromStdString(created.error().message));
            return 0;
        }
        m_writer = std::move(created).value();
        ++m_writerGeneration;
    }
    const std::string name = topic.toStdString();
    std::vector<producer::Message> out;
    out.reserve(messages.size());
    for (const consumer::Message& m : messages) out.push_back(deadLetterMessage(m, name));
    const quint64 id = ++m_lastDeadLetterId;
    const quint64 generation = m_writerGeneration;
    m_writer->write(std::move(out), [relay = m_relay, generation, id, name,
                                     tags = std::move(tags)](std::vector<producer::DeliveryReport> reports) mutable {
        auto outcome = std::make_shared<DeadLetterOutcome>();
        outcome->topic = name;
        outcome->tags = std::move(tags);
        outcome->reports = std::move(reports);
        DeadLetterResult result = std::move(outcome);
        relay->post([relay, generation, id, result] {
            if (relay->target->m_writerGeneration != generation) return;
            Q_EMIT relay->target->deadLetterFinished(id, result);
        });
    });
    return id;
}

void GroupReaderBridge::dropWriter() {
    ++m_writerGeneration;
    m_writer.reset();  // flushes and closes in the background
}

}  // namespace kafkascope::ui
