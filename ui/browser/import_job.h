#pragma once
// ImportJob: re-produces a JSON Lines file into a topic without touching the
// file on the UI thread and without one giant write.
//
// Threads:
//  * a worker thread (owned, joined in the destructor) opens and reads the
//    file with browse::JsonLinesReader, chunk by chunk, and posts each chunk
//    and its bad lines to the UI thread. It waits while kMaxChunksInFlight
//    chunks are unanswered, so memory stays bounded however big the file is;
//  * the UI thread hands each chunk to the engine's async Writer (write()
//    only posts) and keeps the counts; it never parses or blocks;
//  * delivery callbacks run on the engine thread: they count, release a
//    chunk credit for the worker and post the outcome to the UI thread.
// A malformed line is skipped and reported (lineError, with its number); the
// rest goes on. finished() gives the summary: sent and failed (bad lines +
// messages the broker did not take). The writer is dropped when the engine
// changes, so it never outlives the engine.

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>
#include <thread>
#include <vector>

#include "browse/message_import.h"
#include "producer/writer_config.h"

namespace kafkascope::producer {
class Writer;
}

namespace kafkascope::ui {

class EngineBridge;

class ImportJob : public QObject {
    Q_OBJECT

public:
    static constexpr std::size_t kChunkMessages = 500;
    static constexpr int kMaxChunksInFlight = 4;
    static constexpr int kMaxKeptErrors = 1000;  // later errors are counted, not kept

    explicit ImportJob(EngineBridge& engine, QObject* parent = nullptr);
    ~ImportJob() override;

    // Starts importing; "" or why not (not connected, already running, bad
    // topic). A file that cannot be read ends the job with finished(error).
    QString start(const QString& path, const QString& topic, browse::ImportOptions options = {});
    void cancel();  // reads no more; what was handed to the writer still completes

    bool isRunning() const { return m_running; }
    qint64 linesRead() const { return m_lines; }
    qint64 sent() const { return m_sent; }
    qint64 failed() const { return m_failed; }
    const QStringList& errors() const { return m_errors; }  // first kMaxKeptErrors, in line order per chunk
    QString summary() const;

Q_SIGNALS:
    void progress(qint64 lines, qint64 sent, qint64 failed);
    void lineError(qint64 line, const QString& message);
    // error: "" when the whole file was read, else why the import stopped early.
    void finished(qint64 sent, qint64 failed, const QString& error);

private:
    struct Shared;
    void onChunk(quint64 generation, std::vector<producer::Message> messages, std::vector<std::size_t> lines);
    void onBadLines(quint64 generation, qint64 linesRead, QStringList errors, std::vector<std::size_t> lines);
    void onDelivered(quint64 generation, qint64 ok, QStringList errors);
    void onReaderDone(quint64 generation, qint64 linesRead, const QString& error);
    void addError(const QString& message);
    void maybeFinish();
    void stopWorker();

    EngineBridge& m_engine;
    std::shared_ptr<Shared> m_shared;
    std::thread m_worker;
    std::shared_ptr<producer::Writer> m_writer;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_readerDone = false;
    QString m_stopError;
    qint64 m_chunksWritten = 0;
    qint64 m_chunksAnswered = 0;
    qint64 m_lines = 0;
    qint64 m_sent = 0;
    qint64 m_failed = 0;
    QStringList m_errors;
    QString m_topic;
};

}  // namespace kafkascope::ui
