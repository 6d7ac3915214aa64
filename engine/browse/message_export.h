#pragma once
// Messages out of the browser: JSON Lines (lossless), CSV (for
// spreadsheets), one message as JSON (copy), and as a producer message
// (re-produce / import).
//
// JSON Lines, one object per line:
//   {"topic":"t","partition":0,"offset":5,"timestamp":1700000000000,
//    "timestamp_type":"create_time","key":"k","value":"v",
//    "headers":[{"key":"h","value":"1"}]}
// key / value / header value are JSON strings when they are valid UTF-8,
// null when null, and otherwise base64 with a sibling
// "key_encoding"/"value_encoding":"base64" (a header object gets
// "value_encoding", and "key_encoding" if its key is not UTF-8). Reading it
// back (message_import.h) restores the exact bytes.

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "browse/message_store.h"
#include "producer/writer_config.h"

namespace kafkascope::browse {

// One JSON object, no trailing newline.
std::string to_json_line(const MessageRef& m, std::string_view topic);

// CSV (RFC 4180 quoting): partition,offset,timestamp,timestamp_type,key,value,headers
// Text fields that are not UTF-8 are written as "base64:<data>"; headers as
// k=v pairs joined with ';'. Not lossless: use JSON Lines for that.
std::string csv_header_line();
std::string to_csv_line(const MessageRef& m);

// Key, value, headers and timestamp of `m` as a message for the Writer.
producer::Message to_producer_message(const MessageRef& m);

}  // namespace kafkascope::browse
