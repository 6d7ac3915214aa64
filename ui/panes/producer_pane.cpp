#include "panes/producer_pane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFontDatabase>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "bridge/engine_bridge.h"
#include "bridge/producer_bridge.h"
#include "models/delivery_results_model.h"
#include "panes/producer_settings_form.h"
#include "widgets/headers_table.h"

namespace kafkascope::ui {
namespace {

const QColor kError(0xc0, 0x39, 0x2b);

records::Bytes toBytes(const QString& text) {
    const QByteArray utf8 = text.toUtf8();
    return records::Bytes(utf8.begin(), utf8.end());
}

// "line 3, column 7: missing value" for a QJsonDocument parse error.
QString describeJsonError(const QString& text, const QJsonParseError& error) {
    const QByteArray utf8 = text.toUtf8();
    const QByteArray before = utf8.left(error.offset);
    const int line = static_cast<int>(before.count('\n')) + 1;
    const int column = static_cast<int>(before.size() - before.lastIndexOf('\n'));
    return ProducerPane::tr("Invalid JSON at line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
}

}  // namespace

ProducerPane::ProducerPane(EngineBridge& bridge, QWidget* parent) : QWidget(parent), m_bridge(bridge) {
    m_producer = new ProducerBridge(m_bridge, this);
    m_results = new DeliveryResultsModel(this);

    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(buildCompose());
    left->addWidget(buildResults());
    left->setStretchFactor(0, 3);
    left->setStretchFactor(1, 2);
    left->setChildrenCollapsible(false);

    m_settings = new ProducerSettingsForm(this);
    auto* settingsBox = new QGroupBox(tr("Writer settings"), this);
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addWidget(m_settings);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(settingsBox);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setMinimumWidth(340);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addWidget(splitter);

    connect(m_settings, &ProducerSettingsForm::changed, this, [this] {
        m_producer->configure(m_settings->config());
        if (m_store) m_settings->save(*m_store, settingsGroup());
    });
    m_producer->configure(m_settings->config());

    connect(&m_bridge, &EngineBridge::metadataReady, this,
            [this](quint64, const MetadataSnapshot& metadata) { onMetadata(metadata); });
    connect(&m_bridge, &EngineBridge::stateChanged, this, [this](ConnectionState state) {
        if (state == ConnectionState::Disconnected) m_liveStats->clear();
    });
    connect(m_producer, &ProducerBridge::sendStarted, this, [this](quint64, qint64 messages) {
        m_results->clear();
        m_expected = messages;
        m_progress->setRange(0, static_cast<int>(std::min<qint64>(messages, std::numeric_limits<int>::max())));
        m_progress->setValue(0);
        m_summary->setText(tr("Sending %1 messages…").arg(QLocale().toString(messages)));
        setSending(true);
    });
    connect(m_producer, &ProducerBridge::reportsReady, this, [this](quint64, const DeliveryBatch& reports) {
        m_results->appendReports(*reports);
        m_progress->setValue(m_results->rowCount());
    });
    connect(m_producer, &ProducerBridge::statsReady, this,
            [this](const WriterStatsSnapshot& stats) { onStats(*stats); });
    connect(m_producer, &ProducerBridge::sendFinished, this,
            [this](quint64, const SendSummary& summary) { onSendFinished(summary); });
    connect(m_producer, &ProducerBridge::sendRefused, this,
            [this](const QString& reason) { showMessage(reason, true); });
    setSending(false);
}

ProducerPane::~ProducerPane() = default;

QString ProducerPane::settingsGroup() { return QStringLiteral("producer/writer"); }

void ProducerPane::setSettings(QSettings* settings) {
    m_store = nullptr;  // restoring emits changed(): do not write back half-restored values
    if (settings) m_settings->restore(*settings, settingsGroup());
    m_store = settings;
    m_producer->configure(m_settings->config());
}

QWidget* ProducerPane::buildCompose() {
    auto* box = new QGroupBox(tr("Message"), this);
    auto* form = new QFormLayout;

    m_topic = new QComboBox(box);
    m_topic->setObjectName(QStringLiteral("topic"));
    m_topic->setEditable(true);
    m_topic->setInsertPolicy(QComboBox::NoInsert);
    m_topic->lineEdit()->setPlaceholderText(tr("topic name"));
    m_partition = new QSpinBox(box);
    m_partition->setObjectName(QStringLiteral("partition"));
    m_partition->setRange(-1, 1'000'000);
    m_partition->setSpecialValueText(tr("auto (balancer)"));
    m_partition->setValue(-1);
    m_partition->setToolTip(tr("auto: the balancer picks; a number sends every message to that partition."));
    auto* target = new QHBoxLayout;
    target->addWidget(m_topic, 3);
    target->addWidget(new QLabel(tr("Partition"), box));
    target->addWidget(m_partition, 1);
    form->addRow(tr("Topic"), target);

    m_key = new QLineEdit(box);
    m_key->setObjectName(QStringLiteral("key"));
    m_key->setPlaceholderText(tr("empty = null key · {{i}} copy index · {{ts}} epoch ms"));
    form->addRow(tr("Key"), m_key);

    m_value = new QPlainTextEdit(box);
    m_value->setObjectName(QStringLiteral("value"));
    m_value->setPlaceholderText(tr("Value · {{i}} copy index · {{ts}} epoch ms"));
    m_value->setTabChangesFocus(true);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_value->setFont(mono);
    m_json = new QCheckBox(tr("JSON"), box);
    m_json->setObjectName(QStringLiteral("jsonMode"));
    m_json->setToolTip(tr("Validate the value as JSON ({{i}}/{{ts}} substituted first); invalid JSON is not sent."));
    m_pretty = new QPushButton(tr("Pretty"), box);
    m_pretty->setObjectName(QStringLiteral("pretty"));
    m_pretty->setToolTip(tr("Reformat the value as indented JSON"));
    m_jsonError = new QLabel(box);
    m_jsonError->setObjectName(QStringLiteral("jsonError"));
    m_jsonError->setWordWrap(true);
    QPalette errorPalette = m_jsonError->palette();
    errorPalette.setColor(QPalette::WindowText, kError);
    m_jsonError->setPalette(errorPalette);
    m_jsonError->hide();
    auto* valueTools = new QHBoxLayout;
    valueTools->addWidget(m_json);
    valueTools->addWidget(m_pretty);
    valueTools->addWidget(m_jsonError, 1);
    valueTools->addStretch();
    m_pretty->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    auto* valueColumn = new QVBoxLayout;
    valueColumn->addWidget(m_value, 1);
    valueColumn->addLayout(valueTools);
    form->addRow(tr("Value"), valueColumn);
    connect(m_json, &QCheckBox::toggled, this, [this] { validateJson(); });
    connect(m_value, &QPlainTextEdit::textChanged, this, [this] {
        if (m_json->isChecked()) validateJson();
    });
    connect(m_pretty, &QPushButton::clicked, this, &ProducerPane::prettyPrintJson);

    m_headers = new HeadersTable(box);
    m_headers->setMaximumHeight(110);
    form->addRow(tr("Headers"), m_headers);

    m_sendOnce = new QPushButton(tr("Send"), box);
    m_sendOnce->setObjectName(QStringLiteral("sendOnce"));
    m_sendOnce->setDefault(true);
    m_copies = new QSpinBox(box);
    m_copies->setObjectName(QStringLiteral("copies"));
    m_copies->setRange(1, 10'000'000);
    m_copies->setValue(10);
    m_copies->setGroupSeparatorShown(true);
    m_sendCopies = new QPushButton(tr("Send N copies"), box);
    m_sendCopies->setObjectName(QStringLiteral("sendCopies"));
    m_sendFile = new QPushButton(tr("Send file lines…"), box);
    m_sendFile->setObjectName(QStringLiteral("sendFile"));
    m_sendFile->setToolTip(tr("One message per line of a text file (the line is the value; {{i}} in the key is the line index)"));
    m_cancel = new QPushButton(tr("Cancel"), box);
    m_cancel->setObjectName(QStringLiteral("cancel"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_sendOnce);
    buttons->addSpacing(12);
    buttons->addWidget(new QLabel(tr("N ="), box));
    buttons->addWidget(m_copies);
    buttons->addWidget(m_sendCopies);
    buttons->addSpacing(12);
    buttons->addWidget(m_sendFile);
    buttons->addStretch();
    buttons->addWidget(m_cancel);
    connect(m_sendOnce, &QPushButton::clicked, this, [this] { sendOnce(); });
    connect(m_sendCopies, &QPushButton::clicked, this, [this] { sendCopies(m_copies->value()); });
    connect(m_sendFile, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Send every line of a file"));
        if (!path.isEmpty()) sendFile(path);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_producer->cancel(); });

    m_message = new QLabel(box);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* layout = new QVBoxLayout(box);
    layout->addLayout(form, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    return box;
}

QWidget* ProducerPane::buildResults() {
    auto* box = new QGroupBox(tr("Delivery reports"), this);
    m_view = new QTableView(box);
    m_view->setObjectName(QStringLiteral("results"));
    m_view->setModel(m_results);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->setColumnWidth(DeliveryResultsModel::TimestampColumn, 190);

    m_progress = new QProgressBar(box);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setMaximumHeight(m_view->fontMetrics().height() + 4);
    m_summary = new QLabel(tr("Nothing sent yet."), box);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    m_liveStats = new QLabel(box);
    m_liveStats->setObjectName(QStringLiteral("liveStats"));
    m_liveStats->setForegroundRole(QPalette::PlaceholderText);
    m_liveStats->setWordWrap(true);

    auto* layout = new QVBoxLayout(box);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_liveStats);
    return box;
}

QString ProducerPane::substitute(QString text, qint64 index, qint64 timestampMs) {
    text.replace(QStringLiteral("{{i}}"), QString::number(index));
    text.replace(QStringLiteral("{{ts}}"), QString::number(timestampMs));
    return text;
}

bool ProducerPane::validateJson() {
    if (!m_json->isChecked()) {
        m_jsonError->hide();
        return true;
    }
    const QString text = substitute(m_value->toPlainText(), 0, QDateTime::currentMSecsSinceEpoch());
    QJsonParseError error;
    QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError) {
        m_jsonError->setText(tr("✓ valid JSON"));
        m_jsonError->setForegroundRole(QPalette::PlaceholderText);
        QPalette palette = m_jsonError->palette();
        palette.setColor(QPalette::WindowText, QColor(0x2e, 0x9e, 0x5b));
        m_jsonError->setPalette(palette);
        m_jsonError->setProperty("valid", true);
        m_jsonError->show();
        return true;
    }
    QPalette palette = m_jsonError->palette();
    palette.setColor(QPalette::WindowText, kError);
    m_jsonError->setPalette(palette);
    m_jsonError->setText(describeJsonError(text, error));
    m_jsonError->setProperty("valid", false);
    m_jsonError->show();
    return false;
}

void ProducerPane::prettyPrintJson() {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(m_value->toPlainText().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        m_jsonError->setText(describeJsonError(m_value->toPlainText(), error));
        QPalette palette = m_jsonError->palette();
        palette.setColor(QPalette::WindowText, kError);
        m_jsonError->setPalette(palette);
        m_jsonError->show();
        return;
    }
    m_value->setPlainText(QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
}

std::optional<producer::Message> ProducerPane::compose(qint64 index, qint64 timestampMs,
                                                       const QString* valueOverride) {
    producer::Message message;
    message.topic = m_topic->currentText().trimmed().toStdString();
    if (m_partition->value() >= 0) message.partition = m_partition->value();
    const QString key = m_key->text();
    if (!key.isEmpty()) message.key = toBytes(substitute(key, index, timestampMs));
    const QString value = substitute(valueOverride ? *valueOverride : m_value->toPlainText(), index, timestampMs);
    if (m_json->isChecked()) {
        QJsonParseError error;
        QJsonDocument::fromJson(value.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            const QString what = describeJsonError(value, error);
            showMessage(valueOverride ? tr("Line %1: %2").arg(index + 1).arg(what) : what, true);
            return std::nullopt;
        }
    }
    message.value = toBytes(value);
    for (const auto& [headerKey, headerValue] : m_headers->headers())
        message.headers.push_back({headerKey.toStdString(), toBytes(headerValue)});
    message.timestamp_ms = timestampMs;
    return message;
}

bool ProducerPane::start(std::vector<producer::Message> messages) {
    if (m_readOnly) {
        showMessage(tr("This connection is read-only: nothing is sent."), true);
        return false;
    }
    if (m_topic->currentText().trimmed().isEmpty()) {
        showMessage(tr("Choose a topic first."), true);
        return false;
    }
    producer::WriterConfig config = m_settings->config();
    config.topic = m_topic->currentText().trimmed().toStdString();
    m_producer->configure(config);
    m_message->hide();
    return m_producer->send(std::move(messages)) != 0;
}

bool ProducerPane::sendOnce() { return sendCopies(1); }

bool ProducerPane::sendCopies(int copies) {
    if (!validateJson()) {
        showMessage(m_jsonError->text(), true);
        return false;
    }
    std::vector<producer::Message> messages;
    messages.reserve(static_cast<std::size_t>(copies));
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    for (int i = 0; i < copies; ++i) {
        auto message = compose(i, ts, nullptr);
        if (!message) return false;
        messages.push_back(std::move(*message));
    }
    return start(std::move(messages));
}

bool ProducerPane::sendFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        showMessage(tr("Cannot read %1: %2").arg(path, file.errorString()), true);
        return false;
    }
    std::vector<producer::Message> messages;
    const qint64 ts = QDateTime::currentMSecsSinceEpoch();
    qint64 index = 0;
    while (!file.atEnd()) {
        QByteArray line = file.readLine();
        if (line.endsWith('\n')) line.chop(1);
        if (line.endsWith('\r')) line.chop(1);
        const QString text = QString::fromUtf8(line);
        auto message = compose(index, ts, &text);
        if (!message) return false;
        messages.push_back(std::move(*message));
        ++index;
    }
    if (messages.empty()) {
        showMessage(tr("%1 has no lines.").arg(path), true);
        return false;
    }
    return start(std::move(messages));
}

