#pragma once
// The reset-offsets dialog of the lag dashboard: one group, one topic, a
// strategy (earliest, latest, a date-time, an absolute offset, a shift by
// ±N) and all or some partitions. "Preview (dry run)" asks the engine for
// the before / after table without writing; "Execute" commits it.
//
// Safety rules, enforced by updateButtons():
//  * Execute needs a successful preview of exactly the current settings
//    (any change makes the preview stale) without failed rows;
//  * and the group name typed into the confirmation field;
//  * and a connection that is not read-only; and no request in flight.
// After an execute a new preview is needed for the next one. The engine
// refuses a group with active members; its message is shown here.
//
// Nothing blocks: requests go through GroupAdminBridge, replies arrive as
// queued signals, and a reply to a superseded request is dropped. A new
// connection (engineAboutToChange) closes the dialog: its preview was made
// on the old cluster.

#include <QDialog>
#include <optional>

#include "admin/offset_reset_plan.h"
#include "bridge/group_admin_bridge.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QTableView;

namespace kafkascope::ui {

class EngineBridge;
class ResetPreviewModel;

class ResetOffsetsDialog : public QDialog {
    Q_OBJECT

public:
    // `topics`: the group's topics, offered in the (editable) topic field.
    ResetOffsetsDialog(EngineBridge& bridge, const QString& group, const QStringList& topics,
                       QWidget* parent = nullptr);

    void setReadOnly(bool readOnly);
    QString group() const { return m_group; }

    // The settings as the engine takes them, or why they are not valid.
    std::optional<admin::ResetSpec> spec(QString* error = nullptr) const;
    // Strategy field: sets the combo to `kind`.
    void setStrategy(admin::ResetKind kind);

    void preview();
    void execute();

    // For tests and screenshots.
    QComboBox* topicField() const { return m_topic; }
    QLineEdit* valueField() const { return m_value; }
    QLineEdit* partitionsField() const { return m_partitions; }
    QRadioButton* allPartitionsButton() const { return m_allPartitions; }
    QRadioButton* somePartitionsButton() const { return m_somePartitions; }
    QLineEdit* confirmField() const { return m_confirm; }
    QPushButton* previewButton() const { return m_previewButton; }
    QPushButton* executeButton() const { return m_executeButton; }
    ResetPreviewModel* previewModel() const { return m_model; }
    QString statusText() const;
    bool isBusy() const { return m_pending != 0; }

Q_SIGNALS:
    // After a successful execute (the dashboard can refresh).
    void offsetsReset(const QString& group, const QString& topic);

private:
    void onStrategyChanged();
    void onReset(quint64 id, const ResetResultPtr& result, const QString& error);
    void updateButtons();
    void showStatus(const QString& text, bool isError);

    GroupAdminBridge* m_admin = nullptr;
    QString m_group;
    bool m_readOnly = false;
    quint64 m_pending = 0;  // request in flight, 0 none
    bool m_pendingExecute = false;
    std::optional<admin::ResetSpec> m_previewed;  // settings of the last good preview
    std::vector<admin::ResetRow> m_previewRows;
    ResetResultPtr m_previewResult;  // the table Execute commits, exactly

    QComboBox* m_topic = nullptr;
    QComboBox* m_strategy = nullptr;
    QLineEdit* m_value = nullptr;
    QRadioButton* m_allPartitions = nullptr;
    QRadioButton* m_somePartitions = nullptr;
    QLineEdit* m_partitions = nullptr;
    QPushButton* m_previewButton = nullptr;
    ResetPreviewModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_confirm = nullptr;
    QPushButton* m_executeButton = nullptr;
    QLabel* m_status = nullptr;
};

}  // namespace kafkascope::ui
