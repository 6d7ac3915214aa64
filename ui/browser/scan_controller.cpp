#include "browser/scan_controller.h"

#include <algorithm>

#include "bridge/browse_bridge.h"
#include "browser/filter_runner.h"

namespace kafkascope::ui {

ScanController::ScanController(BrowseBridge& bridge, QObject* parent) : QObject(parent), m_bridge(bridge) {
    connect(&m_bridge, &BrowseBridge::updated, this, [this](quint64 generation) { onUpdated(generation); });
    // Another browse replaced the scan's session: it will not report again.
    connect(&m_bridge, &BrowseBridge::opened, this, [this](quint64 generation) {
        if (generation != m_generation && isRunning()) finish(State::Cancelled);
    });
}

browse::BrowseConfig ScanController::configFor(const ScanRequest& request, QString* error) {
    browse::BrowseConfig config;
    error->clear();
    if (request.topic.isEmpty()) {
        *error = tr("Choose a topic to scan.");
        return config;
    }
    if (request.start.kind == browse::StartKind::tail) {
        *error = tr("A scan reads forwards from a start point; choose one other than live tail.");
        return config;
    }
    if (request.maxMatches == 0 || request.maxExamined == 0) {
        *error = tr("A scan needs at least 1 match and a limit of at least 1 message.");
        return config;
    }
    // The engine thread gets a compiled filter of its own (its regex is never
    // shared with the UI or a filter worker).
    auto filter = browse::MessageFilter::compile(request.filter, qtRegexMatcher);
    if (!filter) {
        *error = QString::fromStdString(filter.error().message);
        return config;
    }
    config.topic = request.topic.toStdString();
    if (request.partition >= 0) config.partition = request.partition;
    config.start = request.start;
    config.initial_limit = request.maxExamined;
    config.scan_matches = request.maxMatches;
    if (!filter->accepts_all()) {
        config.keep = [f = std::move(filter).value()](const browse::MessageRef& m) { return f.matches(m); };
    }
    return config;
}

void ScanController::track(quint64 generation, const ScanRequest& request) {
    m_generation = generation;
    m_request = request;
    m_examined = 0;
    m_matched = 0;
    m_error.clear();
    m_state = State::Running;
    Q_EMIT progress(0, 0);
}

void ScanController::cancel() {
    if (m_state != State::Running) return;
    m_state = State::Cancelling;
    m_bridge.cancel();
}

void ScanController::onUpdated(quint64 generation) {
    if (generation != m_generation || !isRunning()) return;
    const browse::BrowseStatus& s = m_bridge.status();
    m_examined = s.examined;
    m_matched = s.rows;
    Q_EMIT progress(m_examined, m_matched);
    if (s.loading) return;
    // Loading ended: say why, most specific reason first.
    // A partition's error is cleared when it reads again; the session's error
    // is the last one seen, even if retried away.
    m_error = QString::fromStdString(s.error);
    const bool partitionFailed = std::any_of(s.partitions.begin(), s.partitions.end(),
                                             [](const browse::PartitionPosition& p) { return !p.error.empty(); });
    if (s.cancelled) finish(State::Cancelled);
    else if (m_matched >= m_request.maxMatches) finish(State::FoundAll);
    else if (s.caught_up && !s.partitions.empty() && !partitionFailed) finish(State::EndOfLog);
    else if (m_examined >= m_request.maxExamined) finish(State::LimitReached);
    else finish(State::Failed);
}

void ScanController::finish(State state) {
    m_state = state;
    Q_EMIT finished(state);
}

QString ScanController::stateText() const {
    const QString counts = tr("%1 examined, %2 matched").arg(m_examined).arg(m_matched);
    switch (m_state) {
        case State::Idle: return {};
        case State::Running: return tr("Scanning… %1").arg(counts);
        case State::Cancelling: return tr("Cancelling… %1").arg(counts);
        case State::FoundAll: return tr("Scan done: found %1 matches (%2 examined)").arg(m_matched).arg(m_examined);
        case State::EndOfLog: return tr("Scan reached the end of the log: %1").arg(counts);
        case State::LimitReached: return tr("Scan stopped at the limit of %1 messages: %2").arg(m_request.maxExamined).arg(counts);
        case State::Cancelled: return tr("Scan cancelled: %1").arg(counts);
        case State::Failed:
            return tr("Scan stopped: %1 — %2").arg(counts, m_error.isEmpty() ? tr("no reason given") : m_error);
    }
    return {};
}

}  // namespace kafkascope::ui