void ProducerPane::onMetadata(const MetadataSnapshot& metadata) {
    if (!metadata) return;
    const QString current = m_topic->currentText();
    QStringList names;
    for (const TopicInfo& topic : metadata->topics) {
        if (!topic.is_internal) names.append(QString::fromStdString(topic.name));
    }
    QStringList existing;
    for (int i = 0; i < m_topic->count(); ++i) existing.append(m_topic->itemText(i));
    if (existing == names) return;
    const QSignalBlocker blocker(m_topic);
    m_topic->clear();
    m_topic->addItems(names);
    m_topic->setEditText(current);
}

void ProducerPane::onSendFinished(const SendSummary& summary) {
    setSending(false);
    const QLocale locale;
    QStringList reasons;
    for (const auto& [reason, count] : summary.flushReasons) reasons.append(tr("%1 × %2").arg(reason).arg(count));
    QString text = tr("%1 ok · %2 failed").arg(locale.toString(summary.ok), locale.toString(summary.failed));
    if (summary.notSent > 0) text += tr(" · %1 not sent").arg(locale.toString(summary.notSent));
    text += tr(" · used %1 ms").arg(locale.toString(summary.usedMs, 'f', 1));
    text += summary.batches == 1 ? tr(" · 1 batch") : tr(" · %1 batches").arg(locale.toString(summary.batches));
    if (!reasons.isEmpty()) text += tr(" (flushed by %1)").arg(reasons.join(QStringLiteral(", ")));
    text += summary.retries == 1 ? tr(" · 1 retry") : tr(" · %1 retries").arg(locale.toString(summary.retries));
    if (summary.cancelled) text += tr(" · cancelled");
    m_summary->setText(text);
    QPalette palette = m_summary->palette();
    palette.setColor(QPalette::WindowText, summary.failed > 0 ? kError : this->palette().color(QPalette::WindowText));
    m_summary->setPalette(palette);
}

