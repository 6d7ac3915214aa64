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
    // Not cancel(): the model may be gone already (the pane made it first,
    // so Qt deletes it first); only the worker needs stopping.
    stopWorker();
    std::lock_guard lock(m_relay->mutex);
    m_relay->target = nullptr;
}

void FilterRunner::stopWorker() {
    if (m_cancel) m_cancel->store(true);
    ++m_generation;  // whatever the old worker still posts is dropped
}

void FilterRunner::cancel() {
    stopWorker();
    if (m_running) {
        m_running = false;
        m_model.finishFilter();
    }
}

QString FilterRunner::apply(const browse::FilterSpec& spec) {
    // Compiled before anything stops: a pattern still being typed that does
    // not compile leaves the running filter alone.
    auto compiled = browse::MessageFilter::compile(spec, qtRegexMatcher);
    if (!compiled) return QString::fromStdString(compiled.error().message);
    // The old job stops without finishing: its late rows are not worth
    // testing, since the new filter starts over from every row.
    stopWorker();
    m_running = false;
    if (compiled->accepts_all()) {
        m_model.clearFilter();
        Q_EMIT finished(static_cast<qint64>(m_model.rowCount()), static_cast<qint64>(m_model.rowCount()), 0, false);
        return {};
    }
    // Two compiled copies: the worker's and the model's (which tests rows
    // that arrive later), so no matcher is ever shared between threads.
    auto forModel = browse::MessageFilter::compile(spec, qtRegexMatcher);
    if (!m_model.store() || !forModel) {
        m_model.clearFilter();
        return tr("Nothing is loaded.");
    }
    m_filter = std::make_shared<const browse::MessageFilter>(std::move(compiled).value());
    auto rows = std::make_shared<const std::vector<std::uint32_t>>(
        m_model.startFilter(std::make_shared<const browse::MessageFilter>(std::move(forModel).value())));
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_running = true;
    m_total = static_cast<qint64>(rows->size());
    m_examinedBefore = 0;
    m_matchedBefore = 0;
    m_clock.start();
    runOver(std::move(rows), Placement::Append);
    return {};
}

void FilterRunner::runOver(std::shared_ptr<const std::vector<std::uint32_t>> rows, Placement placement) {
    QThreadPool::globalInstance()->start([relay = m_relay, cancel = m_cancel, store = m_model.store(), filter = m_filter,
                                          rows = std::move(rows), generation = m_generation, placement] {
        const auto done = browse::run_filter(
            *store, *rows, *filter, *cancel,
            [&](std::vector<std::uint32_t>&& matches, const browse::FilterProgress& p) {
                relay->post([relay, generation, placement, m = std::move(matches), examined = p.examined,
                             matched = p.matched]() mutable {
                    if (FilterRunner* t = relay->target) {
                        t->onChunk(generation, placement, std::move(m), static_cast<qint64>(examined),
                                   static_cast<qint64>(matched));
                    }
                });
            });
        relay->post([relay, generation, done] {
            if (FilterRunner* t = relay->target) {
                t->onDone(generation, static_cast<qint64>(done.examined), static_cast<qint64>(done.matched), done.cancelled);
            }
        });
    });
}

void FilterRunner::onChunk(quint64 generation, Placement placement, std::vector<std::uint32_t> rows, qint64 examined,
                           qint64 matched) {
    if (generation != m_generation || !m_running) return;
    if (placement == Placement::Append) {
        m_model.addFilterRows(rows);
    } else {
        m_model.mergeFilterRows(std::move(rows));
    }
    Q_EMIT progress(m_examinedBefore + examined, m_total, m_matchedBefore + matched);
}

void FilterRunner::onDone(quint64 generation, qint64 examined, qint64 matched, bool cancelled) {
    if (generation != m_generation || !m_running) return;
    m_examinedBefore += examined;
    m_matchedBefore += matched;
    if (!cancelled) {
        // Rows that arrived while the worker ran: one more run over just
        // those (they can be many during a fast load, too many to test on
        // the UI thread), until none came in.
        std::vector<std::uint32_t> late = m_model.takeLateRows();
        if (!late.empty()) {
            m_total += static_cast<qint64>(late.size());
            runOver(std::make_shared<const std::vector<std::uint32_t>>(std::move(late)), Placement::Merge);
            return;
        }
    }
    m_running = false;
    m_model.finishFilter();
    Q_EMIT finished(m_matchedBefore, m_examinedBefore, m_clock.elapsed(), cancelled);
}

}  // namespace kafkascope::ui
