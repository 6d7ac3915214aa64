#include "bridge/producer_bridge.h"

#include <QMetaObject>
#include <algorithm>
#include <mutex>
#include <utility>

#include "bridge/engine_bridge.h"
#include "engine.h"
#include "producer/writer.h"

namespace kafkascope::ui {

// The engine thread's way back: posts only while the bridge is alive. The
// destructor clears `target` under the mutex, so a post either lands before
// the bridge dies (and Qt discards it with the object) or does not happen.
struct ProducerBridge::Relay {
    std::mutex mutex;
    ProducerBridge* target = nullptr;

    template <class F>
    void post(F&& f) {
        std::lock_guard lock(mutex);
        if (target) QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
    }
};

namespace {

bool sameConfig(const producer::WriterConfig& a, const producer::WriterConfig& b) {
    return a.topic == b.topic && a.batch_size == b.batch_size && a.batch_bytes == b.batch_bytes &&
           a.batch_timeout == b.batch_timeout && a.required_acks == b.required_acks &&
           a.max_attempts == b.max_attempts && a.write_backoff_min == b.write_backoff_min &&
           a.write_backoff_max == b.write_backoff_max && a.write_timeout == b.write_timeout && a.async == b.async &&
           a.compression == b.compression && a.compression_level == b.compression_level &&
           a.balancer == b.balancer && a.linger == b.linger && a.idempotent == b.idempotent;
}

}  // namespace

ProducerBridge::ProducerBridge(EngineBridge& engine, QObject* parent)
    : QObject(parent), m_engine(engine), m_relay(std::make_shared<Relay>()) {
    m_relay->target = this;
    m_statsTimer.setInterval(500);
    connect(&m_statsTimer, &QTimer::timeout, this, [this] { requestStats(false); });
    connect(&m_engine, &EngineBridge::engineAboutToChange, this, &ProducerBridge::closeWriter);
}

ProducerBridge::~ProducerBridge() {
    {
        std::lock_guard lock(m_relay->mutex);
        m_relay->target = nullptr;
    }
    m_writer.reset();  // closes in the background; its callbacks find no target
}

void ProducerBridge::configure(const producer::WriterConfig& config) {
    if (sameConfig(config, m_config)) return;
    m_config = config;
    if (!isSending()) closeWriter();
    // While sending, the running send keeps its writer; the next send
    // compares again and recreates it.
}

void ProducerBridge::closeWriter() {
    if (isSending()) {
        // The writer's answers will be dropped: finish the send as cancelled.
        m_send.cancelled = true;
        m_send.inFlight = 0;
        finishSend(nullptr);
    }
    ++m_writerGeneration;
    m_writer.reset();
}

quint64 ProducerBridge::send(std::vector<producer::Message> messages) {
    Engine* engine = m_engine.engine();
    if (!engine) {
        Q_EMIT sendRefused(tr("Not connected to a cluster."));
        return 0;
    }
    if (isSending()) {
        Q_EMIT sendRefused(tr("A send is still running."));
        return 0;
    }
    if (messages.empty()) {
        Q_EMIT sendRefused(tr("Nothing to send."));
        return 0;
    }
    if (m_writer && !sameConfig(m_writer->config(), m_config)) closeWriter();
    if (!m_writer) {
        auto created = engine->create_writer(m_config);
        if (!created) {
            Q_EMIT sendRefused(QString::fromStdString(created.error().message));
            return 0;
        }
        m_writer = std::move(created).value();
        ++m_writerGeneration;
    }

    m_send = SendState{};
    m_send.id = ++m_lastSendId;
    m_send.messages = std::move(messages);
    m_send.started = std::chrono::steady_clock::now();
    m_send.lastReport = m_send.started;
    m_send.startedWall = std::chrono::system_clock::now();
    Q_EMIT sendStarted(m_send.id, static_cast<qint64>(m_send.messages.size()));

    // Stats first: the engine thread runs posts in order, so this baseline
    // is taken before any of the send's batches exist.
    {
        const quint64 generation = m_writerGeneration;
        const quint64 sendId = m_send.id;
        m_writer->stats([relay = m_relay, generation, sendId](producer::WriterStats stats) {
            auto snapshot = std::make_shared<const producer::WriterStats>(std::move(stats));
            relay->post([relay, generation, sendId, snapshot] {
                relay->target->onStats(generation, sendId, snapshot, false, true);
            });
        });
    }
    for (int i = 0; i < kChunksInFlight && m_send.next < m_send.messages.size(); ++i) writeNextChunk();
    m_statsTimer.start();
    return m_send.id;
}

void ProducerBridge::writeNextChunk() {
    const std::size_t begin = m_send.next;
    const std::size_t end = std::min(m_send.messages.size(), begin + kChunkMessages);
    std::vector<producer::Message> chunk(std::make_move_iterator(m_send.messages.begin() + static_cast<std::ptrdiff_t>(begin)),
                                         std::make_move_iterator(m_send.messages.begin() + static_cast<std::ptrdiff_t>(end)));
    m_send.next = end;
    ++m_send.inFlight;
    const quint64 generation = m_writerGeneration;
    const quint64 sendId = m_send.id;
    m_writer->write(std::move(chunk), [relay = m_relay, generation, sendId, begin](
                                          std::vector<producer::DeliveryReport> reports) {
        // Engine thread: stamp, renumber, snapshot, post. Nothing else.
        const auto at = std::chrono::steady_clock::now();
        for (auto& report : reports) report.index += begin;
        DeliveryBatch batch = std::make_shared<const std::vector<producer::DeliveryReport>>(std::move(reports));
        relay->post([relay, generation, sendId, batch, at] { relay->target->onChunk(generation, sendId, batch, at); });
    });
}

void ProducerBridge::cancel() {
    if (!isSending()) return;
    m_send.cancelled = true;
    if (m_send.inFlight == 0) requestStats(true);
}

void ProducerBridge::onChunk(quint64 writerGeneration, quint64 sendId, const DeliveryBatch& reports,
                             std::chrono::steady_clock::time_point at) {
    if (writerGeneration != m_writerGeneration || sendId != m_send.id) return;  // stale
    --m_send.inFlight;
    m_send.lastReport = std::max(m_send.lastReport, at);
    for (const auto& report : *reports) {
        if (report.error) ++m_send.failed;
        else ++m_send.ok;
    }
    Q_EMIT reportsReady(sendId, reports);
    if (!m_send.cancelled && m_send.next < m_send.messages.size()) {
        writeNextChunk();
    } else if (m_send.inFlight == 0) {
        requestStats(true);
    }
}

void ProducerBridge::requestStats(bool final) {
    if (!m_writer) return;
    if (final) m_statsTimer.stop();
    const quint64 generation = m_writerGeneration;
    const quint64 sendId = m_send.id;
    m_writer->stats([relay = m_relay, generation, sendId, final](producer::WriterStats stats) {
        auto snapshot = std::make_shared<const producer::WriterStats>(std::move(stats));
        relay->post([relay, generation, sendId, snapshot, final] {
            relay->target->onStats(generation, sendId, snapshot, final, false);
        });
    });
}

void ProducerBridge::onStats(quint64 writerGeneration, quint64 sendId, const WriterStatsSnapshot& stats,
                             bool final, bool baseline) {
    if (writerGeneration != m_writerGeneration) return;
    if (baseline) {
        if (sendId == m_send.id) m_send.retriesBefore = stats->total.retries;
        return;
    }
    Q_EMIT statsReady(stats);
    if (final && sendId == m_send.id && m_send.inFlight == 0) finishSend(stats);
}

void ProducerBridge::finishSend(const WriterStatsSnapshot& stats) {
    m_statsTimer.stop();
    SendSummary summary;
    summary.messages = static_cast<qint64>(m_send.messages.size());
    summary.ok = m_send.ok;
    summary.failed = m_send.failed;
    summary.notSent = summary.messages - m_send.ok - m_send.failed;
    summary.cancelled = m_send.cancelled;
    summary.usedMs = std::chrono::duration<double, std::milli>(m_send.lastReport - m_send.started).count();
    if (stats) {
        for (const auto& flush : stats->flushes) {
            if (flush.time < m_send.startedWall) continue;
            ++summary.batches;
            ++summary.flushReasons[QString::fromUtf8(producer::flush_reason_name(flush.reason))];
        }
        summary.retries = stats->total.retries - std::max<qint64>(0, m_send.retriesBefore);
    }
    const quint64 id = m_send.id;
    m_send = SendState{};
    Q_EMIT sendFinished(id, summary);
}

}  // namespace kafkascope::ui
