#include "bridge/engine_bridge.h"

#include <QMetaObject>
#include <utility>

#include "engine.h"

namespace kafkascope::ui {
namespace {

std::size_t slot(RequestKind kind) { return static_cast<std::size_t>(kind); }

QString describe(const Error& error) {
    if (!error.message.empty()) return QString::fromStdString(error.message);
    if (error.code) return QString::fromStdString(error.code.message());
    return EngineBridge::tr("unknown error");
}

}  // namespace

EngineBridge::EngineBridge(QObject* parent) : QObject(parent) { registerBridgeMetaTypes(); }

EngineBridge::~EngineBridge() {
    // Join the engine thread first: after this no callback can post to us.
    if (m_engine) Q_EMIT engineAboutToChange();
    m_engine.reset();
}

template <class T, class Snapshot>
auto EngineBridge::replyHandler(quint64 generation,
                                void (EngineBridge::*onReply)(quint64, const Snapshot&, const QString&)) {
    return [this, generation, onReply](Result<T> result) {
        // Engine thread: move the value into an immutable snapshot, nothing more.
        Snapshot snapshot;
        QString error;
        if (result) {
            snapshot = std::make_shared<const T>(std::move(result).value());
        } else {
            error = describe(result.error());
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, onReply, snapshot = std::move(snapshot), error = std::move(error)] {
                (this->*onReply)(generation, snapshot, error);
            },
            Qt::QueuedConnection);
    };
}

QString EngineBridge::connectToCluster(const QString& bootstrap, const QString& clientId) {
    return connectToCluster(bootstrap, clientId, net::SecurityConfig{});
}

QString EngineBridge::connectToCluster(const QString& bootstrap, const QString& clientId,
                                       const net::SecurityConfig& security) {
    EngineOptions options;
    options.security = security;
    options.bootstrap = bootstrap.trimmed().toStdString();
    if (!clientId.trimmed().isEmpty()) options.client_id = clientId.trimmed().toStdString();
    auto created = Engine::create(std::move(options));
    if (!created) return describe(created.error());

    if (m_engine) Q_EMIT engineAboutToChange();
    m_engine.reset();  // join the old engine thread before its replacement starts
    m_inFlight.fill(0);
    m_offsetsWanted = false;
    m_engine = std::move(created).value();
    m_bootstrap = bootstrap.trimmed();
    setState(ConnectionState::Connecting, tr("Connecting to %1…").arg(m_bootstrap));
    refresh();
    return {};
}

void EngineBridge::disconnectFromCluster() {
    if (!m_engine) return;
    Q_EMIT engineAboutToChange();
    m_engine.reset();  // cancels outstanding work; replies already posted are stale now
    m_inFlight.fill(0);
    m_offsetsWanted = false;
    m_bootstrap.clear();
    updateBusy();
    setState(ConnectionState::Disconnected, tr("Not connected"));
}

bool EngineBridge::isBusy(RequestKind kind) const { return m_inFlight[slot(kind)] != 0; }

quint64 EngineBridge::begin(RequestKind kind) {
    const quint64 generation = ++m_lastGeneration;
    m_inFlight[slot(kind)] = generation;
    updateBusy();
    return generation;
}

bool EngineBridge::finish(RequestKind kind, quint64 generation) {
    if (m_inFlight[slot(kind)] != generation) return false;
    m_inFlight[slot(kind)] = 0;
    updateBusy();
    return true;
}

quint64 EngineBridge::refresh() {
    if (!m_engine) return 0;
    const quint64 generation = begin(RequestKind::Metadata);
    m_engine->metadata(replyHandler<ClusterMetadata>(generation, &EngineBridge::onMetadata));
    return generation;
}

void EngineBridge::requestOffsets(quint64 generation) {
    m_engine->partition_offsets(
        replyHandler<std::vector<PartitionOffsets>>(generation, &EngineBridge::onOffsets));
}

quint64 EngineBridge::requestApiVersions() {
    if (!m_engine) return 0;
    const quint64 generation = begin(RequestKind::ApiVersions);
    m_engine->broker_api_versions(
        replyHandler<std::vector<BrokerApiVersions>>(generation, &EngineBridge::onApiVersions));
    return generation;
}

void EngineBridge::onMetadata(quint64 generation, const MetadataSnapshot& metadata, const QString& error) {
    if (!finish(RequestKind::Metadata, generation)) return;
    if (!metadata) {
        setState(ConnectionState::Failed, error);
        Q_EMIT requestFailed(RequestKind::Metadata, error);
        return;
    }
    setState(ConnectionState::Connected, tr("Connected to %1").arg(m_bootstrap));
    Q_EMIT metadataReady(generation, metadata);
    // The bridge may have been disconnected by a slot of metadataReady.
    if (!m_engine) return;
    if (isBusy(RequestKind::Offsets)) {
        // Let the slower offsets request finish instead of superseding it: on
        // a slow cluster each refresh would otherwise starve the one before.
        m_offsetsWanted = true;
    } else {
        requestOffsets(begin(RequestKind::Offsets));
    }
}

void EngineBridge::onOffsets(quint64 generation, const OffsetsSnapshot& offsets, const QString& error) {
    if (!finish(RequestKind::Offsets, generation)) return;
    if (offsets) Q_EMIT offsetsReady(generation, offsets);
    else Q_EMIT requestFailed(RequestKind::Offsets, error);
    if (m_offsetsWanted && m_engine) {
        m_offsetsWanted = false;
        requestOffsets(begin(RequestKind::Offsets));
    }
}

void EngineBridge::onApiVersions(quint64 generation, const ApiVersionsSnapshot& versions,
                                 const QString& error) {
    if (!finish(RequestKind::ApiVersions, generation)) return;
    if (!versions) {
        Q_EMIT requestFailed(RequestKind::ApiVersions, error);
        return;
    }
    Q_EMIT apiVersionsReady(generation, versions);
}

void EngineBridge::setState(ConnectionState state, const QString& message) {
    if (state == m_state && message == m_stateMessage) return;
    m_state = state;
    m_stateMessage = message;
    Q_EMIT stateChanged(state, message);
}

void EngineBridge::updateBusy() {
    const bool busy = m_inFlight[0] != 0 || m_inFlight[1] != 0 || m_inFlight[2] != 0;
    if (busy == m_busy) return;
    m_busy = busy;
    Q_EMIT busyChanged(busy);
}

}  // namespace kafkascope::ui
