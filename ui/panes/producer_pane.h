#pragma once
// ProducerPane: compose a message (topic, partition, key, value with JSON
// validation and pretty-print, headers), tune every Writer knob, send it once,
// N times (with {{i}} and {{ts}} substituted in key and value) or once per
// line of a file, and watch one row per delivery report plus a summary (used
// time, batches and why each was flushed, retries). Nothing here waits on
// the network: sends go through ProducerBridge, reports come back in batches.

#include <QWidget>
#include <optional>
#include <vector>

#include "bridge/engine_types.h"
#include "producer/writer_config.h"
#include "producer/writer_stats.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSettings;
class QSpinBox;
class QTableView;

namespace kafkascope::ui {

class DeliveryResultsModel;
class EngineBridge;
class HeadersTable;
class ProducerBridge;
class ProducerSettingsForm;
struct SendSummary;

class ProducerPane : public QWidget {
    Q_OBJECT

public:
    explicit ProducerPane(EngineBridge& bridge, QWidget* parent = nullptr);
    ~ProducerPane() override;

    // Each returns false (and says why in the pane) when nothing was sent.
    bool sendOnce();
    bool sendCopies(int copies);
    bool sendFile(const QString& path);

    // JSON mode only: checks the value; shows the error inline. True when
    // JSON mode is off or the value parses.
    bool validateJson();
    void prettyPrintJson();

    // Restores the Writer settings saved in `settings` (group
    // "producer/writer") and saves them there on every change from now on.
    // Without it the pane starts from the defaults and keeps nothing.
    void setSettings(QSettings* settings);
    static QString settingsGroup();

    // Read-only connections: the send buttons are disabled and every send
    // is refused with a message until it is cleared.
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    DeliveryResultsModel* resultsModel() const { return m_results; }
    ProducerBridge* producerBridge() const { return m_producer; }
    ProducerSettingsForm* settingsForm() const { return m_settings; }
    QString summaryText() const;
    QString messageText() const;  // the last refusal or error shown, if any

    // "{{i}}" -> index, "{{ts}}" -> epoch milliseconds.
    static QString substitute(QString text, qint64 index, qint64 timestampMs);

private:
    QWidget* buildCompose();
    QWidget* buildResults();
    void onMetadata(const MetadataSnapshot& metadata);
    void onSendFinished(const SendSummary& summary);
    void onStats(const producer::WriterStats& stats);
    void setSending(bool sending);
    void showMessage(const QString& text, bool isError);
    // A message from the compose fields; nullopt (message shown) when invalid.
    std::optional<producer::Message> compose(qint64 index, qint64 timestampMs, const QString* valueOverride);
    bool start(std::vector<producer::Message> messages);

    EngineBridge& m_bridge;
    ProducerBridge* m_producer = nullptr;
    DeliveryResultsModel* m_results = nullptr;
    ProducerSettingsForm* m_settings = nullptr;
    QComboBox* m_topic = nullptr;
    QSpinBox* m_partition = nullptr;
    QLineEdit* m_key = nullptr;
    QPlainTextEdit* m_value = nullptr;
    QCheckBox* m_json = nullptr;
    QPushButton* m_pretty = nullptr;
    QLabel* m_jsonError = nullptr;
    HeadersTable* m_headers = nullptr;
    QPushButton* m_sendOnce = nullptr;
    QSpinBox* m_copies = nullptr;
    QPushButton* m_sendCopies = nullptr;
    QPushButton* m_sendFile = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_liveStats = nullptr;
    QTableView* m_view = nullptr;
    qint64 m_expected = 0;
    QSettings* m_store = nullptr;  // where the Writer settings persist; not owned
    bool m_readOnly = false;
};

}  // namespace kafkascope::ui
