#pragma once
// LagBridge: the lag dashboard's way to the engine's LagMonitor.
//
// Threads: lives on the UI thread. The monitor's sink runs on the engine
// thread once per poll cycle; it only wraps the snapshot in an immutable
// shared_ptr and posts it through a Relay (a mutex-guarded pointer back to
// the bridge, cleared on stop and in the destructor). One snapshot per cycle
// is already the batch: a cycle of 10,000 partitions is one queued signal.
//
// Invariants:
//  * at most one monitor runs; start() stops the previous one, and its
//    late snapshots are dropped (each start gets a fresh Relay);
//  * engineAboutToChange stops the monitor before the engine goes.

#include <QObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>

#include "bridge/reply_relay.h"
#include "monitor/lag_types.h"

namespace kafkascope {
class Engine;
}

namespace kafkascope::ui {

class EngineBridge;

using LagSnapshotPtr = std::shared_ptr<const monitor::LagSnapshot>;

class LagBridge : public QObject {
    Q_OBJECT

public:
    explicit LagBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~LagBridge() override;

    // Watches `groups` (empty: every group the cluster lists) every
    // `intervalMs`. Returns an empty string, or why it could not start.
    QString start(const QStringList& groups, int intervalMs);
    void stop();
    bool isRunning() const { return m_engine != nullptr; }

Q_SIGNALS:
    void snapshotReady(const kafkascope::ui::LagSnapshotPtr& snapshot);

private:
    EngineBridge& m_bridge;
    std::shared_ptr<ReplyRelay<LagBridge>> m_relay;
    Engine* m_engine = nullptr;  // the engine the running monitor belongs to
    std::uint64_t m_monitorId = 0;
};

}  // namespace kafkascope::ui

Q_DECLARE_METATYPE(kafkascope::ui::LagSnapshotPtr)
