#pragma once
// MessageDetailView: one message's key, value and headers as text, pretty
// JSON (coloured), hex dump or base64. The format is guessed per message;
// the user can pin one per topic (QSettings "browser/format/<topic>").
// A value above kPreviewBytes shows only its first kPreviewBytes until
// "Load all" is pressed. Values above kSyncRenderBytes are rendered on a
// worker thread, lines are folded at kFoldWidth characters and colouring
// stops above kMaxColouredChars, so neither selecting nor loading a
// multi-MB message stalls the UI.

#include <QWidget>
#include <memory>

#include "browse/message_store.h"
#include "bridge/reply_relay.h"
#include "browser/payload_text.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTabWidget;
class QTextDocument;

namespace kafkascope::ui {

class JsonHighlighter;

class MessageDetailView : public QWidget {
    Q_OBJECT

public:
    static constexpr std::size_t kPreviewBytes = 256 * 1024;
    static constexpr std::size_t kSyncRenderBytes = 16 * 1024;
    static constexpr qsizetype kFoldWidth = 4096;
    static constexpr qsizetype kMaxColouredChars = 1024 * 1024;

    explicit MessageDetailView(QWidget* parent = nullptr);
    ~MessageDetailView() override;

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
    // True while a big value is being rendered on the worker thread.
    bool isRendering() const { return m_rendering; }

Q_SIGNALS:
    void valueShown();  // the value's text is in valueEdit()

private:
    void render();
    void renderValue(const std::optional<browse::ByteSpan>& value, ValueFormat format);
    // `filled` is a document the worker filled with the text, or null.
    void showValue(RenderedPayload payload, std::size_t valueSize, QTextDocument* filled = nullptr);
    ValueFormat chosenFormat() const;

    QString m_topic;
    std::shared_ptr<const browse::MessageStore> m_store;
    std::size_t m_row = 0;
    bool m_hasMessage = false;
    bool m_showAll = false;
    bool m_truncated = false;
    bool m_rendering = false;
    quint64 m_renderGeneration = 0;  // a worker's result for an older one is dropped
    std::shared_ptr<ReplyRelay<MessageDetailView>> m_relay;
    QTextDocument* m_filledDocument = nullptr;  // the value edit's document once a worker filled one
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
