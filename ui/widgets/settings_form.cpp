#include "widgets/settings_form.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace kafkascope::ui {

SettingsForm::SettingsForm(QWidget* parent) : QWidget(parent) {
    m_outer = new QVBoxLayout(this);
    m_outer->setContentsMargins(0, 0, 0, 0);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_form->setVerticalSpacing(2);
    m_outer->addLayout(m_form);
}

QLabel* SettingsForm::hintLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    label->setFont(font);
    return label;
}

void SettingsForm::addSection(const QString& title) {
    auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(title.toHtmlEscaped()), this);
    label->setContentsMargins(0, 8, 0, 0);
    m_form->addRow(label);
}

void SettingsForm::addRow(const QString& label, QWidget* field, const QString& hint) {
    field->setToolTip(hint);
    m_form->addRow(label, field);
    m_form->addRow(QString(), hintLabel(hint, this));
}

QSpinBox* SettingsForm::addSpin(const QString& label, const QString& name, int min, int max, const QString& suffix,
                                const QString& hint) {
    auto* spin = new QSpinBox(this);
    spin->setObjectName(name);
    spin->setRange(min, max);
    spin->setSuffix(suffix);
    spin->setGroupSeparatorShown(true);
    addRow(label, spin, hint);
    connect(spin, &QSpinBox::valueChanged, this, [this] { Q_EMIT changed(); });
    return spin;
}

QComboBox* SettingsForm::addCombo(const QString& label, const QString& name, const QString& hint) {
    auto* combo = new QComboBox(this);
    combo->setObjectName(name);
    addRow(label, combo, hint);
    connect(combo, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT changed(); });
    return combo;
}

QLineEdit* SettingsForm::addLine(const QString& label, const QString& name, const QString& placeholder,
                                 const QString& hint) {
    auto* edit = new QLineEdit(this);
    edit->setObjectName(name);
    edit->setPlaceholderText(placeholder);
    edit->setClearButtonEnabled(true);
    addRow(label, edit, hint);
    connect(edit, &QLineEdit::textChanged, this, [this] { Q_EMIT changed(); });
    return edit;
}

void SettingsForm::finishWithResetButton(const QString& objectName, const std::function<void()>& reset) {
    auto* button = new QPushButton(tr("Reset to defaults"), this);
    button->setObjectName(objectName);
    connect(button, &QPushButton::clicked, this, reset);
    m_outer->addWidget(button, 0, Qt::AlignLeft);
    m_outer->addStretch();
}

}  // namespace kafkascope::ui
