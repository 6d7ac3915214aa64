#include "browser/message_detail_view.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include "browse/text_encoding.h"
#include "browser/json_highlighter.h"
#include "browser/message_table_model.h"

namespace kafkascope::ui {

namespace {

QByteArray toByteArray(browse::ByteSpan bytes) {
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
}

QString hexDump(browse::ByteSpan bytes) {
    QString out;
    out.reserve(static_cast<qsizetype>(bytes.size() / 16 + 1) * 78);
    for (std::size_t line = 0; line < bytes.size(); line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (std::size_t i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                out += QStringLiteral("%1 ").arg(bytes[i], 2, 16, QLatin1Char('0'));
                ascii += (bytes[i] >= 0x20 && bytes[i] < 0x7F) ? QLatin1Char(static_cast<char>(bytes[i])) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
            if (i == line + 7) out += QLatin1Char(' ');
        }
        out += QLatin1Char(' ') + ascii + QLatin1Char('\n');
    }
    return out;
}

const char* formatKey(ValueFormat f) {
    switch (f) {
        case ValueFormat::Text: return "text";
        case ValueFormat::Json: return "json";
        case ValueFormat::Hex: return "hex";
        case ValueFormat::Base64: return "base64";
        default: return "auto";
    }
}

}  // namespace

ValueFormat guessFormat(browse::ByteSpan bytes) {
    if (!browse::is_valid_utf8(bytes)) return ValueFormat::Hex;
    std::size_t i = 0;
    while (i < bytes.size() && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) ++i;
    if (i < bytes.size() && (bytes[i] == '{' || bytes[i] == '[')) {
        QJsonParseError error;
        QJsonDocument::fromJson(toByteArray(bytes), &error);
        if (error.error == QJsonParseError::NoError) return ValueFormat::Json;
    }
    return ValueFormat::Text;
}

QString renderBytes(browse::ByteSpan bytes, ValueFormat format) {
    if (format == ValueFormat::Auto) format = guessFormat(bytes);
    switch (format) {
        case ValueFormat::Json: {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(toByteArray(bytes), &error);
            if (error.error == QJsonParseError::NoError) return QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
            return QString::fromUtf8(toByteArray(bytes));  // not JSON (or cut): as text
        }
        case ValueFormat::Hex: return hexDump(bytes);
        case ValueFormat::Base64: return QString::fromStdString(browse::base64_encode(bytes));
        default: return QString::fromUtf8(toByteArray(bytes));
    }
}

MessageDetailView::MessageDetailView(QWidget* parent) : QWidget(parent) {
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
    m_valueHighlighter = new JsonHighlighter(m_value->document());

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
    const std::size_t valueSize = m.value ? m.value->size() : 0;
    m_summary->setText(tr("Partition %1, offset %2, %3, value %4")
                           .arg(m.partition)
                           .arg(m.offset)
                           .arg(timestampText(m.timestamp, m.timestamp_type))
                           .arg(m.value ? QLocale().formattedDataSize(static_cast<qint64>(valueSize)) : tr("null")));
    auto show = [&](QPlainTextEdit* edit, const std::optional<browse::ByteSpan>& bytes, bool isValue) {
        if (!bytes) {
            edit->setPlainText(tr("(null)"));
            return;
        }
        browse::ByteSpan shown = *bytes;
        if (isValue && !m_showAll && shown.size() > kPreviewBytes) {
            shown = shown.first(kPreviewBytes);
            m_truncated = true;
        }
        // Guess from the part shown: a cut JSON document is shown as text.
        edit->setPlainText(renderBytes(shown, format));
    };
    m_valueHighlighter->setDocument(nullptr);
    show(m_value, m.value, true);
    const bool json = m.value && (format == ValueFormat::Json ||
                                  (format == ValueFormat::Auto && !m_truncated && guessFormat(*m.value) == ValueFormat::Json));
    if (json) m_valueHighlighter->setDocument(m_value->document());
    show(m_key, m.key, false);
    m_loadAll->setVisible(m_truncated);
    if (m_truncated) {
        m_loadAll->setText(tr("Load all (%1)").arg(QLocale().formattedDataSize(static_cast<qint64>(valueSize))));
    }
    const auto headers = m.headers();
    m_headers->setRowCount(static_cast<int>(headers.size()));
    for (int i = 0; i < static_cast<int>(headers.size()); ++i) {
        const auto& h = headers[static_cast<std::size_t>(i)];
        m_headers->setItem(i, 0, new QTableWidgetItem(QString::fromUtf8(h.key.data(), static_cast<qsizetype>(h.key.size()))));
        m_headers->setItem(i, 1, new QTableWidgetItem(previewText(h.value, 1000)));
    }
}

}  // namespace kafkascope::ui
