#pragma once
// GroupSettingsForm: every GroupReaderConfig knob - group id, topics,
// queue capacity, commit interval, start offset, min / max bytes, max wait,
// heartbeat / session / rebalance timeouts, group balancers, static member
// id, isolation level, and the retry and watch intervals - each with its
// kafka-go default and a one-line hint (tooltip and a small grey label), in
// the style of ProducerSettingsForm. Defaults come from a default-
// constructed consumer::GroupReaderConfig, so they never drift from the
// engine. Emits changed() on any edit.

#include <QString>
#include <QStringList>
#include <string>
#include <vector>

#include "consumer/group_reader_config.h"
#include "widgets/settings_form.h"

class QComboBox;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace kafkascope::ui {

class GroupSettingsForm : public SettingsForm {
    Q_OBJECT

public:
    explicit GroupSettingsForm(QWidget* parent = nullptr);

    // The config the fields describe; `error` (when given) gets why it is
    // not usable (no group id, a bad topic name, heartbeat >= session...),
    // and is empty when it is.
    consumer::GroupReaderConfig config(QString* error = nullptr) const;
    void setConfig(const consumer::GroupReaderConfig& config);
    void resetToDefaults();  // keeps group id and topics

    // Topic names offered for completion in the topics field.
    void setKnownTopics(const QStringList& topics);

    // One key per knob under `group`; a missing or invalid key keeps the
    // current value, so an old or hand-edited file cannot break the form.
    void save(QSettings& settings, const QString& group) const;
    void restore(QSettings& settings, const QString& group);

    // "a, b c" -> {"a", "b", "c"}: commas or spaces separate topics.
    static std::vector<std::string> splitTopics(const QString& text);

private:
    QLineEdit* m_groupId = nullptr;
    QLineEdit* m_topics = nullptr;
    QSpinBox* m_queueCapacity = nullptr;
    QSpinBox* m_commitInterval = nullptr;
    QComboBox* m_startOffset = nullptr;
    QSpinBox* m_minBytes = nullptr;
    QSpinBox* m_maxBytes = nullptr;
    QSpinBox* m_maxWait = nullptr;
    QSpinBox* m_heartbeat = nullptr;
    QSpinBox* m_session = nullptr;
    QSpinBox* m_rebalance = nullptr;
    QComboBox* m_balancers = nullptr;
    QLineEdit* m_instanceId = nullptr;
    QComboBox* m_isolation = nullptr;
    QSpinBox* m_joinBackoff = nullptr;
    QSpinBox* m_readBackoffMin = nullptr;
    QSpinBox* m_readBackoffMax = nullptr;
    QSpinBox* m_commitRetries = nullptr;
    QSpinBox* m_watchInterval = nullptr;
};

}  // namespace kafkascope::ui
