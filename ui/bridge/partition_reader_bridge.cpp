#include "bridge/partition_reader_bridge.h"

#include <QMetaObject>
#include <mutex>
#include <utility>

#include "bridge/engine_bridge.h"
#include "consumer/partition_reader.h"
#include "engine.h"
#include "protocol/kafka_error.h"

namespace kafkascope::ui {

// The engine thread's way back, as in ProducerBridge: posts only while the
// bridge is alive.
struct PartitionReaderBridge::Relay {
    std::mutex mutex;
    PartitionReaderBridge* target = nullptr;

    template <class F>
    void post(F&& f) {
        std::lock_guard lock(mutex);
        if (target) QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
    }
};

// One window read. Fetch callbacks run on the engine thread one at a time;
// `mutex` guards what the UI thread touches too (the reader, to close it,
// and the reason it was stopped).
struct PartitionReaderBridge::WindowJob : std::enable_shared_from_this<WindowJob> {
    std::shared_ptr<Relay> relay;
    quint64 id = 0;
    qint64 wanted = 0;
    qint64 end = 0;

    // Engine thread.
    std::vector<consumer::Message> batch;
    qint64 read = 0;
    bool finished = false;

    std::mutex mutex;
    std::shared_ptr<consumer::PartitionReader> reader;
    QString stopNote;

    void start(Engine& engine, const std::string& topic, std::int32_t partition, qint64 offset) {
        auto self = shared_from_this();
        engine.partition_bounds(
            [self, &engine, topic, partition, offset](Result<consumer::OffsetBounds> bounds) {
                if (!bounds) {
                    self->finish(QString::fromStdString(bounds.error().message), true);
                    return;
                }
                self->end = bounds->last;
                self->relay->post([relay = self->relay, job = self->id, offset, last = self->end] {
                    Q_EMIT relay->target->windowStarted(job, offset, last);
                });
                if (offset >= bounds->last) {
                    self->finish(PartitionReaderBridge::tr("Offset %1 is at or past the end (last offset %2): "
                                                           "nothing to read yet.")
                                     .arg(offset)
                                     .arg(bounds->last),
                                 false);
                    return;
                }
                consumer::PartitionReaderConfig config;
                config.topic = topic;
                config.partition = partition;
                config.start_offset = offset;
                config.queue_capacity = static_cast<std::size_t>(std::min<qint64>(self->wanted, 1000));
                config.max_wait = std::chrono::milliseconds(500);
                auto created = engine.create_partition_reader(config);
                if (!created) {
                    self->finish(QString::fromStdString(created.error().message), true);
                    return;
                }
                {
                    std::lock_guard lock(self->mutex);
                    if (!self->stopNote.isEmpty()) {  // cancelled while we looked up the bounds
                        (*created)->close();
                        self->finishLocked(self->stopNote);
                        return;
                    }
                    self->reader = *created;
                }
                self->next();
            },
            topic, partition);
    }

    void next() {
        std::shared_ptr<consumer::PartitionReader> r;
        {
            std::lock_guard lock(mutex);
            r = reader;
        }
        if (!r) return;
        r->fetch_message([self = shared_from_this()](Result<consumer::Message> m) { self->onMessage(std::move(m)); });
    }

    void onMessage(Result<consumer::Message> m) {
        if (finished) return;
        if (!m) {
            if (consumer::is_end_of_stream(m.error())) {
                std::lock_guard lock(mutex);
                finishLocked(stopNote);
            } else {
                finish(QString::fromStdString(m.error().message), true);
            }
            return;
        }
        const bool last = read + 1 >= wanted || m->offset + 1 >= end;
        batch.push_back(std::move(m).value());
        ++read;
        if (last) {
            finish({}, false);
            return;
        }
        if (batch.size() >= kWindowBatch) flush(false, {}, false);
        next();
    }

    void finishLocked(const QString& note) {
        if (finished) return;
        finished = true;
        if (reader) reader->close();
        reader.reset();
        flush(true, note, false);
    }
    void finish(const QString& note, bool isError) {
        std::lock_guard lock(mutex);
        if (finished) return;
        finished = true;
        if (reader) reader->close();
        reader.reset();
        flush(true, note, isError);
    }

    void flush(bool done, const QString& note, bool isError) {
        MessageWindow out = std::make_shared<const WindowMessages>(WindowMessages{std::move(batch)});
        batch = {};
        relay->post([relay = relay, id = id, out, done, n = read, note, isError] {
            if (isError) relay->target->fail(Read, id, note);
            relay->target->onWindowBatch(id, out, done, n, isError ? QString() : note);
        });
    }

