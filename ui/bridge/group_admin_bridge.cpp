#include "bridge/group_admin_bridge.h"

#include "bridge/engine_bridge.h"
#include "engine.h"

namespace kafkascope::ui {

GroupAdminBridge::GroupAdminBridge(EngineBridge& engine, QObject* parent) : QObject(parent), m_bridge(engine) {
    qRegisterMetaType<kafkascope::ui::ResetResultPtr>();
    qRegisterMetaType<kafkascope::ui::GroupDescriptionsPtr>();
    renewRelay();
    // Replies of the old engine are dropped: the new relay does not know them.
    connect(&m_bridge, &EngineBridge::engineAboutToChange, this, &GroupAdminBridge::renewRelay);
}

GroupAdminBridge::~GroupAdminBridge() { m_relay->detach(); }

void GroupAdminBridge::renewRelay() {
    if (m_relay) m_relay->detach();
    m_relay = std::make_shared<ReplyRelay<GroupAdminBridge>>(this);
}

quint64 GroupAdminBridge::resetOffsets(const admin::ResetSpec& spec, bool execute) {
    Engine* engine = m_bridge.engine();
    if (!engine) return 0;
    const quint64 id = ++m_lastId;
    engine->reset_group_offsets(resetReply(id), spec, execute);
    return id;
}

quint64 GroupAdminBridge::executePlan(const admin::ResetResult& plan) {
    Engine* engine = m_bridge.engine();
    if (!engine) return 0;
    const quint64 id = ++m_lastId;
    engine->execute_reset_plan(resetReply(id), plan);
    return id;
}

std::function<void(Result<admin::ResetResult>)> GroupAdminBridge::resetReply(quint64 id) const {
    return [relay = m_relay, id](Result<admin::ResetResult> r) {
        ResetResultPtr result;
        QString error;
        if (r) {
            result = std::make_shared<const admin::ResetResult>(std::move(*r));
        } else {
            error = QString::fromStdString(r.error().message);
        }
        relay->post([id, result, error](GroupAdminBridge* to) { Q_EMIT to->resetFinished(id, result, error); });
    };
}

quint64 GroupAdminBridge::describeGroups(const QStringList& groups) {
    Engine* engine = m_bridge.engine();
    if (!engine) return 0;
    std::vector<std::string> names;
    for (const QString& g : groups) names.push_back(g.toStdString());
    const quint64 id = ++m_lastId;
    engine->describe_groups(
        [relay = m_relay, id](Result<std::vector<admin::GroupDescription>> r) {
            GroupDescriptionsPtr result;
            QString error;
            if (r) {
                result = std::make_shared<const std::vector<admin::GroupDescription>>(std::move(*r));
            } else {
                error = QString::fromStdString(r.error().message);
            }
            relay->post([id, result, error](GroupAdminBridge* to) { Q_EMIT to->groupsDescribed(id, result, error); });
        },
        std::move(names));
    return id;
}

}  // namespace kafkascope::ui
