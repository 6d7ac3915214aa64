#pragma once
// SettingsForm: the common frame of the knob forms (producer Writer,
// consumer group Reader): a form of labelled fields, each with a tooltip and
// a small grey hint line under it, optional bold section titles, and a
// "Reset to defaults" button at the bottom. Every field built here emits
// changed() when edited; subclasses add the knobs and their defaults.

#include <QWidget>

#include <functional>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QVBoxLayout;

namespace kafkascope::ui {

class SettingsForm : public QWidget {
    Q_OBJECT

public:
    explicit SettingsForm(QWidget* parent = nullptr);

    // The grey, smaller one-line explanation shown under a field.
    static QLabel* hintLabel(const QString& text, QWidget* parent);

Q_SIGNALS:
    void changed();

protected:
    QSpinBox* addSpin(const QString& label, const QString& name, int min, int max, const QString& suffix,
                      const QString& hint);
    QComboBox* addCombo(const QString& label, const QString& name, const QString& hint);
    QLineEdit* addLine(const QString& label, const QString& name, const QString& placeholder, const QString& hint);
    void addRow(const QString& label, QWidget* field, const QString& hint);
    void addSection(const QString& title);
    // Ends the form: a "Reset to defaults" button named `objectName`, then a stretch.
    void finishWithResetButton(const QString& objectName, const std::function<void()>& reset);

    QVBoxLayout* m_outer = nullptr;
    QFormLayout* m_form = nullptr;
};

}  // namespace kafkascope::ui
