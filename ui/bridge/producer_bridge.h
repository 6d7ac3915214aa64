#pragma once
// ProducerBridge: owns one producer::Writer made from the EngineBridge's
// engine and turns its engine-thread callbacks into UI-thread signals.
//
// Threads: lives on the UI thread. Writer callbacks run on the engine thread;
// each only wraps its result in an immutable snapshot and posts it through a
// Relay (a mutex-guarded pointer back to the bridge, cleared in the
// destructor), so a callback arriving after the bridge died posts nothing.
//
// Invariants:
//  * the Writer is created lazily on send, from the last configure()d
//    settings; a settings change or a new engine drops it (it closes in the
//    background) and the next send creates a new one;
//  * the Writer is dropped on EngineBridge::engineAboutToChange, before its
//    engine goes away;
//  * every send has an id; replies of a superseded send or writer are dropped;
//  * a send is cut into chunks of at most kChunkMessages messages, at most
//    kChunksInFlight write calls at a time, so reports reach the UI in
//    batches (one signal per chunk, never per message) and a send can be
//    cancelled between chunks.

#include <QObject>
#include <QString>
#include <QTimer>
#include <chrono>
#include <map>
#include <memory>
#include <vector>

#include "producer/writer_config.h"
#include "producer/writer_stats.h"

namespace kafkascope::producer {
class Writer;
}

namespace kafkascope::ui {

class EngineBridge;

using DeliveryBatch = std::shared_ptr<const std::vector<producer::DeliveryReport>>;
using WriterStatsSnapshot = std::shared_ptr<const producer::WriterStats>;

// What one send did, as the pane's summary line shows it.
struct SendSummary {
    qint64 messages = 0;
    qint64 ok = 0;
    qint64 failed = 0;
    qint64 notSent = 0;      // cancelled before their chunk was written
    double usedMs = 0;       // first write call -> last report (the seed's measure)
    qint64 batches = 0;      // flush records since the send started
    std::map<QString, qint64> flushReasons;  // reason name -> batches
    qint64 retries = 0;      // batch resends during the send
    bool cancelled = false;
};

class ProducerBridge : public QObject {
    Q_OBJECT

public:
    static constexpr std::size_t kChunkMessages = 2000;
    static constexpr int kChunksInFlight = 4;

    explicit ProducerBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~ProducerBridge() override;

    // New settings for the next send; drops the current writer if they differ.
    void configure(const producer::WriterConfig& config);
    const producer::WriterConfig& config() const { return m_config; }
    bool hasWriter() const { return m_writer != nullptr; }

    // Starts a send; returns its id, or 0 (and emits sendRefused) when there
    // is no engine, a send is running or the writer cannot be created.
    quint64 send(std::vector<producer::Message> messages);
    // Stops writing further chunks; chunks already written still report.
    void cancel();
    bool isSending() const { return m_send.id != 0; }
    // Drops the writer (it flushes and closes in the background).
    void closeWriter();

Q_SIGNALS:
    void sendStarted(quint64 sendId, qint64 messages);
    // Reports of one chunk; their `index` is already the send-wide index.
    void reportsReady(quint64 sendId, const kafkascope::ui::DeliveryBatch& reports);
    void statsReady(const kafkascope::ui::WriterStatsSnapshot& stats);
    void sendFinished(quint64 sendId, const kafkascope::ui::SendSummary& summary);
    void sendRefused(const QString& reason);

private:
    struct Relay;
    struct SendState {
        quint64 id = 0;
        std::vector<producer::Message> messages;
        std::size_t next = 0;       // first message not yet written
        int inFlight = 0;
        bool cancelled = false;
        qint64 ok = 0, failed = 0;
        std::chrono::steady_clock::time_point started;
        std::chrono::steady_clock::time_point lastReport;
        std::chrono::system_clock::time_point startedWall;
        qint64 retriesBefore = -1;  // from the stats taken at the start
    };

    void writeNextChunk();
    void onChunk(quint64 writerGeneration, quint64 sendId, const DeliveryBatch& reports,
                 std::chrono::steady_clock::time_point at);
    void requestStats(bool final);
    void onStats(quint64 writerGeneration, quint64 sendId, const WriterStatsSnapshot& stats, bool final,
                 bool baseline);
    void finishSend(const WriterStatsSnapshot& stats);

    EngineBridge& m_engine;
    std::shared_ptr<Relay> m_relay;
    producer::WriterConfig m_config;
    std::shared_ptr<producer::Writer> m_writer;
    quint64 m_writerGeneration = 0;
    quint64 m_lastSendId = 0;
    SendState m_send;
    QTimer m_statsTimer;
};

}  // namespace kafkascope::ui
