#pragma once
#include <vector>
// BrowserPane: the "Browse" tab. Topic + partition + start point, a
// virtualised message table, a filter bar (FilterBar: text, offset and time
// ranges, partition) working on what is loaded (no refetch; saved per
// topic), "Scan broker" (ScanController), a detail view, and actions: load
// older/newer, stop, export JSON Lines / CSV, copy as JSON, re-produce
// selected messages to a topic, import a JSON Lines file into a topic
// (ImportJob, in the background).

#include <QString>
#include <QTimer>
#include <QWidget>
#include <functional>

#include "browse/browse_session.h"
#include "browse/message_filter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;

class QAction;

namespace kafkascope::ui {

class BrowseBridge;
class EngineBridge;
class FilterBar;
class FilterRunner;
class ImportJob;
class ScanController;
class MessageDetailView;
class MessageTableModel;

class BrowserPane : public QWidget {
    Q_OBJECT

public:
    static constexpr std::size_t kPageMessages = 100'000;

    explicit BrowserPane(EngineBridge& engine, QWidget* parent = nullptr);
    ~BrowserPane() override;

    // Opens a browse with the pane's current start point (-1: all partitions).
    void openTopic(const QString& topic, int partition = -1);
    // Returns false (the status line says why) when the browse did not open.
    bool openWith(const browse::BrowseConfig& config);

    // "Scan broker": a browse from the start point that keeps only messages
    // matching the filter bar, until N matches or the examined limit.
    void startScan();
    ScanController* scanController() const { return m_scan; }
    QPushButton* scanButton() const { return m_scanButton; }
    QPushButton* scanCancelButton() const { return m_scanCancel; }
    QSpinBox* scanMatchesSpin() const { return m_scanMatches; }
    QSpinBox* scanLimitSpin() const { return m_scanLimit; }
    QLabel* scanStatusLabel() const { return m_scanStatus; }

    // The filter bar's content as a spec (`error` names an invalid field),
    // and applying it (also what typing does).
    browse::FilterSpec filterSpec(QString* error = nullptr) const;
    void applyFilter();
    void saveCurrentFilter();
    QStringList savedFilters() const;  // descriptions, of the current topic

    // Store rows of the selection, or of every visible row when none is selected.
    std::vector<std::uint32_t> selectedRows() const;  // store rows, in view order
    std::vector<std::uint32_t> selectedOrVisibleRows() const;  // what Export writes
    enum class ExportFormat { JsonLines, Csv };
    // Writes on a worker thread; exportFinished reports the outcome.
    void exportTo(const QString& path, ExportFormat format);
    static constexpr std::size_t kMaxCopiedMessages = 10'000;
    // The selection (or the current message) as JSON Lines, also put on the
    // clipboard; "" with a status message for none or too many.
    QString copySelectedAsJson();
    void reproduceSelected(const QString& topic);
    // Read-only connections: re-produce and import are disabled and refused.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    // Reads and parses on a worker, produces in chunks; importFinished (and
    // the import status label) report progress, bad lines and the summary.
    void importFile(const QString& path, const QString& topic);
    ImportJob* importJob() const { return m_import; }
    QLabel* importStatusLabel() const { return m_importStatus; }
    QPushButton* importCancelButton() const { return m_importCancel; }

    MessageTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    MessageDetailView* detailView() const { return m_detail; }
    FilterBar* filterBar() const { return m_filterBar; }
    QLineEdit* filterEdit() const;
    QCheckBox* regexCheck() const;
    QLineEdit* topicEdit() const { return m_topicEdit; }
    QSpinBox* partitionSpin() const { return m_partition; }
    QComboBox* startCombo() const { return m_startKind; }
    QLineEdit* startValueEdit() const { return m_startValue; }
    QLabel* statusLabel() const { return m_status; }
    BrowseBridge* bridge() const { return m_bridge; }
    FilterRunner* filterRunner() const { return m_filterRunner; }

Q_SIGNALS:
    void exportFinished(qint64 messages, const QString& error);
    void produceFinished(qint64 written, const QString& error);
    void filterFinished(qint64 matched);
    // sent / failed (bad lines + messages the broker refused); error: "" or
    // why the import stopped early.
    void importFinished(qint64 sent, qint64 failed, const QString& error);

private:
    QWidget* buildTopBar();
    void buildFilterBar();
    QWidget* buildScanBar();
    void buildActions();
    void onUpdated();
    void onCurrentRowChanged();
    void updateStatus();
    void loadSavedFilters();
    browse::StartPoint startPoint(QString* error) const;

    EngineBridge& m_engine;
    BrowseBridge* m_bridge = nullptr;
    MessageTableModel* m_model = nullptr;
    FilterRunner* m_filterRunner = nullptr;
    QTableView* m_view = nullptr;
    MessageDetailView* m_detail = nullptr;
    QLineEdit* m_topicEdit = nullptr;
    QSpinBox* m_partition = nullptr;
    QComboBox* m_startKind = nullptr;
    QLineEdit* m_startValue = nullptr;
    FilterBar* m_filterBar = nullptr;
    ScanController* m_scan = nullptr;
    QPushButton* m_scanButton = nullptr;
    QPushButton* m_scanCancel = nullptr;
    QSpinBox* m_scanMatches = nullptr;
    QSpinBox* m_scanLimit = nullptr;
    QLabel* m_scanStatus = nullptr;
    ImportJob* m_import = nullptr;
    QLabel* m_importStatus = nullptr;
    QPushButton* m_importCancel = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_filterDelay;
    bool m_readOnly = false;
    std::vector<QAction*> m_writeActions;  // disabled while read-only
};

}  // namespace kafkascope::ui
