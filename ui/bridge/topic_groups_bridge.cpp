#include "bridge/topic_groups_bridge.h"

#include "bridge/engine_bridge.h"
#include "engine.h"

namespace kafkascope::ui {

TopicGroupsBridge::TopicGroupsBridge(EngineBridge& engine, QObject* parent) : QObject(parent), m_bridge(engine) {
    qRegisterMetaType<kafkascope::ui::TopicGroupsResultPtr>();
    renewRelay();
    // Replies of the old engine are dropped: the new relay does not know them.
    connect(&m_bridge, &EngineBridge::engineAboutToChange, this, [this] {
        renewRelay();
        Q_EMIT requestsDropped();
    });
}

TopicGroupsBridge::~TopicGroupsBridge() { m_relay->detach(); }

void TopicGroupsBridge::renewRelay() {
    if (m_relay) m_relay->detach();
    m_relay = std::make_shared<ReplyRelay<TopicGroupsBridge>>(this);
}

quint64 TopicGroupsBridge::request(const QString& topic) {
    Engine* engine = m_bridge.engine();
    if (!engine) return 0;
    const quint64 id = ++m_lastId;
    engine->topic_consumer_groups(
        [relay = m_relay, id](Result<admin::TopicGroupsResult> r) {
            TopicGroupsResultPtr result;
            QString error;
            if (r) {
                result = std::make_shared<const admin::TopicGroupsResult>(std::move(*r));
            } else {
                error = QString::fromStdString(r.error().message);
            }
            relay->post([id, result, error](TopicGroupsBridge* to) { Q_EMIT to->topicGroupsReady(id, result, error); });
        },
        topic.toStdString());
    return id;
}

}  // namespace kafkascope::ui
