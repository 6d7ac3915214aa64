#pragma once
// TopicGroupsBridge: "which groups read this topic, with what lag" asked of
// the engine (Engine::topic_consumer_groups) off the UI thread.
//
// Threads: lives on the UI thread. The engine callback runs on the engine
// thread; it only wraps the result in an immutable shared_ptr and posts it
// through a Relay (a mutex-guarded pointer back to the bridge) as a queued
// call. The Relay is cleared in the destructor and replaced when the engine
// changes, so a reply never reaches a dead bridge or outlives its engine.
//
// Invariants:
//  * every request gets an id, unique for the bridge's life; the signal
//    carries it so the owner can drop the answer for a topic no longer shown;
//  * a request made without an engine returns 0 and emits nothing.

#include <QObject>
#include <QString>
#include <memory>

#include "admin/topic_groups_types.h"
#include "bridge/reply_relay.h"

namespace kafkascope::ui {

class EngineBridge;

using TopicGroupsResultPtr = std::shared_ptr<const admin::TopicGroupsResult>;

class TopicGroupsBridge : public QObject {
    Q_OBJECT

public:
    explicit TopicGroupsBridge(EngineBridge& engine, QObject* parent = nullptr);
    ~TopicGroupsBridge() override;

    // Returns the request id, 0 without an engine.
    quint64 request(const QString& topic);

Q_SIGNALS:
    // `error` is empty on success; then `result` is set (and may still carry
    // per-broker failures).
    void topicGroupsReady(quint64 id, const kafkascope::ui::TopicGroupsResultPtr& result, const QString& error);
    // The engine is about to be replaced or destroyed: answers of requests
    // made so far will not come.
    void requestsDropped();

private:
    void renewRelay();

    EngineBridge& m_bridge;
    std::shared_ptr<ReplyRelay<TopicGroupsBridge>> m_relay;
    quint64 m_lastId = 0;
};

}  // namespace kafkascope::ui

Q_DECLARE_METATYPE(kafkascope::ui::TopicGroupsResultPtr)
