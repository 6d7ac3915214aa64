#pragma once
// FilterBar: the browser's filter widgets (text, regex, case, fields,
// offset range, time range, partition, saved filters) and the conversions
// between them, a browse::FilterSpec and the saved-filter string. It does
// not filter anything itself: the pane debounces changed() and hands spec()
// to the FilterRunner, which works over the loaded store (no refetch).
//
// Empty range fields mean "no bound". Times accept ms since the epoch or an
// ISO date-time (yyyy-MM-ddTHH:mm:ss[.zzz][Z], local time without a zone).

#include <QString>
#include <QStringList>
#include <QWidget>
#include <optional>

#include "browse/message_filter.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace kafkascope::ui {

class FilterBar : public QWidget {
    Q_OBJECT

public:
    explicit FilterBar(QWidget* parent = nullptr);

    // The bar's content; on an invalid field `error` names it and the spec
    // is not to be used.
    browse::FilterSpec spec(QString* error) const;
    void setSpec(const browse::FilterSpec& spec);  // emits no changed()
    void setStatusText(const QString& text);
    // The saved filters of the current topic (encoded entries, newest first).
    void setSavedEntries(const QStringList& entries);

    // Saved form: fields joined by U+001F. Older entries (text, regex, case,
    // fields) still decode; anything else malformed gives nullopt.
    static QString encode(const browse::FilterSpec& spec);
    static std::optional<browse::FilterSpec> decode(const QString& entry);
    // Short human description ("odd" offsets 3–9, partition 1, …).
    static QString describe(const browse::FilterSpec& spec);
    // ms since the epoch from "123" or an ISO date-time; nullopt if neither.
    static std::optional<qint64> parseTime(const QString& text);

    QLineEdit* textEdit() const { return m_text; }
    QCheckBox* regexCheck() const { return m_regex; }
    QCheckBox* caseCheck() const { return m_caseSensitive; }
    QComboBox* fieldsCombo() const { return m_fields; }
    QLineEdit* minOffsetEdit() const { return m_minOffset; }
    QLineEdit* maxOffsetEdit() const { return m_maxOffset; }
    QLineEdit* fromTimeEdit() const { return m_fromTime; }
    QLineEdit* toTimeEdit() const { return m_toTime; }
    QSpinBox* partitionSpin() const { return m_partition; }
    QComboBox* savedCombo() const { return m_saved; }

Q_SIGNALS:
    void changed();            // the user edited a field
    void applyRequested();     // a saved filter was chosen (apply now)
    void saveRequested();

private:
    QWidget* buildTextRow();
    QWidget* buildRangeRow();

    QLineEdit* m_text = nullptr;
    QCheckBox* m_regex = nullptr;
    QCheckBox* m_caseSensitive = nullptr;
    QComboBox* m_fields = nullptr;
    QLineEdit* m_minOffset = nullptr;
    QLineEdit* m_maxOffset = nullptr;
    QLineEdit* m_fromTime = nullptr;
    QLineEdit* m_toTime = nullptr;
    QSpinBox* m_partition = nullptr;
    QComboBox* m_saved = nullptr;
    QLabel* m_status = nullptr;
    bool m_settingSpec = false;  // setSpec in progress: no changed()
};

}  // namespace kafkascope::ui
