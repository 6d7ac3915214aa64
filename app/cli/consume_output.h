#pragma once
// Output of `kafkascope-cli consume`, shared by the partition and group
// modes: one line per message (JSON or text) and the ReaderStats document
// for --stats-json.
//
// JSON line: {"topic", "partition", "offset", "high_watermark", "timestamp",
// "key", "value", "headers": [{"key", "value"}]}. Bytes that are valid UTF-8
// are written as strings, anything else as {"base64": "..."}; null stays null.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "consumer/message.h"
#include "consumer/reader_stats.h"

namespace kafkascope::cli {

bool is_valid_utf8(std::string_view bytes);
std::string base64_encode(std::string_view bytes);

void write_message_json_line(const consumer::Message& message, std::ostream& out);
// kcat-like: "topic [partition] @offset: key=<key> value" (null shown as NULL).
void write_message_text_line(const consumer::Message& message, std::ostream& out);

// {"readers": [ {every ReaderStats field; durations in microseconds} ]}
void write_stats_json(const std::vector<consumer::ReaderStats>& stats, std::ostream& out);

}  // namespace kafkascope::cli
