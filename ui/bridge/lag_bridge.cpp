#include "bridge/lag_bridge.h"

#include "bridge/engine_bridge.h"
#include "engine.h"

namespace kafkascope::ui {

LagBridge::LagBridge(EngineBridge& engine, QObject* parent) : QObject(parent), m_bridge(engine) {
    qRegisterMetaType<kafkascope::ui::LagSnapshotPtr>();
    connect(&m_bridge, &EngineBridge::engineAboutToChange, this, &LagBridge::stop);
}

LagBridge::~LagBridge() { stop(); }

QString LagBridge::start(const QStringList& groups, int intervalMs) {
    stop();
    Engine* engine = m_bridge.engine();
    if (!engine) return tr("Not connected to a cluster.");
    monitor::LagMonitorConfig config;
    for (const QString& g : groups) {
        const QString trimmed = g.trimmed();
        if (!trimmed.isEmpty()) config.groups.push_back(trimmed.toStdString());
    }
    config.interval = std::chrono::milliseconds(intervalMs);
    auto relay = std::make_shared<ReplyRelay<LagBridge>>(this);
    auto id = engine->start_lag_monitor(config, [relay](monitor::LagSnapshot s) {
        LagSnapshotPtr snapshot = std::make_shared<const monitor::LagSnapshot>(std::move(s));
        relay->post([snapshot](LagBridge* to) { Q_EMIT to->snapshotReady(snapshot); });
    });
    if (!id) return QString::fromStdString(id.error().message);
    m_relay = std::move(relay);
    m_engine = engine;
    m_monitorId = *id;
    return {};
}

void LagBridge::stop() {
    if (m_relay) m_relay->detach();
    m_relay.reset();
    // Only while the engine the monitor runs on is still the bridge's.
    if (m_engine && m_engine == m_bridge.engine()) m_engine->stop_lag_monitor(m_monitorId);
    m_engine = nullptr;
    m_monitorId = 0;
}

}  // namespace kafkascope::ui
