#include "browser/browser_pane.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>
#include <fstream>
#include <memory>

#include "browse/message_export.h"
#include "bridge/browse_bridge.h"
#include "browser/filter_bar.h"
#include "browser/filter_runner.h"
#include "browser/import_job.h"
#include "browser/message_detail_view.h"
#include "browser/message_table_model.h"
#include "browser/scan_controller.h"

namespace kafkascope::ui {

namespace {

QString savedKey(const QString& topic) { return QStringLiteral("browser/filters/") + topic; }

bool isEverything(const browse::FilterSpec& s) {
    return s.text.empty() && !s.min_offset && !s.max_offset && !s.min_time && !s.max_time && !s.partition;
}

}  // namespace

BrowserPane::BrowserPane(EngineBridge& engine, QWidget* parent) : QWidget(parent), m_engine(engine) {
    m_bridge = new BrowseBridge(engine, this);
    m_model = new MessageTableModel(this);
    m_filterRunner = new FilterRunner(*m_model, this);
    m_scan = new ScanController(*m_bridge, this);
    m_import = new ImportJob(engine, this);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("messageTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->setVisible(false);
    // Fixed row height: the view never measures rows (a million of them).
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(MessageTableModel::ValueColumn, QHeaderView::Stretch);
    m_view->setColumnWidth(MessageTableModel::TimestampColumn, 250);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_detail = new MessageDetailView(this);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("browseStatus"));
    auto* importRow = new QWidget(this);
    auto* importLayout = new QHBoxLayout(importRow);
    importLayout->setContentsMargins(0, 0, 0, 0);
    m_importStatus = new QLabel(importRow);
    m_importStatus->setObjectName(QStringLiteral("importStatus"));
    m_importStatus->setWordWrap(true);
    m_importCancel = new QPushButton(tr("Cancel import"), importRow);
    m_importCancel->setVisible(false);
    importLayout->addWidget(m_importStatus, 1);
    importLayout->addWidget(m_importCancel);
    connect(m_importCancel, &QPushButton::clicked, this, [this] { m_import->cancel(); });
    auto* layout = new QVBoxLayout(this);
    buildFilterBar();
    layout->addWidget(buildTopBar());
    layout->addWidget(m_filterBar);
    layout->addWidget(buildScanBar());
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);
    layout->addWidget(importRow);
    buildActions();

    m_filterDelay.setSingleShot(true);
    m_filterDelay.setInterval(150);
    connect(&m_filterDelay, &QTimer::timeout, this, [this] { applyFilter(); });
    connect(m_bridge, &BrowseBridge::updated, this, [this] { onUpdated(); });
    connect(m_import, &ImportJob::progress, this, [this] { m_importStatus->setText(m_import->summary()); });
    connect(m_import, &ImportJob::finished, this, [this](qint64 sent, qint64 failed, const QString& error) {
        m_importCancel->setVisible(false);
        m_importStatus->setText(m_import->summary());
        m_importStatus->setToolTip(m_import->errors().join(QLatin1Char('\n')));
        Q_EMIT importFinished(sent, failed, error);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] { onCurrentRowChanged(); });
    connect(m_filterRunner, &FilterRunner::progress, this, [this](qint64 examined, qint64 total, qint64 matched) {
        m_filterBar->setStatusText(tr("Filtering… %1 of %2, %3 match").arg(examined).arg(total).arg(matched));
    });
    connect(m_filterRunner, &FilterRunner::finished, this,
            [this](qint64 matched, qint64 examined, qint64 ms, bool cancelled) {
                m_filterBar->setStatusText(cancelled ? tr("Filter cancelled")
                                                  : tr("%1 of %2 match (%3 ms)").arg(matched).arg(examined).arg(ms));
                updateStatus();
                Q_EMIT filterFinished(matched);
            });
}

BrowserPane::~BrowserPane() = default;

