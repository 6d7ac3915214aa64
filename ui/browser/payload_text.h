#pragma once
// Turning a key or value into the text the detail view shows: plain text,
// pretty-printed JSON, a hex dump or base64. Pure functions of the bytes, so
// the detail view can run them on a worker thread for big values.

#include <QString>

#include "browse/message_store.h"

namespace kafkascope::ui {

enum class ValueFormat { Auto, Text, Json, Hex, Base64 };

// The format a payload looks like: JSON if it parses as an object or array,
// text if UTF-8, else hex.
ValueFormat guessFormat(browse::ByteSpan bytes);
// `bytes` rendered in `format` (Auto = guessed), whole and unfolded.
QString renderBytes(browse::ByteSpan bytes, ValueFormat format);

// Text widgets lay out a line as one paragraph, and a single 5 MB line takes
// seconds; lines of a few thousand characters are laid out only when
// visible. So the view breaks lines longer than `width` characters; returns
// how many breaks it added (0 = the text is unchanged).
std::size_t foldLongLines(QString& text, qsizetype width);

// What the detail view shows for one value, computed off the UI thread.
struct RenderedPayload {
    QString text;
    bool json = false;        // pretty-printed JSON: worth colouring
    bool truncated = false;   // only the first `limit` bytes are shown
    std::size_t folds = 0;    // line breaks added by foldLongLines
    qsizetype characters = 0; // of `text` (kept when text moves into a document)
};

// `bytes` cut to `limit` bytes (no cut when limit is 0), rendered and folded.
// A cut JSON document is guessed (and shown) as text.
RenderedPayload renderForDisplay(browse::ByteSpan bytes, ValueFormat format, std::size_t limit, qsizetype foldWidth);

}  // namespace kafkascope::ui
