#pragma once
// GroupAdminBridge: the consumer-group admin calls a dialog or pane needs
// (offset reset dry run / execute, DescribeGroups), off the UI thread.
//
// Threads: lives on the UI thread. The engine callback runs on the engine
// thread; it only wraps the result in an immutable shared_ptr and posts it
// through a Relay (a mutex-guarded pointer back to the bridge) as a queued
// call. The Relay is cleared in the destructor and replaced when the engine
// changes, so a reply never reaches a dead bridge or outlives its engine.
//
// Invariants:
//  * every request gets an id, unique for the bridge's life; the signal
//    carries it so the owner can drop a superseded reply;
//  * a request made without an engine returns 0 and emits nothing.

#include <QObject>
#include <functional>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "admin/group_types.h"
#include "admin/offset_reset_plan.h"
#include "bridge/reply_relay.h"

namespace kafkascope::ui {

class EngineBridge;

using ResetResultPtr = std::shared_ptr<const admin::ResetResult>;
using GroupDescriptionsPtr = std::shared_ptr<const std::vector<admin::GroupDescription>>;

class GroupAdminBridge : public QObject {
    Q_OBJECT

public:
    explicit GroupAdminBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~GroupAdminBridge() override;

    // Dry run (execute = false) or the real reset. Returns the request id.
    quint64 resetOffsets(const admin::ResetSpec& spec, bool execute);
    // Commits exactly a previewed table (Engine::execute_reset_plan); the
    // answer comes as resetFinished too.
    quint64 executePlan(const admin::ResetResult& plan);
    // State, protocol and members of each group, in the order asked.
    quint64 describeGroups(const QStringList& groups);

Q_SIGNALS:
    // `error` is empty on success; then `result` is set.
    void resetFinished(quint64 id, const kafkascope::ui::ResetResultPtr& result, const QString& error);
    void groupsDescribed(quint64 id, const kafkascope::ui::GroupDescriptionsPtr& groups, const QString& error);

private:
    void renewRelay();
    // The engine callback that turns a reset's answer into resetFinished(id).
    std::function<void(Result<admin::ResetResult>)> resetReply(quint64 id) const;

    EngineBridge& m_bridge;
    std::shared_ptr<ReplyRelay<GroupAdminBridge>> m_relay;
    quint64 m_lastId = 0;
};

}  // namespace kafkascope::ui

Q_DECLARE_METATYPE(kafkascope::ui::ResetResultPtr)
Q_DECLARE_METATYPE(kafkascope::ui::GroupDescriptionsPtr)
