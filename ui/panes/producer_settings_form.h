#pragma once
// ProducerSettingsForm: every Writer knob, each with its kafka-go default and
// a one-line hint (tooltip and a small grey label). Defaults come from a
// default-constructed producer::WriterConfig, so they never drift from the
// engine. Emits changed() on any edit.

#include "producer/writer_config.h"
#include "widgets/settings_form.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSettings;
class QSpinBox;

namespace kafkascope::ui {

class ProducerSettingsForm : public SettingsForm {
    Q_OBJECT

public:
    explicit ProducerSettingsForm(QWidget* parent = nullptr);

    producer::WriterConfig config() const;  // topic left empty
    void setConfig(const producer::WriterConfig& config);  // emits changed() once
    void resetToDefaults();

    // Every knob under `group` in `settings` (one key per knob, plain values
    // readable in the ini file), and back. A missing or invalid key keeps the
    // default, so an old or hand-edited file cannot break the form.
    void save(QSettings& settings, const QString& group) const;
    void restore(QSettings& settings, const QString& group);

private:
    void apply(const producer::WriterConfig& config);  // no signal
    void updateLingerHint();
    void updateDependentFields();

    QSpinBox* m_batchSize = nullptr;
    QSpinBox* m_batchBytes = nullptr;
    QSpinBox* m_batchTimeout = nullptr;
    QCheckBox* m_lingerSet = nullptr;
    QSpinBox* m_linger = nullptr;
    QLabel* m_lingerHint = nullptr;
    QComboBox* m_acks = nullptr;
    QSpinBox* m_maxAttempts = nullptr;
    QSpinBox* m_backoffMin = nullptr;
    QSpinBox* m_backoffMax = nullptr;
    QSpinBox* m_writeTimeout = nullptr;
    QCheckBox* m_async = nullptr;
    QComboBox* m_compression = nullptr;
    QCheckBox* m_levelSet = nullptr;
    QSpinBox* m_level = nullptr;
    QComboBox* m_balancer = nullptr;
    QSpinBox* m_chunkSize = nullptr;
    QComboBox* m_idempotent = nullptr;
};

}  // namespace kafkascope::ui
