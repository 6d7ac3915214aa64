#include "browser/filter_runner.h"

#include <QMetaObject>
#include <QRegularExpression>
#include <QThreadPool>
#include <mutex>

#include "browser/message_table_model.h"

namespace kafkascope::ui {

Result<browse::TextMatcher> qtRegexMatcher(const std::string& pattern, bool caseSensitive) {
    auto re = std::make_shared<QRegularExpression>(
        QString::fromStdString(pattern),
        caseSensitive ? QRegularExpression::NoPatternOption : QRegularExpression::CaseInsensitiveOption);
    if (!re->isValid()) {
        return Error(client_errc::invalid_argument, "invalid regular expression '" + pattern +
                                                        "': " + re->errorString().toStdString() + " at offset " +
                                                        std::to_string(re->patternErrorOffset()));
    }
    re->optimize();
    return browse::TextMatcher([re](std::string_view s) {
        return re->match(QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()))).hasMatch();
    });
}

struct FilterRunner::Relay {
    std::mutex mutex;
    FilterRunner* target = nullptr;

    template <class F>
    void post(F&& f) {
        std::lock_guard lock(mutex);
        if (target) QMetaObject::invokeMethod(target, std::forward<F>(f), Qt::QueuedConnection);
    }
};

FilterRunner::FilterRunner(MessageTableModel& model, QObject* parent)
    : QObject(parent), m_model(model), m_relay(std::make_shared<Relay>()) {
    m_relay->target = this;
}

FilterRunner::~FilterRunner() {
    cancel();
    std::lock_guard lock(m_relay->mutex);
    m_relay->target = nullptr;
}

void FilterRunner::cancel() {
    if (m_cancel) m_cancel->store(true);
    if (m_running) {
        m_running = false;
        m_model.finishFilter();
    }
}

QString FilterRunner::apply(const browse::FilterSpec& spec) {
    cancel();
    const quint64 generation = ++m_generation;
    auto compiled = browse::MessageFilter::compile(spec, qtRegexMatcher);
    if (!compiled) return QString::fromStdString(compiled.error().message);
    if (compiled->accepts_all()) {
        m_model.clearFilter();
        Q_EMIT finished(static_cast<qint64>(m_model.rowCount()), static_cast<qint64>(m_model.rowCount()), 0, false);
        return {};
    }
    // Two compiled copies: the worker's and the model's (which tests rows
    // that arrive later), so no matcher is ever shared between threads.
    auto filter = std::make_shared<const browse::MessageFilter>(std::move(compiled).value());
    auto forModel = browse::MessageFilter::compile(spec, qtRegexMatcher);
    auto store = m_model.store();
    if (!store || !forModel) return tr("Nothing is loaded.");
    auto rows = std::make_shared<const std::vector<std::uint32_t>>(
        m_model.startFilter(std::make_shared<const browse::MessageFilter>(std::move(forModel).value())));
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    m_total = static_cast<qint64>(rows->size());
    m_clock.start();
    QThreadPool::globalInstance()->start([relay = m_relay, cancel = m_cancel, store, filter, rows, generation] {
        const auto done = browse::run_filter(
            *store, *rows, *filter, *cancel,
            [&](std::vector<std::uint32_t>&& matches, const browse::FilterProgress& p) {
                relay->post([relay, generation, m = std::move(matches), examined = p.examined, matched = p.matched]() mutable {
                    if (FilterRunner* t = relay->target) {
                        t->onChunk(generation, std::move(m), static_cast<qint64>(examined), static_cast<qint64>(matched));
                    }
                });
            });
        relay->post([relay, generation, done] {
            if (FilterRunner* t = relay->target) {
                t->onDone(generation, static_cast<qint64>(done.examined), static_cast<qint64>(done.matched), done.cancelled);
            }
        });
    });
    return {};
}

void FilterRunner::onChunk(quint64 generation, std::vector<std::uint32_t> rows, qint64 examined, qint64 matched) {
    if (generation != m_generation || !m_running) return;
    m_model.addFilterRows(rows);
    Q_EMIT progress(examined, m_total, matched);
}

void FilterRunner::onDone(quint64 generation, qint64 examined, qint64 matched, bool cancelled) {
    if (generation != m_generation || !m_running) return;
    m_running = false;
    m_model.finishFilter();
    Q_EMIT finished(matched, examined, m_clock.elapsed(), cancelled);
}

}  // namespace kafkascope::ui
