#pragma once
// ReplyRelay: the way back from engine-thread callbacks to a bridge object on
// the UI thread. A callback keeps a shared_ptr to the relay, never to the
// bridge; post() queues `deliver(bridge)` onto the UI thread unless the
// bridge detached (it was destroyed, or the engine its requests went to was
// replaced), in which case the answer is dropped.

#include <QMetaObject>
#include <memory>
#include <mutex>
#include <utility>

namespace kafkascope::ui {

template <class Bridge>
class ReplyRelay {
public:
    explicit ReplyRelay(Bridge* bridge) : m_bridge(bridge) {}

    template <class F>
    void post(F deliver) {
        std::lock_guard lock(m_mutex);
        if (!m_bridge) return;
        Bridge* to = m_bridge;
        QMetaObject::invokeMethod(
            to, [to, deliver = std::move(deliver)]() mutable { deliver(to); }, Qt::QueuedConnection);
    }

    void detach() {
        std::lock_guard lock(m_mutex);
        m_bridge = nullptr;
    }

private:
    std::mutex m_mutex;
    Bridge* m_bridge;
};

}  // namespace kafkascope::ui
