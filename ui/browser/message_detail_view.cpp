#include "browser/message_detail_view.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QPlainTextDocumentLayout>
#include <QTextDocument>
#include <QThread>
#include <QThreadPool>
#include <utility>
#include <QVBoxLayout>

#include "browser/json_highlighter.h"
#include "browser/message_table_model.h"

namespace kafkascope::ui {

namespace {

const char* formatKey(ValueFormat f) {
    switch (f) {
        case ValueFormat::Text: return "text";
        case ValueFormat::Json: return "json";
        case ValueFormat::Hex: return "hex";
        case ValueFormat::Base64: return "base64";
        default: return "auto";
    }
}

// A text document filled on a worker thread and pushed to the UI thread;
// deleted with the handoff unless the view took it.
class DocumentHandoff {
public:
    DocumentHandoff(const QString& text, const QFont& font, QThread* uiThread) : m_document(new QTextDocument) {
        m_document->setUndoRedoEnabled(false);
        m_document->setDocumentLayout(new QPlainTextDocumentLayout(m_document));
        m_document->setDefaultFont(font);
        m_document->setPlainText(text);
        m_document->moveToThread(uiThread);
    }
    // The document belongs to the UI thread by now, and this may run on the
    // worker (when the view is gone): deleteLater is safe from any thread.
    ~DocumentHandoff() {
        if (m_document) m_document->deleteLater();
    }
    DocumentHandoff(const DocumentHandoff&) = delete;
    DocumentHandoff& operator=(const DocumentHandoff&) = delete;

    QTextDocument* take() { return std::exchange(m_document, nullptr); }

private:
    QTextDocument* m_document;
};

}  // namespace

MessageDetailView::MessageDetailView(QWidget* parent)
    : QWidget(parent), m_relay(std::make_shared<ReplyRelay<MessageDetailView>>(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    m_summary = new QLabel(this);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->addItem(tr("Auto"), static_cast<int>(ValueFormat::Auto));
    m_format->addItem(tr("Text"), static_cast<int>(ValueFormat::Text));
    m_format->addItem(tr("JSON"), static_cast<int>(ValueFormat::Json));
    m_format->addItem(tr("Hex"), static_cast<int>(ValueFormat::Hex));
    m_format->addItem(tr("Base64"), static_cast<int>(ValueFormat::Base64));
    m_format->setToolTip(tr("How to show key and value; remembered for this topic"));
    m_loadAll = new QPushButton(tr("Load all"), this);
    m_loadAll->setVisible(false);
    bar->addWidget(m_summary, 1);
    bar->addWidget(m_loadAll);
    bar->addWidget(new QLabel(tr("Format:"), this));
    bar->addWidget(m_format);
    layout->addLayout(bar);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tabs = new QTabWidget(this);
    m_value = new QPlainTextEdit(this);
    m_key = new QPlainTextEdit(this);
    for (QPlainTextEdit* e : {m_value, m_key}) {
        e->setReadOnly(true);
        e->setFont(mono);
        e->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_headers = new QTableWidget(0, 2, this);
    m_headers->setHorizontalHeaderLabels({tr("Key"), tr("Value")});
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tabs->addTab(m_value, tr("Value"));
    m_tabs->addTab(m_key, tr("Key"));
    m_tabs->addTab(m_headers, tr("Headers"));
    layout->addWidget(m_tabs, 1);
    m_valueHighlighter = new JsonHighlighter(this);

    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_topic.isEmpty()) {
            QSettings().setValue(QStringLiteral("browser/format/") + m_topic,
                                 QString::fromLatin1(formatKey(chosenFormat())));
        }
        render();
    });
    connect(m_loadAll, &QPushButton::clicked, this, [this] {
        m_showAll = true;
        render();
    });
}

MessageDetailView::~MessageDetailView() { m_relay->detach(); }

ValueFormat MessageDetailView::chosenFormat() const { return static_cast<ValueFormat>(m_format->currentData().toInt()); }

void MessageDetailView::setTopic(const QString& topic) {
    m_topic = topic;
    const QString saved = QSettings().value(QStringLiteral("browser/format/") + topic, QStringLiteral("auto")).toString();
    int index = 0;
    for (int i = 0; i < m_format->count(); ++i) {
        if (QString::fromLatin1(formatKey(static_cast<ValueFormat>(m_format->itemData(i).toInt()))) == saved) index = i;
    }
    const QSignalBlocker block(m_format);
    m_format->setCurrentIndex(index);
}

void MessageDetailView::showMessage(std::shared_ptr<const browse::MessageStore> store, std::size_t row) {
    m_store = std::move(store);
    m_row = row;
    m_hasMessage = m_store && row < m_store->size();
    m_showAll = false;
    render();
}

void MessageDetailView::clear() {
    m_store.reset();
    m_hasMessage = false;
    render();
}

