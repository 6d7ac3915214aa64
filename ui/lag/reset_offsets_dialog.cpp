#include "lag/reset_offsets_dialog.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableView>
#include <QVBoxLayout>

#include "bridge/engine_bridge.h"
#include "lag/reset_preview_model.h"

namespace kafkascope::ui {
namespace {

bool sameSettings(const admin::ResetSpec& a, const admin::ResetSpec& b) {
    return a.group == b.group && a.topic == b.topic && a.partitions == b.partitions && a.kind == b.kind &&
           a.value == b.value;
}

bool needsValue(admin::ResetKind kind) {
    return kind == admin::ResetKind::timestamp || kind == admin::ResetKind::absolute ||
           kind == admin::ResetKind::shift;
}

}  // namespace

ResetOffsetsDialog::ResetOffsetsDialog(EngineBridge& bridge, const QString& group, const QStringList& topics,
                                       QWidget* parent)
    : QDialog(parent), m_group(group) {
    setWindowTitle(tr("Reset offsets of %1").arg(group));
    m_admin = new GroupAdminBridge(bridge, this);
    connect(m_admin, &GroupAdminBridge::resetFinished, this, &ResetOffsetsDialog::onReset);
    // A preview belongs to the cluster it was made on: a new connection ends the dialog.
    connect(&bridge, &EngineBridge::engineAboutToChange, this, &QDialog::reject);

    m_topic = new QComboBox(this);
    m_topic->setEditable(true);
    m_topic->addItems(topics);
    m_strategy = new QComboBox(this);
    m_strategy->addItem(tr("to earliest (log start)"), int(admin::ResetKind::earliest));
    m_strategy->addItem(tr("to latest (log end)"), int(admin::ResetKind::latest));
    m_strategy->addItem(tr("to a date-time (first record at or after it)"), int(admin::ResetKind::timestamp));
    m_strategy->addItem(tr("to an absolute offset"), int(admin::ResetKind::absolute));
    m_strategy->addItem(tr("shift by ±N"), int(admin::ResetKind::shift));
    m_value = new QLineEdit(this);
    m_allPartitions = new QRadioButton(tr("all partitions"), this);
    m_allPartitions->setChecked(true);
    m_somePartitions = new QRadioButton(tr("only:"), this);
    m_partitions = new QLineEdit(this);
    m_partitions->setPlaceholderText(tr("e.g. 0,2,5-7"));
    m_partitions->setEnabled(false);
    auto* partitionsRow = new QHBoxLayout;
    partitionsRow->addWidget(m_allPartitions);
    partitionsRow->addWidget(m_somePartitions);
    partitionsRow->addWidget(m_partitions, 1);

    auto* groupLabel = new QLabel(group, this);
    groupLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout;
    form->addRow(tr("Group:"), groupLabel);
    form->addRow(tr("Topic:"), m_topic);
    form->addRow(tr("Strategy:"), m_strategy);
    form->addRow(tr("Value:"), m_value);
    form->addRow(tr("Partitions:"), partitionsRow);

    m_previewButton = new QPushButton(tr("Preview (dry run)"), this);
    m_previewButton->setDefault(true);
    m_model = new ResetPreviewModel(this);
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);

    m_confirm = new QLineEdit(this);
    m_confirm->setPlaceholderText(tr("type %1 to confirm").arg(group));
    m_executeButton = new QPushButton(tr("Execute"), this);
    m_executeButton->setAutoDefault(false);
    auto* confirmRow = new QHBoxLayout;
    confirmRow->addWidget(new QLabel(tr("Group name:"), this));
    confirmRow->addWidget(m_confirm, 1);
    confirmRow->addWidget(m_executeButton);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("resetStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_previewButton, 0, Qt::AlignLeft);
    layout->addWidget(m_table, 1);
    layout->addLayout(confirmRow);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 480);