QWidget* BrowserPane::buildTopBar() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_topicEdit = new QLineEdit(bar);
    m_topicEdit->setPlaceholderText(tr("Topic"));
    m_partition = new QSpinBox(bar);
    m_partition->setRange(-1, 1'000'000);
    m_partition->setSpecialValueText(tr("All partitions"));
    m_partition->setValue(-1);
    m_startKind = new QComboBox(bar);
    m_startKind->addItem(tr("Earliest"), static_cast<int>(browse::StartKind::earliest));
    m_startKind->addItem(tr("Latest − N per partition"), static_cast<int>(browse::StartKind::latest_minus_n));
    m_startKind->addItem(tr("Offset"), static_cast<int>(browse::StartKind::offset));
    m_startKind->addItem(tr("Timestamp"), static_cast<int>(browse::StartKind::timestamp));
    m_startKind->addItem(tr("Live tail"), static_cast<int>(browse::StartKind::tail));
    m_startValue = new QLineEdit(bar);
    m_startValue->setPlaceholderText(tr("N / offset / ms or yyyy-MM-ddTHH:mm:ss"));
    m_startValue->setEnabled(false);
    connect(m_startKind, &QComboBox::currentIndexChanged, this, [this] {
        const auto kind = static_cast<browse::StartKind>(m_startKind->currentData().toInt());
        m_startValue->setEnabled(kind != browse::StartKind::earliest && kind != browse::StartKind::tail);
        if (kind == browse::StartKind::latest_minus_n && m_startValue->text().isEmpty()) m_startValue->setText(QStringLiteral("100"));
    });
    auto* open = new QPushButton(tr("Open"), bar);
    auto* older = new QPushButton(tr("Load older"), bar);
    auto* newer = new QPushButton(tr("Load newer"), bar);
    auto* stop = new QPushButton(tr("Stop"), bar);
    older->setToolTip(tr("Load up to %1 older messages per partition").arg(1000));
    connect(open, &QPushButton::clicked, this, [this] { openTopic(m_topicEdit->text().trimmed(), m_partition->value()); });
    connect(m_topicEdit, &QLineEdit::returnPressed, open, &QPushButton::click);
    connect(older, &QPushButton::clicked, this, [this] { m_bridge->loadBackward(1000); });
    connect(newer, &QPushButton::clicked, this, [this] { m_bridge->loadForward(kPageMessages); });
    connect(stop, &QPushButton::clicked, this, [this] { m_bridge->cancel(); });
    row->addWidget(m_topicEdit, 2);
    row->addWidget(m_partition);
    row->addWidget(m_startKind);
    row->addWidget(m_startValue, 1);
    row->addWidget(open);
    row->addWidget(older);
    row->addWidget(newer);
    row->addWidget(stop);
    return bar;
}

void BrowserPane::buildFilterBar() {
    m_filterBar = new FilterBar(this);
    connect(m_filterBar, &FilterBar::changed, this, [this] { m_filterDelay.start(); });
    connect(m_filterBar, &FilterBar::applyRequested, this, [this] { applyFilter(); });
    connect(m_filterBar, &FilterBar::saveRequested, this, [this] { saveCurrentFilter(); });
}