void ProducerPane::onStats(const producer::WriterStats& stats) {
    const auto& t = stats.total;
    m_liveStats->setText(tr("Writer: %1 messages, %2 bytes acked · %3 Produce requests · %4 retries · %5 errors · "
                            "batch avg %6 msgs · write avg %7 ms · idempotent %8")
                             .arg(t.messages)
                             .arg(t.bytes)
                             .arg(t.writes)
                             .arg(t.retries)
                             .arg(t.errors)
                             .arg(t.batch_size.avg(), 0, 'f', 1)
                             .arg(t.write_time_us.avg() / 1000.0, 0, 'f', 2)
                             .arg(stats.idempotent ? tr("on") : tr("off")));
}

void ProducerPane::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    setSending(m_cancel->isEnabled());  // the cancel button is on exactly while sending
}

void ProducerPane::setSending(bool sending) {
    m_sendOnce->setEnabled(!sending && !m_readOnly);
    m_sendCopies->setEnabled(!sending && !m_readOnly);
    m_sendFile->setEnabled(!sending && !m_readOnly);
    m_cancel->setEnabled(sending);
    m_progress->setVisible(sending);
}

void ProducerPane::showMessage(const QString& text, bool isError) {
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, isError ? kError : this->palette().color(QPalette::WindowText));
    m_message->setPalette(palette);
    m_message->setText(text);
    m_message->show();
}

QString ProducerPane::summaryText() const { return m_summary->text(); }
QString ProducerPane::messageText() const { return !m_message->isHidden() ? m_message->text() : QString(); }

}  // namespace kafkascope::ui
