#include "browser/import_job.h"

#include <QMetaObject>
#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <mutex>

#include "bridge/engine_bridge.h"
#include "browse/json_lines_reader.h"
#include "engine.h"
#include "producer/writer.h"

namespace kafkascope::ui {

// One per run: the worker's stop flag and chunk credits, and the way back to
// the job (cleared when the job goes or the run is abandoned).
struct ImportJob::Shared {
    std::mutex mutex;
    std::condition_variable credit;
    ImportJob* target = nullptr;
    int inFlight = 0;
    bool stop = false;

    template <class F>
    void post(F&& f) {
        std::lock_guard lock(mutex);
        if (target) QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
    }
    void release() {
        {
            std::lock_guard lock(mutex);
            --inFlight;
        }
        credit.notify_one();
    }
};

ImportJob::ImportJob(EngineBridge& engine, QObject* parent) : QObject(parent), m_engine(engine) {
    connect(&m_engine, &EngineBridge::engineAboutToChange, this, [this] {
        // The writer must not outlive its engine: abandon this run.
        const bool wasRunning = m_running;
        stopWorker();
        m_writer.reset();
        ++m_generation;
        if (wasRunning) {
            m_running = false;
            Q_EMIT finished(m_sent, m_failed, tr("the connection closed during the import"));
        }
    });
}

ImportJob::~ImportJob() {
    stopWorker();
    m_writer.reset();
}

void ImportJob::stopWorker() {
    if (m_shared) {
        {
            std::lock_guard lock(m_shared->mutex);
            m_shared->stop = true;
            m_shared->target = nullptr;
        }
        m_shared->credit.notify_all();
    }
    if (m_worker.joinable()) m_worker.join();
}

QString ImportJob::start(const QString& path, const QString& topic, browse::ImportOptions options) {
    if (m_running) return tr("An import is already running.");
    if (topic.trimmed().isEmpty()) return tr("Choose a topic to import into.");
    Engine* engine = m_engine.engine();
    if (!engine) return tr("Not connected to a cluster.");
    producer::WriterConfig config;
    config.topic = topic.trimmed().toStdString();
    auto writer = engine->create_writer(config);
    if (!writer) return QString::fromStdString(writer.error().message);
    stopWorker();  // a finished run's worker has ended; this only joins it
    m_writer = std::move(writer).value();
    m_topic = topic.trimmed();
    m_running = true;
    m_readerDone = false;
    m_stopError.clear();
    m_chunksWritten = m_chunksAnswered = 0;
    m_lines = m_sent = m_failed = 0;
    m_errors.clear();
    const quint64 generation = ++m_generation;
    m_shared = std::make_shared<Shared>();
    m_shared->target = this;
    auto shared = m_shared;
    m_worker = std::thread([shared, generation, file = path.toStdString(), path, options] {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            const QString why = tr("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            shared->post([shared, generation, why] {
                if (ImportJob* t = shared->target) t->onReaderDone(generation, 0, why);
            });
            return;
        }
        browse::JsonLinesReader reader(in, options);
        bool stopped = false;
        while (!reader.at_end()) {
            browse::JsonLinesChunk chunk = reader.next(kChunkMessages);
            const auto linesRead = static_cast<qint64>(reader.lines_read());
            if (!chunk.errors.empty()) {
                QStringList errors;
                std::vector<std::size_t> lines;
                for (const auto& e : chunk.errors) {
                    errors << QString::fromStdString(e.message);
                    lines.push_back(e.line);
                }
                shared->post([shared, generation, linesRead, errors, lines] {
                    if (ImportJob* t = shared->target) t->onBadLines(generation, linesRead, errors, lines);
                });
            }
            std::unique_lock lock(shared->mutex);
            // Back-pressure: at most kMaxChunksInFlight chunks unanswered.
            shared->credit.wait(lock, [&] { return shared->stop || shared->inFlight < kMaxChunksInFlight; });
            if (shared->stop) {
                stopped = true;
                break;
            }
            if (chunk.messages.empty() || !shared->target) continue;
            ++shared->inFlight;
            QMetaObject::invokeMethod(
                shared->target,
                [shared, generation, messages = std::move(chunk.messages), lines = std::move(chunk.message_lines)]() mutable {
                    if (ImportJob* t = shared->target) t->onChunk(generation, std::move(messages), std::move(lines));
                },
                Qt::QueuedConnection);
        }
        const auto linesRead = static_cast<qint64>(reader.lines_read());
        const QString why = stopped ? tr("cancelled after line %1").arg(linesRead) : QString();
        shared->post([shared, generation, linesRead, why] {
            if (ImportJob* t = shared->target) t->onReaderDone(generation, linesRead, why);
        });
    });
    return {};
}