QWidget* BrowserPane::buildScanBar() {
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_scanButton = new QPushButton(tr("Scan broker"), bar);
    m_scanButton->setToolTip(tr("Read forwards from the start point and keep only messages matching the filter"));
    m_scanMatches = new QSpinBox(bar);
    m_scanMatches->setRange(1, 1'000'000);
    m_scanMatches->setValue(100);
    m_scanMatches->setSuffix(tr(" matches"));
    m_scanLimit = new QSpinBox(bar);
    m_scanLimit->setRange(1, 2'000'000'000);
    m_scanLimit->setValue(1'000'000);
    m_scanLimit->setPrefix(tr("examine at most "));
    m_scanCancel = new QPushButton(tr("Cancel scan"), bar);
    m_scanCancel->setEnabled(false);
    m_scanStatus = new QLabel(bar);
    m_scanStatus->setObjectName(QStringLiteral("scanStatus"));
    connect(m_scanButton, &QPushButton::clicked, this, [this] { startScan(); });
    connect(m_scanCancel, &QPushButton::clicked, this, [this] { m_scan->cancel(); });
    auto show = [this] {
        m_scanStatus->setText(m_scan->stateText());
        m_scanCancel->setEnabled(m_scan->state() == ScanController::State::Running);
    };
    connect(m_scan, &ScanController::progress, this, show);
    connect(m_scan, &ScanController::finished, this, show);
    row->addWidget(m_scanButton);
    row->addWidget(m_scanMatches);
    row->addWidget(m_scanLimit);
    row->addWidget(m_scanCancel);
    row->addWidget(m_scanStatus, 1);
    return bar;
}

void BrowserPane::startScan() {
    QString error;
    ScanRequest request;
    request.topic = m_topicEdit->text().trimmed();
    request.partition = m_partition->value();
    request.start = startPoint(&error);
    if (error.isEmpty()) request.filter = filterSpec(&error);
    request.maxMatches = static_cast<std::size_t>(m_scanMatches->value());
    request.maxExamined = static_cast<std::size_t>(m_scanLimit->value());
    browse::BrowseConfig config;
    if (error.isEmpty()) config = ScanController::configFor(request, &error);
    if (!error.isEmpty()) {
        m_scanStatus->setText(error);
        return;
    }
    if (!openWith(config)) {
        m_scanStatus->setText(m_status->text());
        return;
    }
    m_scan->track(m_bridge->generation(), request);
}

QLineEdit* BrowserPane::filterEdit() const { return m_filterBar->textEdit(); }
QCheckBox* BrowserPane::regexCheck() const { return m_filterBar->regexCheck(); }

void BrowserPane::buildActions() {
    auto add = [this](const QString& text, auto slot) {
        auto* action = new QAction(text, m_view);
        connect(action, &QAction::triggered, this, slot);
        m_view->addAction(action);
        return action;
    };
    add(tr("Copy as JSON"), [this] { copySelectedAsJson(); });
    add(tr("Export JSON Lines…"), [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export JSON Lines"), {}, tr("JSON Lines (*.jsonl)"));
        if (!path.isEmpty()) exportTo(path, ExportFormat::JsonLines);
    });
    add(tr("Export CSV…"), [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), {}, tr("CSV (*.csv)"));
        if (!path.isEmpty()) exportTo(path, ExportFormat::Csv);
    });
    m_writeActions.push_back(add(tr("Re-produce to topic…"), [this] {
        const QString topic = QInputDialog::getText(this, tr("Re-produce"), tr("Target topic:"));
        if (!topic.isEmpty()) reproduceSelected(topic);
    }));
    m_writeActions.push_back(add(tr("Import JSON Lines into topic…"), [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import JSON Lines"), {}, tr("JSON Lines (*.jsonl)"));
        if (path.isEmpty()) return;
        const QString topic = QInputDialog::getText(this, tr("Import"), tr("Target topic:"), QLineEdit::Normal, m_bridge->topic());
        if (!topic.isEmpty()) importFile(path, topic);
    }));
}

void BrowserPane::setReadOnly(bool readOnly) {
    m_readOnly = readOnly;
    for (QAction* action : m_writeActions) action->setEnabled(!readOnly);
}

browse::StartPoint BrowserPane::startPoint(QString* error) const {
    browse::StartPoint start;
    start.kind = static_cast<browse::StartKind>(m_startKind->currentData().toInt());
    if (start.kind == browse::StartKind::earliest || start.kind == browse::StartKind::tail) return start;
    const QString text = m_startValue->text().trimmed();
    bool ok = false;
    start.value = text.toLongLong(&ok);
    if (!ok && start.kind == browse::StartKind::timestamp) {
        const QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
        ok = when.isValid();
        if (ok) start.value = when.toMSecsSinceEpoch();
    }
    if (!ok || start.value < 0) *error = tr("'%1' is not a valid start value for %2").arg(text, m_startKind->currentText());
    return start;
}

void BrowserPane::openTopic(const QString& topic, int partition) {
    if (topic.isEmpty()) {
        m_status->setText(tr("Choose a topic first."));
        return;
    }
    m_topicEdit->setText(topic);
    m_partition->setValue(partition);
    QString error;
    browse::BrowseConfig config;
    config.topic = topic.toStdString();
    if (partition >= 0) config.partition = partition;
    config.start = startPoint(&error);
    config.initial_limit = kPageMessages;
    if (!error.isEmpty()) {
        m_status->setText(error);
        return;
    }
    openWith(config);
}

