#include "bridge/browse_bridge.h"

#include <QMetaObject>
#include <QPointer>
#include <mutex>

#include "bridge/engine_bridge.h"
#include "engine.h"
#include "producer/writer.h"

namespace kafkascope::ui {

struct BrowseBridge::Relay {
    std::mutex mutex;
    BrowseBridge* target = nullptr;
    // Per generation: the newest status, and whether a wake-up is queued.
    quint64 generation = 0;
    browse::BrowseStatus status;
    bool wakePending = false;

    void publish(quint64 gen, const browse::BrowseStatus& s) {
        std::lock_guard lock(mutex);
        if (!target || gen != generation) return;
        status = s;
        if (wakePending) return;
        wakePending = true;
        QMetaObject::invokeMethod(target, [t = target, gen] { t->onWake(gen); }, Qt::QueuedConnection);
    }

    template <class F>
    void post(F&& f) {
        std::lock_guard lock(mutex);
        if (target) QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
    }
};

BrowseBridge::BrowseBridge(EngineBridge& engine, QObject* parent)
    : QObject(parent), m_engine(engine), m_relay(std::make_shared<Relay>()) {
    m_relay->target = this;
    connect(&m_engine, &EngineBridge::engineAboutToChange, this, [this] {
        close();
        m_writers.clear();
    });
}

BrowseBridge::~BrowseBridge() {
    close();
    std::lock_guard lock(m_relay->mutex);
    m_relay->target = nullptr;
}

QString BrowseBridge::open(browse::BrowseConfig config) {
    close();
    Engine* engine = m_engine.engine();
    if (!engine) return tr("Not connected to a cluster.");
    const quint64 generation = ++m_generation;
    {
        std::lock_guard lock(m_relay->mutex);
        m_relay->generation = generation;
        m_relay->wakePending = false;
        m_relay->status = {};
    }
    m_topic = QString::fromStdString(config.topic);
    std::weak_ptr<Relay> relay = m_relay;
    auto session = engine->create_browse_session(std::move(config), [relay, generation](const browse::BrowseStatus& s) {
        if (auto r = relay.lock()) r->publish(generation, s);
    });
    if (!session) return QString::fromStdString(session.error().message);
    m_session = std::move(session).value();
    m_store = m_session->store();
    m_status = {};
    m_session->start();
    Q_EMIT opened(generation);
    return {};
}

void BrowseBridge::onWake(quint64 generation) {
    {
        std::lock_guard lock(m_relay->mutex);
        m_relay->wakePending = false;
        if (generation != m_relay->generation) return;
        m_status = m_relay->status;
    }
    Q_EMIT updated(generation);
}

void BrowseBridge::loadForward(std::size_t messages) {
    if (m_session) m_session->load_forward(messages);
}

void BrowseBridge::loadBackward(std::size_t perPartition) {
    if (m_session) m_session->load_backward(perPartition);
}

void BrowseBridge::cancel() {
    if (m_session) m_session->cancel();
}

void BrowseBridge::close() {
    if (!m_session) return;
    m_session->close();
    m_session.reset();
    std::lock_guard lock(m_relay->mutex);
    m_relay->generation = 0;  // late wake-ups of this session are dropped
}

void BrowseBridge::dropWriter(const producer::Writer* writer) {
    std::erase_if(m_writers, [writer](const auto& w) { return w.get() == writer; });
}

void BrowseBridge::produce(const QString& topic, std::vector<producer::Message> messages, WriteDone done) {
    Engine* engine = m_engine.engine();
    if (!engine) {
        done(0, tr("Not connected to a cluster."));
        return;
    }
    producer::WriterConfig config;
    config.topic = topic.toStdString();
    auto writer = engine->create_writer(config);
    if (!writer) {
        done(0, QString::fromStdString(writer.error().message));
        return;
    }
    // The bridge keeps the writer until its reports are in (dropped on the UI
    // thread, never inside its own callback) or the engine goes.
    auto shared = std::move(writer).value();
    m_writers.push_back(shared);
    std::weak_ptr<Relay> relay = m_relay;
    producer::Writer* key = shared.get();
    shared->write(std::move(messages), [relay, key, done](std::vector<producer::DeliveryReport> reports) {
        qint64 ok = 0;
        QString error;
        for (const auto& r : reports) {
            if (!r.error) ++ok;
            else if (error.isEmpty()) error = QString::fromStdString(r.error.message);
        }
        if (auto r = relay.lock()) {
            r->post([r, key, done, ok, error] {
                if (BrowseBridge* b = r->target) b->dropWriter(key);
                done(ok, error);
            });
        }
    });
}

}  // namespace kafkascope::ui