    connect(m_previewButton, &QPushButton::clicked, this, &ResetOffsetsDialog::preview);
    connect(m_executeButton, &QPushButton::clicked, this, &ResetOffsetsDialog::execute);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &ResetOffsetsDialog::onStrategyChanged);
    connect(m_somePartitions, &QRadioButton::toggled, m_partitions, &QLineEdit::setEnabled);
    // Any change of the settings makes the preview stale.
    connect(m_topic, &QComboBox::currentTextChanged, this, &ResetOffsetsDialog::updateButtons);
    connect(m_value, &QLineEdit::textChanged, this, &ResetOffsetsDialog::updateButtons);
    connect(m_somePartitions, &QRadioButton::toggled, this, &ResetOffsetsDialog::updateButtons);
    connect(m_partitions, &QLineEdit::textChanged, this, &ResetOffsetsDialog::updateButtons);
    connect(m_confirm, &QLineEdit::textChanged, this, &ResetOffsetsDialog::updateButtons);
    onStrategyChanged();
}

void ResetOffsetsDialog::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    updateButtons();
}

void ResetOffsetsDialog::setStrategy(admin::ResetKind kind) {
    const int index = m_strategy->findData(int(kind));
    if (index >= 0) m_strategy->setCurrentIndex(index);
}

void ResetOffsetsDialog::onStrategyChanged() {
    const auto kind = static_cast<admin::ResetKind>(m_strategy->currentData().toInt());
    m_value->setEnabled(needsValue(kind));
    switch (kind) {
        case admin::ResetKind::timestamp:
            // An hour ago, in the form parse_iso8601_ms reads.
            m_value->setText(QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate));
            m_value->setPlaceholderText(tr("ISO 8601, e.g. 2024-05-01T12:00:00Z"));
            break;
        case admin::ResetKind::absolute:
            m_value->clear();
            m_value->setPlaceholderText(tr("offset, e.g. 1200"));
            break;
        case admin::ResetKind::shift:
            m_value->clear();
            m_value->setPlaceholderText(tr("messages, e.g. -100 (back) or 100 (forward)"));
            break;
        default:
            m_value->clear();
            m_value->setPlaceholderText(tr("not needed"));
            break;
    }
    updateButtons();
}

std::optional<admin::ResetSpec> ResetOffsetsDialog::spec(QString* error) const {
    auto fail = [error](const QString& why) -> std::optional<admin::ResetSpec> {
        if (error) *error = why;
        return std::nullopt;
    };
    admin::ResetSpec s;
    s.group = m_group.toStdString();
    s.topic = m_topic->currentText().trimmed().toStdString();
    if (s.topic.empty()) return fail(tr("Choose or type a topic."));
    s.kind = static_cast<admin::ResetKind>(m_strategy->currentData().toInt());
    const QString value = m_value->text().trimmed();
    if (s.kind == admin::ResetKind::timestamp) {
        auto ms = admin::parse_iso8601_ms(value.toStdString());
        if (!ms) return fail(tr("Date-time: %1").arg(QString::fromStdString(ms.error().message)));
        s.value = *ms;
    } else if (s.kind == admin::ResetKind::absolute || s.kind == admin::ResetKind::shift) {
        bool ok = false;
        s.value = value.toLongLong(&ok);
        if (!ok) return fail(tr("'%1' is not a whole number.").arg(value));
        if (s.kind == admin::ResetKind::absolute && s.value < 0) return fail(tr("An offset cannot be negative."));
    }
    if (m_somePartitions->isChecked()) {
        auto list = admin::parse_partition_list(m_partitions->text().trimmed().toStdString());
        if (!list) return fail(tr("Partitions: %1").arg(QString::fromStdString(list.error().message)));
        if (list->empty()) return fail(tr("List the partitions, e.g. 0,2,5-7."));
        s.partitions = *list;
    }
    return s;
}

