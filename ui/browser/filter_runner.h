#pragma once
// FilterRunner: runs a MessageFilter over the model's loaded rows on a
// worker thread (QThreadPool) and streams each chunk's matches into the
// model on the UI thread (one insert per chunk of 65,536 rows tested, never
// per row). Rows loaded while it runs are tested by further worker runs,
// not on the UI thread. A new filter cancels the running one; its late
// chunks are dropped by generation. Regular expressions use QRegularExpression (PCRE2,
// JIT) rather than std::regex, which is an order of magnitude slower.

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "browse/message_filter.h"

namespace kafkascope::ui {

class MessageTableModel;

// QRegularExpression behind the engine's TextMatcher interface.
Result<browse::TextMatcher> qtRegexMatcher(const std::string& pattern, bool caseSensitive);

class FilterRunner : public QObject {
    Q_OBJECT

public:
    explicit FilterRunner(MessageTableModel& model, QObject* parent = nullptr);
    ~FilterRunner() override;

    // Returns "" or why the filter is invalid. An empty spec clears the filter.
    QString apply(const browse::FilterSpec& spec);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progress(qint64 examined, qint64 total, qint64 matched);
    void finished(qint64 matched, qint64 examined, qint64 elapsedMs, bool cancelled);

private:
    struct Relay;
    // Matches of the first run come in view order and are appended; those of
    // a run over late rows are merged in.
    enum class Placement { Append, Merge };
    void stopWorker();
    void runOver(std::shared_ptr<const std::vector<std::uint32_t>> rows, Placement placement);
    void onChunk(quint64 generation, Placement placement, std::vector<std::uint32_t> rows, qint64 examined,
                 qint64 matched);
    void onDone(quint64 generation, qint64 examined, qint64 matched, bool cancelled);

    MessageTableModel& m_model;
    std::shared_ptr<Relay> m_relay;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<const browse::MessageFilter> m_filter;  // the worker's copy
    quint64 m_generation = 0;
    qint64 m_total = 0;
    qint64 m_examinedBefore = 0;  // by earlier runs of this job
    qint64 m_matchedBefore = 0;
    bool m_running = false;
    QElapsedTimer m_clock;
};

}  // namespace kafkascope::ui
