#include "browse/json_lines_reader.h"

#include <algorithm>

namespace kafkascope::browse {

JsonLinesReader::JsonLinesReader(std::istream& in, ImportOptions options) : in_(in), options_(options) {}

JsonLinesChunk JsonLinesReader::next(std::size_t max_messages) {
    JsonLinesChunk chunk;
    max_messages = std::max<std::size_t>(max_messages, 1);
    std::string line;
    while (!end_ && chunk.messages.size() < max_messages && chunk.errors.size() < max_messages) {
        if (!std::getline(in_, line)) {
            end_ = true;
            if (in_.bad()) chunk.errors.push_back({0, "read error after line " + std::to_string(line_)});
            break;
        }
        ++line_;
        bytes_ += line.size() + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines are not messages
        auto message = parse_json_line(line, line_, options_);
        if (!message) {
            chunk.errors.push_back({line_, message.error().message});
            continue;
        }
        chunk.messages.push_back(std::move(message).value());
        chunk.message_lines.push_back(line_);
    }
    return chunk;
}

}  // namespace kafkascope::browse