void ResetOffsetsDialog::preview() {
    QString error;
    const auto s = spec(&error);
    if (!s) {
        showStatus(error, true);
        return;
    }
    m_previewed.reset();
    m_pendingExecute = false;
    m_pending = m_admin->resetOffsets(*s, false);
    if (m_pending == 0) {
        showStatus(tr("Not connected to a cluster."), true);
    } else {
        showStatus(tr("Dry run of %1 on %2…").arg(m_group, m_topic->currentText().trimmed()), false);
    }
    updateButtons();
}

void ResetOffsetsDialog::execute() {
    const auto s = spec();
    if (!s || !m_previewed || !sameSettings(*s, *m_previewed) || m_confirm->text() != m_group || m_readOnly) {
        showStatus(tr("Preview these settings and type the group name first."), true);
        return;
    }
    m_pendingExecute = true;
    m_pending = m_previewResult ? m_admin->executePlan(*m_previewResult) : 0;
    if (m_pending == 0) showStatus(tr("Not connected to a cluster."), true);
    else showStatus(tr("Resetting %1…").arg(m_group), false);
    updateButtons();
}

void ResetOffsetsDialog::onReset(quint64 id, const ResetResultPtr& result, const QString& error) {
    if (id != m_pending) return;  // superseded
    m_pending = 0;
    const bool wasExecute = m_pendingExecute;
    if (!error.isEmpty() || !result) {
        if (!wasExecute) m_model->setRows({});
        showStatus((wasExecute ? tr("Nothing reset: %1") : tr("Preview failed: %1")).arg(error), true);
        updateButtons();
        return;
    }
    m_model->setRows(result->rows);
    m_table->resizeColumnsToContents();
    int failed = 0;
    for (const admin::ResetRow& row : result->rows) failed += row.error ? 1 : 0;
    if (!wasExecute) {
        m_previewed = result->spec;
        m_previewRows = result->rows;
        m_previewResult = result;
        if (failed > 0) {
            showStatus(tr("%1 partition(s) cannot be reset (see Note): nothing would be committed.").arg(failed), true);
        } else {
            showStatus(tr("Dry run: nothing was written. %1. Type the group name and Execute to commit this table.")
                           .arg(QString::fromStdString(result->membership_check)),
                       false);
        }
        updateButtons();
        return;
    }
    m_previewed.reset();  // the next execute needs a new preview
    m_previewResult.reset();
    QString text = tr("Committed %1 offset(s) of %2 on %3.")
                       .arg(result->rows.size() - static_cast<std::size_t>(failed))
                       .arg(m_group, QString::fromStdString(result->spec.topic));
    if (failed > 0) text += tr(" %1 partition(s) failed: see Note.").arg(failed);
    showStatus(text, failed > 0);
    updateButtons();
    Q_EMIT offsetsReset(m_group, QString::fromStdString(result->spec.topic));
}

void ResetOffsetsDialog::updateButtons() {
    const bool busy = m_pending != 0;
    m_previewButton->setEnabled(!busy);
    const auto s = spec();
    bool previewFailed = false;
    for (const admin::ResetRow& row : m_previewRows) previewFailed = previewFailed || bool(row.error);
    const bool previewed = m_previewed && s && sameSettings(*s, *m_previewed) && !previewFailed;
    const bool confirmed = m_confirm->text() == m_group;
    m_executeButton->setEnabled(!busy && !m_readOnly && previewed && confirmed);
    if (m_readOnly) {
        m_executeButton->setToolTip(tr("This connection is read-only: offsets cannot be reset."));
    } else if (!previewed) {
        m_executeButton->setToolTip(tr("Preview these settings first."));
    } else if (!confirmed) {
        m_executeButton->setToolTip(tr("Type the group name to confirm."));
    } else {
        m_executeButton->setToolTip(tr("Commit the previewed offsets."));
    }
}

void ResetOffsetsDialog::showStatus(const QString& text, bool isError) {
    m_status->setText(text);
    m_status->setStyleSheet(isError ? QStringLiteral("color: #c0392b;") : QString());
}

QString ResetOffsetsDialog::statusText() const { return m_status->text(); }

}  // namespace kafkascope::ui
