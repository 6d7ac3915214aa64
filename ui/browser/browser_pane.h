#pragma once
#include <vector>
// BrowserPane: the "Browse" tab. Topic + partition + start point, a
// virtualised message table, a filter bar working on what is loaded (no
// refetch; saved per topic), a detail view, and actions: load older/newer,
// stop, export JSON Lines / CSV, copy as JSON, re-produce selected messages
// to a topic, import a JSON Lines file into a topic.

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
class FilterRunner;
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
    void openWith(const browse::BrowseConfig& config);

    // The filter bar's content as a spec, and applying it (also what typing does).
    browse::FilterSpec filterSpec() const;
    void applyFilter();
    void saveCurrentFilter();
    QStringList savedFilters() const;  // of the current topic

    // Store rows of the selection, or of every visible row when none is selected.
    std::vector<std::uint32_t> selectedOrVisibleRows() const;
    enum class ExportFormat { JsonLines, Csv };
    // Writes on a worker thread; exportFinished reports the outcome.
    void exportTo(const QString& path, ExportFormat format);
    QString copySelectedAsJson();  // also puts it on the clipboard
    void reproduceSelected(const QString& topic);
    // Read-only connections: re-produce and import are disabled and refused.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    void importFile(const QString& path, const QString& topic);

    MessageTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    MessageDetailView* detailView() const { return m_detail; }
    QLineEdit* filterEdit() const { return m_filterEdit; }
    QCheckBox* regexCheck() const { return m_regex; }
    QComboBox* startCombo() const { return m_startKind; }
    QLineEdit* startValueEdit() const { return m_startValue; }
    QLabel* statusLabel() const { return m_status; }
    BrowseBridge* bridge() const { return m_bridge; }
    FilterRunner* filterRunner() const { return m_filterRunner; }

Q_SIGNALS:
    void exportFinished(qint64 messages, const QString& error);
    void produceFinished(qint64 written, const QString& error);
    void filterFinished(qint64 matched);

private:
    QWidget* buildTopBar();
    QWidget* buildFilterBar();
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
    QLineEdit* m_filterEdit = nullptr;
    QCheckBox* m_regex = nullptr;
    QCheckBox* m_caseSensitive = nullptr;
    QComboBox* m_fields = nullptr;
    QComboBox* m_saved = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_filterStatus = nullptr;
    QTimer m_filterDelay;
    bool m_readOnly = false;
    std::vector<QAction*> m_writeActions;  // disabled while read-only
};

}  // namespace kafkascope::ui