bool BrowserPane::openWith(const browse::BrowseConfig& config) {
    m_filterRunner->cancel();
    const QString error = m_bridge->open(config);
    if (!error.isEmpty()) {
        m_status->setText(error);
        return false;
    }
    const QString topic = QString::fromStdString(config.topic);
    m_topicEdit->setText(topic);
    m_detail->setTopic(topic);
    m_detail->clear();
    m_model->setStore(m_bridge->store(), config.partition ? browse::OrderBy::partition_offset : browse::OrderBy::time);
    loadSavedFilters();
    QString filterError;
    const bool everything = isEverything(filterSpec(&filterError));
    if (!filterError.isEmpty() || !everything) applyFilter();
    updateStatus();
    return true;
}

void BrowserPane::onUpdated() {
    // Partitions still being read hold the merge frontier; when loading
    // stops everything is shown.
    std::vector<MessageTableModel::LoadingPartition> loading;
    const auto& s = m_bridge->status();
    if (s.loading) {
        for (const auto& p : s.partitions) {
            if (p.error.empty() && p.next < p.high_watermark) loading.push_back({p.partition, p.examined_timestamp});
        }
    }
    m_model->setLoadingPartitions(std::move(loading), s.rows);
    m_model->appendAvailable();
    updateStatus();
}

void BrowserPane::updateStatus() {
    const auto& s = m_bridge->status();
    QString text = tr("%1 loaded").arg(m_model->loadedCount());
    if (m_model->isFiltered()) text += tr(", %1 shown").arg(m_model->rowCount());
    if (s.loading) text += tr(" — loading…");
    else if (s.caught_up) text += tr(" — at the end");
    if (s.at_beginning && !s.partitions.empty()) text += tr(", from the start of the log");
    if (!s.error.empty()) text += QStringLiteral(" — ") + QString::fromStdString(s.error);
    m_status->setText(text);
}

void BrowserPane::onCurrentRowChanged() {
    const qint64 row = m_model->storeRow(m_view->currentIndex().row());
    if (row < 0) {
        m_detail->clear();
        return;
    }
    m_detail->showMessage(m_model->store(), static_cast<std::size_t>(row));
}

browse::FilterSpec BrowserPane::filterSpec(QString* error) const { return m_filterBar->spec(error); }

void BrowserPane::applyFilter() {
    m_filterDelay.stop();
    QString error;
    const browse::FilterSpec spec = filterSpec(&error);
    if (error.isEmpty()) error = m_filterRunner->apply(spec);
    if (!error.isEmpty()) m_filterBar->setStatusText(error);
    updateStatus();
}

void BrowserPane::saveCurrentFilter() {
    const QString topic = m_bridge->topic();
    QString error;
    const browse::FilterSpec spec = filterSpec(&error);
    if (!error.isEmpty()) {
        m_filterBar->setStatusText(error);
        return;
    }
    if (topic.isEmpty() || isEverything(spec)) return;
    const QString entry = FilterBar::encode(spec);
    QSettings settings;
    QStringList saved = settings.value(savedKey(topic)).toStringList();
    saved.removeAll(entry);
    saved.prepend(entry);
    settings.setValue(savedKey(topic), saved);
    loadSavedFilters();
}

QStringList BrowserPane::savedFilters() const {
    QStringList out;
    for (const QString& entry : QSettings().value(savedKey(m_bridge->topic())).toStringList()) {
        if (const auto spec = FilterBar::decode(entry)) out << FilterBar::describe(*spec);
    }
    return out;
}

void BrowserPane::loadSavedFilters() {
    m_filterBar->setSavedEntries(QSettings().value(savedKey(m_bridge->topic())).toStringList());
}

std::vector<std::uint32_t> BrowserPane::selectedRows() const {
    std::vector<int> viewRows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedRows()) viewRows.push_back(i.row());
    std::sort(viewRows.begin(), viewRows.end());
    std::vector<std::uint32_t> rows;
    for (int r : viewRows) rows.push_back(static_cast<std::uint32_t>(m_model->storeRow(r)));
    return rows;
}

