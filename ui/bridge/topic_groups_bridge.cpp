#include "bridge/topic_groups_bridge.h"

#include <QMetaObject>
#include <mutex>

#include "bridge/engine_bridge.h"
#include "engine.h"

namespace kafkascope::ui {

struct TopicGroupsBridge::Relay {
    std::mutex mutex;
    TopicGroupsBridge* target = nullptr;

    // Runs `deliver(bridge)` on the UI thread, unless the bridge let go.
    template <class F>
    void post(F deliver) {
        std::lock_guard lock(mutex);
        if (!target) return;
        TopicGroupsBridge* to = target;
        QMetaObject::invokeMethod(to, [to, deliver = std::move(deliver)] { deliver(to); }, Qt::QueuedConnection);
    }
    void detach() {
        std::lock_guard lock(mutex);
        target = nullptr;
    }
};

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
    m_relay = std::make_shared<Relay>();
    m_relay->target = this;
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
