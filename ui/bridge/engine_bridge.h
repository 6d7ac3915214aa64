#pragma once
// EngineBridge: the one class that knows both the engine and Qt.
//
// Threads: the bridge lives on the UI thread and owns the Engine (which owns
// the engine thread). Engine callbacks run on the engine thread; each one
// only moves its result into an immutable snapshot and posts it to the UI
// thread with a queued invokeMethod. There the bridge checks the reply's
// generation and emits one signal per reply.
//
// Invariants:
//  * every request carries a generation id, unique for the bridge's life;
//  * a reply whose generation is not the newest in flight for its kind is
//    dropped (a superseded refresh, or a reply from a previous connection);
//  * offsets follow each metadata reply, but never more than one request at
//    a time: new metadata during an offsets request queues one more after it;
//  * the Engine is destroyed (its thread joined) before the QObject, so no
//    callback can post to a dead bridge.

#include <QObject>
#include <QString>
#include <array>
#include <memory>

#include "bridge/engine_types.h"
#include "net/security_config.h"

namespace kafkascope {
class Engine;
}

namespace kafkascope::ui {

class EngineBridge : public QObject {
    Q_OBJECT

public:
    explicit EngineBridge(QObject* parent = nullptr);
    ~EngineBridge() override;

    // Replaces the current engine (if any) with one for `bootstrap` and starts
    // the first refresh. Does not touch the network on this thread. Returns
    // an empty string on success, else why the bootstrap string is malformed.
    QString connectToCluster(const QString& bootstrap, const QString& clientId);
    // The same with TLS / SASL settings (EngineOptions::security); a
    // contradictory SecurityConfig is refused with the engine's message.
    QString connectToCluster(const QString& bootstrap, const QString& clientId, const net::SecurityConfig& security);
    void disconnectFromCluster();

    ConnectionState state() const { return m_state; }
    QString stateMessage() const { return m_stateMessage; }
    QString bootstrap() const { return m_bootstrap; }
    bool hasEngine() const { return m_engine != nullptr; }
    // The current engine (nullptr when disconnected), for helpers such as
    // ProducerBridge that own engine objects. It is replaced or destroyed
    // right after engineAboutToChange(): drop everything made from it then.
    Engine* engine() const { return m_engine.get(); }
    bool isBusy(RequestKind kind) const;

    // Metadata, then first/last offsets of every partition it lists. A new
    // refresh supersedes one in flight. Returns the generation, 0 without an
    // engine.
    quint64 refresh();
    // ApiVersions of every broker in the last metadata, next to our ranges.
    quint64 requestApiVersions();

Q_SIGNALS:
    void stateChanged(kafkascope::ui::ConnectionState state, const QString& message);
    void metadataReady(quint64 generation, const kafkascope::ui::MetadataSnapshot& metadata);
    void offsetsReady(quint64 generation, const kafkascope::ui::OffsetsSnapshot& offsets);
    void apiVersionsReady(quint64 generation, const kafkascope::ui::ApiVersionsSnapshot& versions);
    void requestFailed(kafkascope::ui::RequestKind kind, const QString& message);
    void busyChanged(bool busy);
    // Emitted (on the UI thread) just before the engine is replaced or
    // destroyed: on connect, disconnect and in the destructor.
    void engineAboutToChange();

private:
    // The engine-thread callback for one request: snapshot the result and
    // post it, with its generation, to `onReply` on the UI thread.
    template <class T, class Snapshot>
    auto replyHandler(quint64 generation,
                      void (EngineBridge::*onReply)(quint64, const Snapshot&, const QString&));

    quint64 begin(RequestKind kind);
    bool finish(RequestKind kind, quint64 generation);  // false: stale, drop it
    void requestOffsets(quint64 generation);
    void setState(ConnectionState state, const QString& message);
    void updateBusy();

    void onMetadata(quint64 generation, const MetadataSnapshot& metadata, const QString& error);
    void onOffsets(quint64 generation, const OffsetsSnapshot& offsets, const QString& error);
    void onApiVersions(quint64 generation, const ApiVersionsSnapshot& versions, const QString& error);

    std::unique_ptr<Engine> m_engine;
    QString m_bootstrap;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_stateMessage;
    quint64 m_lastGeneration = 0;
    std::array<quint64, 3> m_inFlight{};  // per RequestKind; 0 when idle
    bool m_offsetsWanted = false;  // metadata arrived while offsets were in flight
    bool m_busy = false;
};

}  // namespace kafkascope::ui
