#pragma once
// Syntax colouring for pretty-printed JSON in the detail view: member names,
// strings, numbers and literals, one rule per token kind.

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>
#include <vector>

namespace kafkascope::ui {

class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    // Colours nothing until setDocument(); owned by `parent`, not by a
    // document, because the detail view swaps documents.
    explicit JsonHighlighter(QObject* parent);

protected:
    void highlightBlock(const QString& text) override;

private:
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    std::vector<Rule> m_rules;
};

}  // namespace kafkascope::ui
