#include "browser/payload_text.h"

#include <optional>

#include "browse/json_pretty.h"
#include "browse/text_encoding.h"

namespace kafkascope::ui {

namespace {

QByteArray toByteArray(browse::ByteSpan bytes) {
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), static_cast<qsizetype>(bytes.size()));
}

// "00000010  7b 22 61 22 ...  {"a"..." with 16 bytes a line. Written into a
// pre-sized buffer: formatting each byte through QString::arg made a 5 MB
// value take seconds.
QString hexDump(browse::ByteSpan bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    static constexpr qsizetype kLineChars = 8 + 2 + 16 * 3 + 1 + 1 + 16 + 1;  // offset, gap, bytes, mid gap, gap, ascii, \n
    const qsizetype lines = static_cast<qsizetype>((bytes.size() + 15) / 16);
    QString out(lines * kLineChars, QLatin1Char(' '));
    QChar* p = out.data();
    for (std::size_t line = 0; line < bytes.size(); line += 16) {
        QChar* const start = p;
        for (int shift = 28; shift >= 0; shift -= 4) *p++ = QLatin1Char(kDigits[(line >> shift) & 0xF]);
        p += 2;
        QChar* ascii = start + 8 + 2 + 16 * 3 + 1 + 1;
        for (std::size_t i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                const std::uint8_t b = bytes[i];
                p[0] = QLatin1Char(kDigits[b >> 4]);
                p[1] = QLatin1Char(kDigits[b & 0xF]);
                *ascii++ = (b >= 0x20 && b < 0x7F) ? QLatin1Char(static_cast<char>(b)) : QLatin1Char('.');
            }
            p += 3;
            if (i == line + 7) ++p;
        }
        p = start + kLineChars;
        *(p - 1) = QLatin1Char('\n');
        // A short last line ends right after its ascii column.
        if (line + 16 > bytes.size()) {
            const qsizetype used = (ascii - out.data()) + 1;
            out[used - 1] = QLatin1Char('\n');
            out.truncate(used);
        }
    }
    return out;
}

// The document re-indented (member order, numbers and escapes as written),
// or nothing when `bytes` is not a JSON object or array.
std::optional<QString> prettyJson(browse::ByteSpan bytes) {
    auto pretty = browse::pretty_json(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
    if (!pretty) return std::nullopt;
    return QString::fromUtf8(pretty->data(), static_cast<qsizetype>(pretty->size()));
}

// Calls `lineBreakAt(i)` for each position where a line has reached `width`
// characters; returns how many there were.
template <class F>
std::size_t forEachFold(const QString& text, qsizetype width, F&& lineBreakAt) {
    std::size_t folds = 0;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('\n')) {
            lineStart = i + 1;
        } else if (i - lineStart == width) {
            lineBreakAt(i);
            lineStart = i;
            ++folds;
        }
    }
    return folds;
}

}  // namespace

ValueFormat guessFormat(browse::ByteSpan bytes) {
    if (!browse::is_valid_utf8(bytes)) return ValueFormat::Hex;
    return prettyJson(bytes) ? ValueFormat::Json : ValueFormat::Text;
}

QString renderBytes(browse::ByteSpan bytes, ValueFormat format) { return renderForDisplay(bytes, format, 0, 0).text; }

std::size_t foldLongLines(QString& text, qsizetype width) {
    if (width <= 0) return 0;
    const std::size_t folds = forEachFold(text, width, [](qsizetype) {});
    if (folds == 0) return 0;
    QString out;
    out.reserve(text.size() + static_cast<qsizetype>(folds));
    qsizetype copied = 0;
    forEachFold(text, width, [&](qsizetype at) {
        out.append(QStringView(text).sliced(copied, at - copied));
        out += QLatin1Char('\n');
        copied = at;
    });
    out.append(QStringView(text).sliced(copied));
    text = std::move(out);
    return folds;
}

RenderedPayload renderForDisplay(browse::ByteSpan bytes, ValueFormat format, std::size_t limit, qsizetype foldWidth) {
    RenderedPayload out;
    if (limit != 0 && bytes.size() > limit) {
        // Cut before a UTF-8 continuation byte, so text stays text.
        std::size_t cut = limit;
        while (cut > 0 && limit - cut < 3 && (bytes[cut] & 0xC0) == 0x80) --cut;
        bytes = bytes.first(cut);
        out.truncated = true;
    }
    if (format == ValueFormat::Auto && !browse::is_valid_utf8(bytes)) format = ValueFormat::Hex;
    switch (format) {
        case ValueFormat::Hex: out.text = hexDump(bytes); break;
        case ValueFormat::Base64: out.text = QString::fromStdString(browse::base64_encode(bytes)); break;
        case ValueFormat::Text: out.text = QString::fromUtf8(toByteArray(bytes)); break;
        case ValueFormat::Auto:
        case ValueFormat::Json:
            if (auto pretty = prettyJson(bytes)) {
                out.text = *std::move(pretty);
                out.json = true;
            } else {
                out.text = QString::fromUtf8(toByteArray(bytes));  // not JSON (or cut): as text
            }
            break;
    }
    out.folds = foldLongLines(out.text, foldWidth);
    out.characters = out.text.size();
    return out;
}

}  // namespace kafkascope::ui