void ImportJob::cancel() {
    if (!m_running || !m_shared) return;
    {
        std::lock_guard lock(m_shared->mutex);
        m_shared->stop = true;
    }
    m_shared->credit.notify_all();
}

void ImportJob::onChunk(quint64 generation, std::vector<producer::Message> messages, std::vector<std::size_t> lines) {
    if (generation != m_generation || !m_writer) {
        if (m_shared) m_shared->release();
        return;
    }
    ++m_chunksWritten;
    auto shared = m_shared;
    // write() only posts to the engine thread; the reports come back there.
    m_writer->write(std::move(messages), [shared, generation, lines = std::move(lines)](
                                             std::vector<producer::DeliveryReport> reports) {
        qint64 ok = 0;
        QStringList errors;
        for (const auto& r : reports) {
            if (!r.error) ++ok;
            else errors << tr("line %1: %2").arg(r.index < lines.size() ? lines[r.index] : 0).arg(QString::fromStdString(r.error.message));
        }
        shared->release();
        shared->post([shared, generation, ok, errors] {
            if (ImportJob* t = shared->target) t->onDelivered(generation, ok, errors);
        });
    });
}

void ImportJob::onBadLines(quint64 generation, qint64 linesRead, QStringList errors, std::vector<std::size_t> lines) {
    if (generation != m_generation || !m_running) return;
    m_lines = std::max(m_lines, linesRead);
    for (qsizetype i = 0; i < errors.size(); ++i) {
        ++m_failed;
        addError(errors[i]);
        Q_EMIT lineError(static_cast<qint64>(lines[static_cast<std::size_t>(i)]), errors[i]);
    }
    Q_EMIT progress(m_lines, m_sent, m_failed);
}

void ImportJob::onDelivered(quint64 generation, qint64 ok, QStringList errors) {
    if (generation != m_generation || !m_running) return;
    ++m_chunksAnswered;
    m_sent += ok;
    m_failed += errors.size();
    for (const QString& e : errors) addError(e);
    Q_EMIT progress(m_lines, m_sent, m_failed);
    maybeFinish();
}

void ImportJob::onReaderDone(quint64 generation, qint64 linesRead, const QString& error) {
    if (generation != m_generation || !m_running) return;
    m_readerDone = true;
    m_lines = std::max(m_lines, linesRead);
    m_stopError = error;
    maybeFinish();
}

void ImportJob::addError(const QString& message) {
    if (m_errors.size() < kMaxKeptErrors) m_errors << message;
}

void ImportJob::maybeFinish() {
    if (!m_running || !m_readerDone || m_chunksAnswered != m_chunksWritten) return;
    m_running = false;
    if (m_worker.joinable()) m_worker.join();  // it posted its last word: already ending
    m_writer.reset();
    Q_EMIT progress(m_lines, m_sent, m_failed);
    Q_EMIT finished(m_sent, m_failed, m_stopError);
}

QString ImportJob::summary() const {
    QString text = tr("Import into %1: %2 sent, %3 failed").arg(m_topic).arg(m_sent).arg(m_failed);
    if (m_running) text = tr("Importing into %1… %2 lines read, %3 sent, %4 failed").arg(m_topic).arg(m_lines).arg(m_sent).arg(m_failed);
    if (!m_stopError.isEmpty()) text += QStringLiteral(" — ") + m_stopError;
    if (!m_errors.isEmpty()) text += QStringLiteral(" — ") + m_errors.front();
    if (m_errors.size() > 1) text += tr(" (and %1 more)").arg(m_failed - 1);
    return text;
}

}  // namespace kafkascope::ui