    // UI thread: close the reader; the waiting fetch ends with end-of-stream.
    void stop(const QString& note) {
        std::lock_guard lock(mutex);
        if (stopNote.isEmpty()) stopNote = note;
        if (reader) reader->close();
    }
};

PartitionReaderBridge::PartitionReaderBridge(EngineBridge& engine, QObject* parent)
    : QObject(parent), m_engine(engine), m_relay(std::make_shared<Relay>()) {
    qRegisterMetaType<MessageWindow>();
    qRegisterMetaType<PartitionPositions>();
    m_relay->target = this;
    m_watchdog.setSingleShot(true);
    m_watchdog.setInterval(15'000);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (m_job) m_job->stop(tr("No message arrived for 15 s: stopped."));
    });
    connect(&m_engine, &EngineBridge::engineAboutToChange, this, &PartitionReaderBridge::dropEngineObjects);
}

PartitionReaderBridge::~PartitionReaderBridge() {
    {
        std::lock_guard lock(m_relay->mutex);
        m_relay->target = nullptr;
    }
    if (m_job) m_job->stop(tr("Closed."));
}

quint64 PartitionReaderBridge::begin(Kind kind) {
    m_latest[kind] = ++m_lastId;
    return m_lastId;
}

void PartitionReaderBridge::fail(Kind kind, quint64 id, const QString& message) {
    if (!isCurrent(kind, id)) return;
    static const char* const names[] = {"Offsets", "Seek", "Read", "Commit"};
    Q_EMIT requestFailed(id, tr(names[kind]), message);
}

void PartitionReaderBridge::dropEngineObjects() {
    cancelRead();
    for (quint64& id : m_latest) id = 0;  // replies from the old engine are stale
}

quint64 PartitionReaderBridge::requestPositions(const QString& topic, int partition, const QString& group) {
    const quint64 id = begin(Positions);
    Engine* engine = m_engine.engine();
    if (!engine) {
        fail(Positions, id, tr("Not connected to a cluster."));
        return 0;
    }
    // Bounds first, then (with a group) its committed offset; one reply.
    auto relay = m_relay;
    const std::string t = topic.toStdString();
    const std::string g = group.trimmed().toStdString();
    engine->partition_bounds(
        [relay, engine, id, t, g, partition](Result<consumer::OffsetBounds> bounds) {
            if (!bounds) {
                const QString message = QString::fromStdString(bounds.error().message);
                relay->post([relay, id, message] { relay->target->fail(Positions, id, message); });
                return;
            }
            PartitionPositions positions;
            positions.first = bounds->first;
            positions.last = bounds->last;
            if (g.empty()) {
                relay->post([relay, id, positions] {
                    if (relay->target->isCurrent(Positions, id)) Q_EMIT relay->target->positionsReady(id, positions);
                });
                return;
            }
            positions.groupAsked = true;
            engine->committed_offsets(
                [relay, id, positions, partition](Result<std::vector<consumer::CommittedOffset>> committed) mutable {
                    if (!committed) {
                        positions.committedError = QString::fromStdString(committed.error().message);
                    } else {
                        for (const auto& c : *committed) {
                            if (c.partition != partition) continue;
                            if (c.error) positions.committedError = QString::fromStdString(c.error.message);
                            else positions.committed = c.offset;
                        }
                    }
                    relay->post([relay, id, positions] {
                        if (relay->target->isCurrent(Positions, id)) {
                            Q_EMIT relay->target->positionsReady(id, positions);
                        }
                    });
                },
                g, std::vector<std::string>{t});
        },
        t, partition);
    return id;
}

