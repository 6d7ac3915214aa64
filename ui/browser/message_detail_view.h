#pragma once
// MessageDetailView: one message's key, value and headers as text, pretty
// JSON (coloured), hex dump or base64. The format is guessed per message;
// the user can pin one per topic (QSettings "browser/format/<topic>").
// A value above kPreviewBytes shows only its first kPreviewBytes until
// "Load all" is pressed, so a multi-MB message never stalls the UI when
// selected.

#include <QWidget>
#include <memory>

#include "browse/message_store.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;

namespace kafkascope::ui {

class JsonHighlighter;

enum class ValueFormat { Auto, Text, Json, Hex, Base64 };

// The format a payload looks like: JSON if it parses as an object or array,
// text if UTF-8, else hex.
ValueFormat guessFormat(browse::ByteSpan bytes);
// `bytes` rendered in `format` (Auto = guessed); used by the view and tests.
QString renderBytes(browse::ByteSpan bytes, ValueFormat format);

class MessageDetailView : public QWidget {
    Q_OBJECT

public:
    static constexpr std::size_t kPreviewBytes = 256 * 1024;

    explicit MessageDetailView(QWidget* parent = nullptr);

    void setTopic(const QString& topic);  // loads the topic's pinned format
    // Shows store row `row`; the store is kept alive while shown.
    void showMessage(std::shared_ptr<const browse::MessageStore> store, std::size_t row);
    void clear();

    QPlainTextEdit* valueEdit() const { return m_value; }
    QPlainTextEdit* keyEdit() const { return m_key; }
    QTableWidget* headersTable() const { return m_headers; }
    QComboBox* formatCombo() const { return m_format; }
    QPushButton* loadAllButton() const { return m_loadAll; }
    bool isTruncated() const { return m_truncated; }

private:
    void render();
    ValueFormat chosenFormat() const;

    QString m_topic;
    std::shared_ptr<const browse::MessageStore> m_store;
    std::size_t m_row = 0;
    bool m_hasMessage = false;
    bool m_showAll = false;
    bool m_truncated = false;
    QLabel* m_summary = nullptr;
    QComboBox* m_format = nullptr;
    QPushButton* m_loadAll = nullptr;
    QTabWidget* m_tabs = nullptr;
    QPlainTextEdit* m_value = nullptr;
    QPlainTextEdit* m_key = nullptr;
    QTableWidget* m_headers = nullptr;
    JsonHighlighter* m_valueHighlighter = nullptr;
};

}  // namespace kafkascope::ui
