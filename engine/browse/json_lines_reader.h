#pragma once
// Reads a JSON Lines export (message_export.h) in chunks for an import that
// must go on past bad input: a malformed line is skipped and reported with
// its line number, the rest is read. Chunks bound memory and let the caller
// hand each one to a Writer while the next is read.
//
// Not thread-safe: one reader per thread (the import job's worker).

#include <cstddef>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "browse/message_import.h"
#include "producer/writer_config.h"

namespace kafkascope::browse {

struct LineError {
    std::size_t line = 0;  // 1-based; 0 for a read error of the stream itself
    std::string message;   // names the line ("line 7: ...")
};

struct JsonLinesChunk {
    std::vector<producer::Message> messages;
    std::vector<std::size_t> message_lines;  // the line each message came from
    std::vector<LineError> errors;           // bad lines of this chunk, in order
};

class JsonLinesReader {
public:
    explicit JsonLinesReader(std::istream& in, ImportOptions options = {});

    // Reads until the chunk holds `max_messages` messages (or as many errors),
    // or the stream ends. An empty chunk means the end.
    JsonLinesChunk next(std::size_t max_messages);
    bool at_end() const noexcept { return end_; }
    std::size_t lines_read() const noexcept { return line_; }
    std::uint64_t bytes_read() const noexcept { return bytes_; }

private:
    std::istream& in_;
    ImportOptions options_;
    std::size_t line_ = 0;
    std::uint64_t bytes_ = 0;
    bool end_ = false;
};

}  // namespace kafkascope::browse