std::vector<std::uint32_t> BrowserPane::selectedOrVisibleRows() const {
    std::vector<std::uint32_t> rows = selectedRows();
    return rows.empty() ? m_model->visibleRows() : rows;
}

void BrowserPane::exportTo(const QString& path, ExportFormat format) {
    auto store = m_model->store();
    if (!store) {
        Q_EMIT exportFinished(0, tr("Nothing is loaded."));
        return;
    }
    auto rows = std::make_shared<std::vector<std::uint32_t>>(selectedOrVisibleRows());
    const std::string topic = m_bridge->topic().toStdString();
    QPointer<BrowserPane> self(this);
    // The file is written on a worker; only the outcome comes back.
    QThreadPool::globalInstance()->start([self, store, rows, topic, path, format] {
        std::ofstream out(path.toStdString(), std::ios::binary | std::ios::trunc);
        QString error;
        if (!out) error = tr("cannot write %1").arg(path);
        if (error.isEmpty() && format == ExportFormat::Csv) out << browse::csv_header_line() << '\n';
        for (std::size_t i = 0; error.isEmpty() && i < rows->size(); ++i) {
            const auto m = store->ref((*rows)[i]);
            out << (format == ExportFormat::Csv ? browse::to_csv_line(m) : browse::to_json_line(m, topic)) << '\n';
        }
        out.flush();
        if (error.isEmpty() && !out) error = tr("writing %1 failed").arg(path);
        const qint64 n = error.isEmpty() ? static_cast<qint64>(rows->size()) : 0;
        QMetaObject::invokeMethod(qApp, [self, n, error] {
            if (self) Q_EMIT self->exportFinished(n, error);
        }, Qt::QueuedConnection);
    });
}

QString BrowserPane::copySelectedAsJson() {
    auto store = m_model->store();
    std::vector<std::uint32_t> rows = selectedRows();
    if (rows.empty() && m_view->currentIndex().isValid()) {
        rows.push_back(static_cast<std::uint32_t>(m_model->storeRow(m_view->currentIndex().row())));
    }
    // The clipboard is for a few messages and this runs on the UI thread;
    // Export writes any number on a worker.
    if (!store || rows.empty() || rows.size() > kMaxCopiedMessages) {
        m_status->setText(rows.empty() ? tr("Select the messages to copy.")
                                       : tr("Copy takes at most %1 messages; use Export for %2.")
                                             .arg(kMaxCopiedMessages)
                                             .arg(rows.size()));
        return {};
    }
    QStringList lines;
    for (auto r : rows) lines << QString::fromStdString(browse::to_json_line(store->ref(r), m_bridge->topic().toStdString()));
    const QString text = lines.join(QLatin1Char('\n'));
    QApplication::clipboard()->setText(text);
    return text;
}

void BrowserPane::reproduceSelected(const QString& topic) {
    if (m_readOnly) {
        Q_EMIT produceFinished(0, tr("this connection is read-only: nothing is written"));
        return;
    }
    // Only what the user selected: with nothing selected this is not a way
    // to re-send the whole table.
    auto store = m_model->store();
    std::vector<producer::Message> messages;
    if (store) {
        for (auto r : selectedRows()) messages.push_back(browse::to_producer_message(store->ref(r)));
    }
    if (messages.empty()) {
        Q_EMIT produceFinished(0, tr("No messages selected."));
        return;
    }
    QPointer<BrowserPane> self(this);
    m_bridge->produce(topic, std::move(messages), [self](qint64 written, const QString& error) {
        if (self) Q_EMIT self->produceFinished(written, error);
    });
}

void BrowserPane::importFile(const QString& path, const QString& topic) {
    if (m_readOnly) {
        Q_EMIT importFinished(0, 0, tr("this connection is read-only: nothing is written"));
        return;
    }
    const QString error = m_import->start(path, topic);
    m_importStatus->setText(error.isEmpty() ? m_import->summary() : error);
    m_importCancel->setVisible(m_import->isRunning());
    if (!error.isEmpty()) Q_EMIT importFinished(0, 0, error);
}

}  // namespace kafkascope::ui
