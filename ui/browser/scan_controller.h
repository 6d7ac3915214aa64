#pragma once
// ScanController: the browser's "Scan broker" mode. A scan is a browse
// (engine BrowseSession) whose store keeps only messages matching the
// filter, read forwards from a start point until `maxMatches` matched, the
// end of the log, or exactly `maxExamined` messages were looked at. The
// filter runs on the engine thread with its own compiled copy.
//
// The pane opens the browse (so the table shows the matches as they come);
// this class builds its config, follows the bridge's status (examined /
// matched progress) and tells how it ended. cancel() asks the session to
// stop: it starts no fetch after the one in flight.

#include <QObject>
#include <QString>

#include "browse/browse_session.h"
#include "browse/message_filter.h"

namespace kafkascope::ui {

class BrowseBridge;

struct ScanRequest {
    QString topic;
    int partition = -1;  // -1: all partitions
    browse::StartPoint start;
    browse::FilterSpec filter;
    std::size_t maxMatches = 100;
    std::size_t maxExamined = 1'000'000;
};

class ScanController : public QObject {
    Q_OBJECT

public:
    enum class State { Idle, Running, Cancelling, FoundAll, EndOfLog, LimitReached, Cancelled, Failed };
    Q_ENUM(State)

    explicit ScanController(BrowseBridge& bridge, QObject* parent = nullptr);

    // The browse config of a scan; on a bad request `error` says why.
    static browse::BrowseConfig configFor(const ScanRequest& request, QString* error);
    // Follows the browse the bridge opened (generation) for `request`.
    void track(quint64 generation, const ScanRequest& request);
    void cancel();

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running || m_state == State::Cancelling; }
    quint64 examined() const { return m_examined; }
    quint64 matched() const { return m_matched; }
    QString stateText() const;

Q_SIGNALS:
    void progress(quint64 examined, quint64 matched);
    void finished(kafkascope::ui::ScanController::State state);

private:
    void onUpdated(quint64 generation);
    void finish(State state);

    BrowseBridge& m_bridge;
    quint64 m_generation = 0;
    ScanRequest m_request;
    State m_state = State::Idle;
    quint64 m_examined = 0;
    quint64 m_matched = 0;
    QString m_error;
};

}  // namespace kafkascope::ui