void MessageDetailView::render() {
    m_truncated = false;
    ++m_renderGeneration;
    m_rendering = false;
    if (!m_hasMessage) {
        m_summary->clear();
        m_value->clear();
        m_key->clear();
        m_headers->setRowCount(0);
        m_loadAll->setVisible(false);
        return;
    }
    const browse::MessageRef m = m_store->ref(m_row);
    const ValueFormat format = chosenFormat();
    m_summary->setText(tr("Partition %1, offset %2, %3, value %4")
                           .arg(m.partition)
                           .arg(m.offset)
                           .arg(timestampText(m.timestamp, m.timestamp_type))
                           .arg(m.value ? QLocale().formattedDataSize(static_cast<qint64>(m.value->size())) : tr("null")));
    m_loadAll->setVisible(false);
    renderValue(m.value, format);
    if (m.key) {
        // Keys are small in practice; a huge one is shown cut (rendered here,
        // so within what the UI thread renders for values).
        const RenderedPayload key = renderForDisplay(*m.key, format, kSyncRenderBytes, kFoldWidth);
        m_key->setPlainText(key.text);
        if (key.truncated) {
            m_summary->setText(m_summary->text() + tr(", key %1 (first %2 shown)")
                                                        .arg(QLocale().formattedDataSize(static_cast<qint64>(m.key->size())),
                                                             QLocale().formattedDataSize(static_cast<qint64>(kSyncRenderBytes))));
        }
    } else {
        m_key->setPlainText(tr("(null)"));
    }
    const auto headers = m.headers();
    m_headers->setRowCount(static_cast<int>(headers.size()));
    for (int i = 0; i < static_cast<int>(headers.size()); ++i) {
        const auto& h = headers[static_cast<std::size_t>(i)];
        m_headers->setItem(i, 0, new QTableWidgetItem(QString::fromUtf8(h.key.data(), static_cast<qsizetype>(h.key.size()))));
        m_headers->setItem(i, 1, new QTableWidgetItem(previewText(h.value, 1000)));
    }
}

void MessageDetailView::renderValue(const std::optional<browse::ByteSpan>& value, ValueFormat format) {
    m_valueHighlighter->setDocument(nullptr);
    if (!value) {
        m_value->setPlainText(tr("(null)"));
        Q_EMIT valueShown();
        return;
    }
    const std::size_t limit = m_showAll ? 0 : kPreviewBytes;
    if (value->size() <= kSyncRenderBytes) {
        showValue(renderForDisplay(*value, format, limit, kFoldWidth), value->size());
        return;
    }
    // Parsing, pretty-printing or hex-dumping megabytes takes longer than a
    // frame: do it on the pool; the store (shared, append-only) stays alive
    // through the captured pointer.
    m_rendering = true;
    m_value->setPlainText(tr("Rendering %1…").arg(QLocale().formattedDataSize(static_cast<qint64>(value->size()))));
    QThreadPool::globalInstance()->start([relay = m_relay, store = m_store, bytes = *value, format, limit,
                                          generation = m_renderGeneration, font = m_value->font(),
                                          uiThread = thread()] {
        (void)store;  // held only to keep `bytes` alive
        RenderedPayload payload = renderForDisplay(bytes, format, limit, kFoldWidth);
        // Filling a text document costs microseconds per line, so a
        // pretty-printed multi-MB JSON value would still stall the UI for
        // a second: the document is filled here and handed over.
        auto document = std::make_shared<DocumentHandoff>(payload.text, font, uiThread);
        payload.text.clear();
        relay->post([payload = std::move(payload), document, generation, size = bytes.size()](MessageDetailView* view) mutable {
            if (generation == view->m_renderGeneration) view->showValue(std::move(payload), size, document->take());
        });
    });
}

void MessageDetailView::showValue(RenderedPayload payload, std::size_t valueSize, QTextDocument* filled) {
    m_rendering = false;
    m_truncated = payload.truncated;
    if (filled) {
        filled->setParent(this);
        m_value->setDocument(filled);
        if (m_filledDocument) m_filledDocument->deleteLater();
        m_filledDocument = filled;
    } else {
        m_value->setPlainText(payload.text);
    }
    // QSyntaxHighlighter colours the whole document at once: a multi-MB
    // document would stall the UI, so big ones stay plain.
    if (payload.json && payload.characters <= kMaxColouredChars) m_valueHighlighter->setDocument(m_value->document());
    m_loadAll->setVisible(m_truncated);
    if (m_truncated) {
        m_loadAll->setText(tr("Load all (%1)").arg(QLocale().formattedDataSize(static_cast<qint64>(valueSize))));
    }
    m_value->setToolTip(payload.folds == 0 ? QString()
                                           : tr("Lines longer than %1 characters are shown folded; "
                                                "copy the message as JSON for the exact value")
                                                 .arg(kFoldWidth));
    Q_EMIT valueShown();
}

}  // namespace kafkascope::ui
