#include "browser/json_highlighter.h"

namespace kafkascope::ui {

namespace {

QTextCharFormat coloured(const QColor& colour, bool bold = false) {
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold) f.setFontWeight(QFont::Bold);
    return f;
}

}  // namespace

JsonHighlighter::JsonHighlighter(QObject* parent) : QSyntaxHighlighter(parent) {
    // Later rules win: a member name is a string followed by ':'.
    m_rules.push_back({QRegularExpression(QStringLiteral(R"(-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b)")), coloured(QColor(0x09, 0x86, 0x58))});
    m_rules.push_back({QRegularExpression(QStringLiteral(R"(\b(true|false|null)\b)")), coloured(QColor(0x00, 0x00, 0xC0), true)});
    m_rules.push_back({QRegularExpression(QStringLiteral(R"("(\\.|[^"\\])*")")), coloured(QColor(0xA3, 0x15, 0x15))});
    m_rules.push_back({QRegularExpression(QStringLiteral(R"("(\\.|[^"\\])*"(?=\s*:))")), coloured(QColor(0x04, 0x51, 0xA5), true)});
}

void JsonHighlighter::highlightBlock(const QString& text) {
    for (const Rule& rule : m_rules) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(static_cast<int>(m.capturedStart()), static_cast<int>(m.capturedLength()), rule.format);
        }
    }
}

}  // namespace kafkascope::ui