quint64 PartitionReaderBridge::requestSeek(const QString& topic, int partition, SeekMode mode, qint64 value,
                                           qint64 current) {
    const quint64 id = begin(Seek);
    Engine* engine = m_engine.engine();
    if (!engine) {
        fail(Seek, id, tr("Not connected to a cluster."));
        return 0;
    }
    auto relay = m_relay;
    const std::string t = topic.toStdString();
    auto deliver = [relay, id](qint64 offset, const QString& note) {
        relay->post([relay, id, offset, note] {
            if (relay->target->isCurrent(Seek, id)) Q_EMIT relay->target->seekResolved(id, offset, note);
        });
    };
    auto failed = [relay, id](const Error& e) {
        const QString message = QString::fromStdString(e.message);
        relay->post([relay, id, message] { relay->target->fail(Seek, id, message); });
    };
    if (mode == SeekMode::Timestamp) {
        if (value < 0) {
            fail(Seek, id, tr("A timestamp must be >= 0 ms since 1970."));
            return 0;
        }
        engine->partition_offset_at(
            [engine, t, partition, deliver, failed](Result<consumer::OffsetAtTime> at) {
                if (!at) return failed(at.error());
                if (at->found()) return deliver(at->offset, {});
                // No message that recent: the end, as kafka-go's SetOffsetAt does.
                engine->partition_bounds(
                    [deliver, failed](Result<consumer::OffsetBounds> b) {
                        if (!b) return failed(b.error());
                        deliver(b->last, tr("No message at or after that time: the end of the partition."));
                    },
                    t, partition);
            },
            t, partition, value);
        return id;
    }
    int whence = consumer::seek_start;
    switch (mode) {
        case SeekMode::Start: whence = consumer::seek_start; break;
        case SeekMode::Absolute: whence = consumer::seek_absolute; break;
        case SeekMode::End: whence = consumer::seek_end; break;
        case SeekMode::Current: whence = consumer::seek_current; break;
        case SeekMode::Timestamp: break;
    }
    engine->seek(
        [deliver, failed](Result<std::int64_t> offset) {
            if (!offset) return failed(offset.error());
            deliver(*offset, {});
        },
        t, partition, current, value, whence);
    return id;
}

quint64 PartitionReaderBridge::readWindow(const QString& topic, int partition, qint64 offset, int count) {
    cancelRead();
    const quint64 id = begin(Read);
    Engine* engine = m_engine.engine();
    if (!engine) {
        fail(Read, id, tr("Not connected to a cluster."));
        return 0;
    }
    if (count < 1 || count > kMaxWindow || offset < 0) {
        fail(Read, id, tr("Read needs an offset >= 0 and 1 to %1 messages.").arg(kMaxWindow));
        return 0;
    }
    m_job = std::make_shared<WindowJob>();
    m_job->relay = m_relay;
    m_job->id = id;
    m_job->wanted = count;
    m_readId = id;
    m_watchdog.start();
    m_job->start(*engine, topic.toStdString(), partition, offset);
    return id;
}

void PartitionReaderBridge::cancelRead() {
    if (!m_job) return;
    m_job->stop(tr("Stopped."));
    m_job.reset();
    m_readId = 0;
    m_watchdog.stop();
}

void PartitionReaderBridge::onWindowBatch(quint64 id, const MessageWindow& messages, bool finished, qint64 read,
                                          const QString& note) {
    if (!isCurrent(Read, id)) return;
    m_watchdog.start();
    if (!messages->messages.empty()) Q_EMIT windowBatch(id, messages);
    if (!finished) return;
    m_watchdog.stop();
    m_job.reset();
    m_readId = 0;
    Q_EMIT windowFinished(id, read, note);
}

quint64 PartitionReaderBridge::commit(const QString& group, const QString& topic, int partition, qint64 offset) {
    const quint64 id = begin(Commit);
    Engine* engine = m_engine.engine();
    if (!engine) {
        fail(Commit, id, tr("Not connected to a cluster."));
        return 0;
    }
    if (group.trimmed().isEmpty() || offset < 0) {
        fail(Commit, id, tr("Commit needs a group id and an offset >= 0."));
        return 0;
    }
    consumer::OffsetToCommit entry;
    entry.topic = topic.toStdString();
    entry.partition = partition;
    entry.offset = offset;
    auto relay = m_relay;
    engine->commit_offsets(
        [relay, id, offset](Result<std::vector<consumer::CommittedOffset>> result) {
            QString problem;
            if (!result) {
                problem = QString::fromStdString(result.error().message);
            } else {
                for (const auto& c : *result) {
                    if (!c.error) continue;
                    const auto& code = c.error.code;
                    const bool members = code.category() == protocol::kafka_category() &&
                                         (code.value() == 22 || code.value() == 25 || code.value() == 27);
                    problem = members ? tr("The group has active members, so the coordinator refused a commit from "
                                           "outside it. Stop its consumers first. (%1)")
                                            .arg(QString::fromStdString(c.error.message))
                                      : QString::fromStdString(c.error.message);
                }
            }
            relay->post([relay, id, offset, problem] {
                if (!problem.isEmpty()) return relay->target->fail(Commit, id, problem);
                if (relay->target->isCurrent(Commit, id)) Q_EMIT relay->target->committed(id, offset);
            });
        },
        group.trimmed().toStdString(), std::vector<consumer::OffsetToCommit>{entry});
    return id;
}

}  // namespace kafkascope::ui
